package io.schemasync.mysql;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.Target;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.spi.ConnectionSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Shared steps of the integration tests: adapters, targets from SQL, engines, row counts. */
final class MysqlFixture {
  private MysqlFixture() {}

  static MysqlAdapter adapter() {
    return (MysqlAdapter) new MysqlAdapterProvider().open(ConnectionSettings.of(MysqlTestServer.url()));
  }

  /** The schema a DDL script builds, read back by the adapter (through a scratch database). */
  static SchemaSnapshot schemaOf(String... statements) {
    try (MysqlAdapter adapter = adapter()) {
      return adapter.snapshotOfSql(String.join(";\n", statements), "test.sql");
    }
  }

  static SchemaSync engine(SchemaSnapshot target, boolean allowDestructive) {
    return SchemaSync.builder()
        .url(MysqlTestServer.url())
        .target(new Target.Snapshot(target))
        .allowDestructive(allowDestructive)
        .build();
  }

  static long count(String database, String sql) throws SQLException {
    try (Connection c = MysqlTestServer.connect()) {
      c.setCatalog(database);
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  static long scratchDatabases() throws SQLException {
    return count("information_schema",
        "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '\\_schema\\_sync\\_scratch\\_%'");
  }
}
