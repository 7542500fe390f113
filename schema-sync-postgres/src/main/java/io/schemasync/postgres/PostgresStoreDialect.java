package io.schemasync.postgres;

import io.schemasync.internal.rollout.store.StoreDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The rollout control store in PostgreSQL, in its own schema {@value #SCHEMA} (never a tenant).
 * Workers on several machines claim tasks with {@code FOR UPDATE SKIP LOCKED}, so two never get the
 * same task and none waits for another's claim; leases are measured by the server's clock.
 */
final class PostgresStoreDialect implements StoreDialect {
  static final String SCHEMA = "schemasync_control";

  /**
   * Serializes the first creation of the tables (and of the rollout markers' table) by several
   * workers starting at once.
   */
  static final long INIT_LOCK = 0x53594E43_434F4E54L; // "SYNC" "CONT"

  @Override
  public String table(String name) {
    return PgNames.qualified(SCHEMA, name);
  }

  @Override
  public void initialize(Connection connection, String[] createTables) throws SQLException {
    begin(connection);
    try (Statement st = connection.createStatement()) {
      st.execute("SELECT pg_advisory_xact_lock(" + INIT_LOCK + ")");
      st.execute("CREATE SCHEMA IF NOT EXISTS " + PgNames.quote(SCHEMA));
      for (String sql : createTables) {
        st.execute(sql);
      }
      commit(connection);
    } catch (SQLException e) {
      rollback(connection);
      throw e;
    }
  }

  @Override
  public void begin(Connection connection) throws SQLException {
    connection.setAutoCommit(false);
  }

  @Override
  public void commit(Connection connection) throws SQLException {
    connection.commit();
    connection.setAutoCommit(true);
  }

  @Override
  public void relaxDurability(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute("SET LOCAL synchronous_commit = off");
    }
  }

  @Override
  public void rollback(Connection connection) throws SQLException {
    try {
      connection.rollback();
      connection.setAutoCommit(true);
    } catch (SQLException ignored) {
      // the connection is gone; the server has rolled the transaction back
    }
  }

  @Override
  public long now(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public String claimLocking() {
    return "FOR UPDATE SKIP LOCKED";
  }
}
