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
 * Finds the MySQL-family server the tests run against, in this order:
 *
 * <ol>
 *   <li>{@code SCHEMA_SYNC_TEST_MYSQL_URL}, when set (a JDBC URL with credentials);
 *   <li>a container of the image named by {@code -Dschemasync.test.mysql.image} or {@code
 *       SCHEMA_SYNC_TEST_MYSQL_IMAGE} (e.g. {@code mysql:8.0}), when one is named: asking for an
 *       image means that server, even if another answers locally;
 *   <li>the local server on 127.0.0.1:3306 (root, empty password), when it answers;
 *   <li>a {@code mysql:8.0} container through Testcontainers, when a Docker engine is available;
 *   <li>otherwise the tests are skipped with a loud message — or fail when {@code CI=true}, so a
 *       green build always means the database tests ran.
 * </ol>
 *
 * Testcontainers is only loaded when a container is needed, so a machine without Docker pays
 * nothing for it.
 */
final class MysqlTestServer {
  static final String ENV = "SCHEMA_SYNC_TEST_MYSQL_URL";
  static final String IMAGE_PROPERTY = "schemasync.test.mysql.image";
  static final String IMAGE_ENV = "SCHEMA_SYNC_TEST_MYSQL_IMAGE";
  static final String DEFAULT_IMAGE = "mysql:8.0";
  private static final String LOCAL = "jdbc:mysql://127.0.0.1:3306/?user=root&password=";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static String resolved;
  private static String problem;
  private static AssertionError failure;

  private MysqlTestServer() {}

  /**
   * The server's JDBC URL (with credentials); skips or fails the calling test when there is none.
   */
  static synchronized String url() {
    if (failure != null) {
      throw failure;
    }
    if (resolved == null && problem == null) {
      resolve();
    }
    if (resolved == null) {
      String message =
          "NO MySQL/MariaDB SERVER FOR TESTS: "
              + problem
              + ". Set "
              + ENV
              + ", start MariaDB on 127.0.0.1:3306 (see TESTING.md), or run a Docker engine"
              + " (-D"
              + IMAGE_PROPERTY
              + "=mysql:8.0 picks the image).";
      skipOrFail(message);
    }
    return resolved;
  }

  /** Skips the test with a loud message, or fails it when {@code CI=true}. */
  private static void skipOrFail(String message) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(message);
    }
    System.err.println("SKIPPED: " + message);
    Assumptions.abort(message);
  }

  /**
   * Skips a test of a MariaDB-only feature on a MySQL server, loudly; fails instead when {@code
   * CI=true}, where the server is MariaDB (TESTING.md) and a skip would hide the test.
   */
  static void requireMariaDb(String feature) {
    boolean mariaDb;
    try (MysqlAdapter adapter = MysqlFixture.adapter()) {
      mariaDb = adapter.flavor().mariaDb();
    }
    if (!mariaDb) {
      skipOrFail(feature + " is MariaDB-only and the test server is MySQL");
    }
  }

  private static void resolve() {
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      String why = answers(env);
      if (why == null) {
        resolved = env;
      } else {
        problem = ENV + " does not answer (" + why + ")";
      }
      return;
    }
    String image = requestedImage();
    if (image != null) {
      // Asked for by name: that server or none, never silently another one.
      try {
        resolved = MysqlContainer.start(image);
      } catch (RuntimeException | LinkageError e) {
        failure =
            new AssertionError(
                "the MySQL image " + image + " was asked for but its container did not start: " + e,
                e);
        throw failure;
      }
      return;
    }
    String local = answers(LOCAL);
    if (local == null) {
      resolved = LOCAL;
      return;
    }
    if (MysqlContainer.dockerAvailable()) {
      resolved = MysqlContainer.start(DEFAULT_IMAGE);
      return;
    }
    problem = "nothing answers on 127.0.0.1:3306 (" + local + ") and no Docker engine was found";
  }

  /** The image named by the system property or the environment variable, or null. */
  static String requestedImage() {
    String image = System.getProperty(IMAGE_PROPERTY);
    if (image == null || image.isBlank()) {
      image = System.getenv(IMAGE_ENV);
    }
    return image == null || image.isBlank() ? null : image.trim();
  }

  /** Null when the server answers, else why not. */
  private static String answers(String url) {
    try (Connection c = DriverManager.getConnection(url)) {
      return c.isValid(5) ? null : "the connection is not valid";
    } catch (SQLException e) {
      return e.getMessage();
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
