package io.schemasync.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** The PostgreSQL server of TESTING.md, for the command line's tests that need one. */
final class PostgresServer {
  private PostgresServer() {}

  /** The server's URL; skipped without one, failed under CI=true. */
  static String url() {
    String env = System.getenv("SCHEMA_SYNC_TEST_POSTGRES_URL");
    String url =
        env != null && !env.isBlank() ? env : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    Properties props = new Properties();
    props.setProperty("connectTimeout", "3");
    try (Connection c = DriverManager.getConnection(url, props)) {
      if (c.isValid(3)) {
        return url;
      }
    } catch (SQLException e) {
      // reported below
    }
    String message =
        "NO POSTGRESQL SERVER for the command line's PostgreSQL tests: set SCHEMA_SYNC_TEST_POSTGRES_URL or"
            + " start PostgreSQL on 127.0.0.1:5432 (see TESTING.md)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(message);
    }
    System.err.println("*** SKIPPING *** " + message);
    Assumptions.abort(message);
    return null;
  }

  static void exec(String url, String... sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    }
  }

  static long count(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
