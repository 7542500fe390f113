package io.schemasync.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.schemasync.api.InvalidTenantException;
import org.junit.jupiter.api.Test;

class MysqlNamesTest {
  @Test
  void quotingDoublesBackticksAndNothingElse() {
    assertThat(MysqlNames.quote("a`b")).isEqualTo("`a``b`");
    assertThat(MysqlNames.quote("x\"; DROP DATABASE y; --"))
        .isEqualTo("`x\"; DROP DATABASE y; --`");
    assertThat(MysqlNames.literal("it's \\ ok")).isEqualTo("'it''s \\\\ ok'");
  }

  @Test
  void tenantIdsMysqlCannotHoldAreRejectedWithTheReason() {
    assertThat(MysqlNames.tenant("tenant_1").id()).isEqualTo("tenant_1");
    assertThat(MysqlNames.tenant("ü`; DROP x").id()).isEqualTo("ü`; DROP x");
    assertThat(MysqlNames.tenant("d".repeat(64)).id()).hasSize(64);
    assertThatThrownBy(() -> MysqlNames.tenant("d".repeat(65)))
        .isInstanceOf(InvalidTenantException.class)
        .hasMessageContaining("64 characters");
    assertThatThrownBy(() -> MysqlNames.tenant("trailing "))
        .hasMessageContaining("end with a space");
    assertThatThrownBy(() -> MysqlNames.tenant("a/b")).hasMessageContaining("directory");
    assertThatThrownBy(() -> MysqlNames.tenant("a\\b")).hasMessageContaining("directory");
    assertThatThrownBy(() -> MysqlNames.tenant("a.b")).hasMessageContaining("directory");
    assertThatThrownBy(() -> MysqlNames.tenant("MySQL")).hasMessageContaining("system database");
    assertThatThrownBy(() -> MysqlNames.tenant("information_schema"))
        .hasMessageContaining("system database");
    assertThatThrownBy(() -> MysqlNames.tenant("_schema_sync_scratch_1"))
        .hasMessageContaining("reserved");
    assertThatThrownBy(() -> MysqlNames.tenant("a\u0000b"))
        .isInstanceOf(InvalidTenantException.class);
    assertThatThrownBy(() -> MysqlNames.tenant("emoji_😀"))
        .hasMessageContaining("Basic Multilingual Plane");
  }

  @Test
  void lockNamesAndFittedNamesStayWithinMysqlLimits() {
    assertThat(MysqlNames.lockName("x".repeat(64))).hasSizeLessThanOrEqualTo(64);
    assertThat(MysqlNames.lockName("a")).isNotEqualTo(MysqlNames.lockName("b"));
    String long1 = MysqlNames.fit("t".repeat(70) + "_ibfk_1");
    String long2 = MysqlNames.fit("t".repeat(70) + "_ibfk_2");
    assertThat(long1).hasSize(64).isNotEqualTo(long2);
    assertThat(MysqlNames.fit("short")).isEqualTo("short");
  }
}
