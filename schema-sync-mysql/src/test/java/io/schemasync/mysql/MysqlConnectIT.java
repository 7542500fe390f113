package io.schemasync.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.UnableToConnectException;
import io.schemasync.spi.ConnectionSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Connection failures are clear and never carry the password. */
class MysqlConnectIT {
  @Test
  void aWrongPasswordIsReportedWithoutThePassword() {
    MysqlTestServer.url();
    String secret = "s3cret-Pa55word";
    Throwable viaUrl =
        catchThrowable(
            () ->
                SchemaSync.builder()
                    .url("jdbc:mysql://127.0.0.1:3306/?user=nobody_here&password=" + secret)
                    .build());
    Throwable viaSettings =
        catchThrowable(
            () ->
                new MysqlAdapterProvider()
                    .open(
                        new ConnectionSettings(
                            "jdbc:mysql://127.0.0.1:3306/",
                            "nobody_here",
                            secret,
                            Map.of(),
                            null)));
    for (Throwable t : new Throwable[] {viaUrl, viaSettings}) {
      assertThat(t)
          .isInstanceOf(UnableToConnectException.class)
          .hasMessageContaining("cannot connect");
      for (Throwable c = t; c != null; c = c.getCause()) {
        assertThat(String.valueOf(c.getMessage())).doesNotContain(secret);
        assertThat(c.toString()).doesNotContain(secret);
      }
    }
    assertThat(viaUrl).hasMessageContaining("password=***");
  }
}
