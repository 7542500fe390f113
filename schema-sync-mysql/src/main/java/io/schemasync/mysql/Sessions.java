package io.schemasync.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** Statement execution and session settings for DDL connections. */
final class Sessions {
  /** ER_LOCK_WAIT_TIMEOUT: a metadata lock or row lock was not granted in time. */
  static final int LOCK_WAIT_TIMEOUT = 1205;

  /** How to put back the session settings of connections handed out by {@link #forDdl}. */
  private static final java.util.Map<Connection, String> RESTORE =
      new java.util.concurrent.ConcurrentHashMap<>();

  private Sessions() {}

  /** A connection whose default database is the given one, set up for DDL. */
  static Connection forDdl(javax.sql.DataSource dataSource, String database, Duration lockWait)
      throws SQLException {
    Connection c = dataSource.getConnection();
    try {
      c.setAutoCommit(true);
      try (Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery("SELECT @@SESSION.lock_wait_timeout, @@SESSION.sql_mode")) {
        rs.next();
        RESTORE.put(
            c,
            "SET SESSION lock_wait_timeout = "
                + rs.getLong(1)
                + ", sql_mode = "
                + MysqlNames.literal(rs.getString(2)));
      }
      c.setCatalog(database);
      long seconds = Math.max(1, (lockWait.toMillis() + 999) / 1000);
      execute(c, "SET SESSION lock_wait_timeout = " + seconds);
      // Literals are rendered with backslash escapes doubled, which needs backslashes to escape.
      // Strict mode: without it MySQL fits the rows a change does not fit (a narrower type, NOT
      // NULL over NULLs) by cutting or zeroing them, with only a warning, in the rehearsal and in
      // the real run alike; with it the step fails and the rows stay as they are.
      execute(
          c,
          "SET SESSION sql_mode = CONCAT_WS(',',"
              + " NULLIF(REPLACE(@@SESSION.sql_mode, 'NO_BACKSLASH_ESCAPES', ''), ''),"
              + " 'STRICT_ALL_TABLES')");
      return c;
    } catch (SQLException e) {
      RESTORE.remove(c);
      c.close();
      throw e;
    }
  }

  /** Puts the session variables back before the connection returns to a pool it may share. */
  static void release(Connection c) {
    if (c == null) {
      return;
    }
    try {
      String restore = RESTORE.remove(c);
      if (restore != null) {
        execute(c, restore);
      }
    } catch (SQLException ignored) {
      // The connection is closed below either way; a broken one is evicted by the pool.
    } finally {
      try {
        c.close();
      } catch (SQLException ignored) {
        // nothing left to release
      }
    }
  }

  static void execute(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      // JDBC escape processing would rewrite {fn ...} / {d ...} inside quoted names and literals.
      st.setEscapeProcessing(false);
      st.execute(sql);
    }
  }

  static void execute(Connection c, String sql, Duration timeout) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.setEscapeProcessing(false);
      if (!timeout.isZero()) {
        st.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
      }
      st.execute(sql);
    }
  }

  static String queryString(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /**
   * One column ({@code TABLE_ROWS}, {@code TABLE_COLLATION}, ...) of a table's row in {@code
   * information_schema.TABLES}, or null when there is no such table.
   */
  static String tableProperty(Connection c, String db, String table, String column)
      throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT "
                + column
                + " FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
      st.setString(1, db);
      st.setString(2, table);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }
}
