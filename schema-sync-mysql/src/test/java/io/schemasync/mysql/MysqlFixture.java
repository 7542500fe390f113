package io.schemasync.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.Target;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.spi.ConnectionSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/** Shared steps of the integration tests: adapters, targets from SQL, engines, row counts. */
final class MysqlFixture {
  private MysqlFixture() {}

  static MysqlAdapter adapter() {
    return (MysqlAdapter)
        new MysqlAdapterProvider().open(ConnectionSettings.of(MysqlTestServer.url()));
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
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The scratch databases on the server now (of any process). */
  static Set<String> scratchDatabases() throws SQLException {
    Set<String> names = new HashSet<>();
    try (Connection c = MysqlTestServer.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA"
                    + " WHERE SCHEMA_NAME LIKE '\\_schema\\_sync\\_scratch\\_%'")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  /**
   * Fails when a scratch database that was not there {@code before} outlives the test. Builds
   * running at the same time on the same server make short-lived ones of their own, so a new one
   * only counts when it is still there a few seconds later.
   */
  static void assertNoScratchLeft(Set<String> before) throws SQLException, InterruptedException {
    Set<String> left = new HashSet<>(scratchDatabases());
    left.removeAll(before);
    if (!left.isEmpty()) {
      Thread.sleep(3000);
      left.retainAll(scratchDatabases());
    }
    assertThat(left).as("scratch databases left behind").isEmpty();
  }
}
