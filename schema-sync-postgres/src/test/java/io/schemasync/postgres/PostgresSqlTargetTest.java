package io.schemasync.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.schemasync.api.InvalidTargetException;
import io.schemasync.api.SchemaSync;
import io.schemasync.api.Target;
import io.schemasync.api.TenantContext;
import io.schemasync.api.TenantResult;
import io.schemasync.api.TenantStatus;
import io.schemasync.api.model.SchemaSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** SQL DDL targets: run in a scratch schema that is always dropped, errors name file and line. */
class PostgresSqlTargetTest {
  @TempDir Path dir;
  @RegisterExtension final PostgresTenantFixture db = new PostgresTenantFixture("sqlt");
  private final String tenant = db.tenant();

  @Test
  void aSqlFileTargetConvergesAndLeavesNoScratchSchema() throws Exception {
    Path file = dir.resolve("schema.sql");
    Files.writeString(file, Fixtures.EVERYTHING);
    try (SchemaSync sync =
        SchemaSync.builder().adapter(db.adapter()).target(Target.of(file)).build()) {
      TenantResult first = sync.sync(tenant);
      assertThat(first.failure()).isNull();
      assertThat(first.status()).isEqualTo(TenantStatus.APPLIED);
      assertThat(sync.sync(tenant).status()).isEqualTo(TenantStatus.IN_SYNC);
      SchemaSnapshot live = db.adapter().inspector().inspect(TenantContext.of(tenant));
      assertThat(live).isEqualTo(sync.target());
    }
    assertThat(scratchSchemasSettle()).isZero();
  }

  @Test
  void aFailingStatementNamesTheFileAndLine() throws Exception {
    String script =
        "CREATE TABLE a (id integer);\n\nCREATE TABLE b (\n  id integer,\n  x nosuchtype\n);\n";
    assertThatThrownBy(() -> db.adapter().snapshotOfSql(script, "schema.sql"))
        .isInstanceOf(InvalidTargetException.class)
        .hasMessageContaining("schema.sql:5")
        .hasMessageContaining("nosuchtype");
    assertThatThrownBy(
            () -> db.adapter().snapshotOfSql("CREATE TABLE a (id int);\nCOMMIT;", "s.sql"))
        .isInstanceOf(InvalidTargetException.class)
        .hasMessageContaining("s.sql:2")
        .hasMessageContaining("transaction statements");
    assertThat(scratchSchemasSettle()).isZero();
  }

  /** Scratch schemas left; other suites on the same server may hold one for a moment. */
  private static int scratchSchemasSettle() throws InterruptedException {
    int left = scratchSchemas();
    for (int i = 0; i < 50 && left > 0; i++) {
      Thread.sleep(200);
      left = scratchSchemas();
    }
    return left;
  }

  private static int scratchSchemas() {
    try (Connection c = PostgresTestServer.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM pg_namespace WHERE nspname LIKE '"
                    + PgNames.SCRATCH_PREFIX.replace("_", "\\_")
                    + "%'")) {
      rs.next();
      return rs.getInt(1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
