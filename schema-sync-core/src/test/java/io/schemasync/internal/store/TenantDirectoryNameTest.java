package io.schemasync.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TenantDirectoryNameTest {
  @Test
  void plainLowerCaseIdsStayReadable() {
    assertThat(TenantDirectoryName.of("tenant_42-eu")).isEqualTo("tenant_42-eu");
  }

  @Test
  void everythingElseIsEscapedByteByByte() {
    assertThat(TenantDirectoryName.of("A/b")).isEqualTo(".41.2fb");
    assertThat(TenantDirectoryName.of("..")).isEqualTo(".2e.2e");
    assertThat(TenantDirectoryName.of("\u00e9")).isEqualTo(".c3.a9");
  }

  @Test
  void windowsDeviceNamesAreEscaped() {
    assertThat(TenantDirectoryName.of("con")).isEqualTo(".63on");
    assertThat(TenantDirectoryName.of("lpt1.x")).isEqualTo(".6cpt1.2ex");
    assertThat(TenantDirectoryName.of("console")).isEqualTo("console");
  }

  @Test
  void longIdsEndInTheirHash() {
    String a = "\u65e5".repeat(100);
    String b = "\u65e5".repeat(99) + "x";

    assertThat(TenantDirectoryName.of(a)).hasSizeLessThan(200).contains("~");
    assertThat(TenantDirectoryName.of(a)).isNotEqualTo(TenantDirectoryName.of(b));
  }
}
