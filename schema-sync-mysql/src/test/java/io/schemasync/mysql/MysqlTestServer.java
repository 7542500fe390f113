package io.schemasync.mysql;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the MySQL-family server the tests run against: {@code SCHEMA_SYNC_TEST_MYSQL_URL} when set,
 * else the local server on 127.0.0.1:3306 (root, empty password) when it answers. Without either,
 * tests are skipped with a loud message — or fail when {@code CI=true}, so a green build always
 * means the database tests ran. (No Docker engine is assumed, so Testcontainers is not tried.)
 */
final class MysqlTestServer {
  static final String ENV = "SCHEMA_SYNC_TEST_MYSQL_URL";
  private static final String LOCAL = "jdbc:mysql://127.0.0.1:3306/?user=root&password=";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static String resolved;
  private static String problem;

  private MysqlTestServer() {}

  /**
   * The server's JDBC URL (with credentials); skips or fails the calling test when there is none.
   */
  static synchronized String url() {
    if (resolved == null && problem == null) {
      resolve();
    }
    if (resolved == null) {
      String message =
          "NO MySQL/MariaDB SERVER FOR TESTS: "
              + problem
              + ". Set "
              + ENV
              + " or start MariaDB on 127.0.0.1:3306 (see TESTING.md).";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError(message);
      }
      System.err.println("SKIPPED: " + message);
      Assumptions.abort(message);
    }
    return resolved;
  }

  private static void resolve() {
    String env = System.getenv(ENV);
    String candidate = env != null && !env.isBlank() ? env : LOCAL;
    try (Connection c = DriverManager.getConnection(candidate)) {
      c.isValid(5);
      resolved = candidate;
    } catch (SQLException e) {
      problem =
          (env != null ? ENV + " does not answer" : "nothing answers on 127.0.0.1:3306")
              + " ("
              + e.getMessage()
              + ")";
    }
  }

  static Connection connect() throws SQLException {
    return DriverManager.getConnection(url());
  }

  /** A fresh database name no other test uses; create it with {@link Databases}. */
  static String uniqueName(String prefix) {
    byte[] random = new byte[5];
    RANDOM.nextBytes(random);
    return prefix + "_" + HexFormat.of().formatHex(random);
  }

  static void exec(String database, String... statements) throws SQLException {
    try (Connection c = connect()) {
      if (database != null) {
        c.setCatalog(database);
      }
      try (Statement st = c.createStatement()) {
        for (String sql : statements) {
          st.execute(sql);
        }
      }
    }
  }

  /** Databases a test creates; {@link #close()} drops them all. */
  static final class Databases implements AutoCloseable {
    private final List<String> names = new ArrayList<>();

    String create(String prefix) throws SQLException {
      String name = uniqueName(prefix);
      exec(null, "CREATE DATABASE " + MysqlNames.quote(name));
      names.add(name);
      return name;
    }

    /** Registers a database something else will create, so it is dropped too. */
    String reserve(String name) {
      names.add(name);
      return name;
    }

    @Override
    public void close() throws SQLException {
      for (String name : names) {
        exec(null, "DROP DATABASE IF EXISTS " + MysqlNames.quote(name));
      }
    }
  }
}
