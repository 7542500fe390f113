package io.schemasync.postgres;

import static org.assertj.core.api.Assertions.fail;

import io.schemasync.spi.ConnectionSettings;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the PostgreSQL server the tests run against: the URL in {@code
 * SCHEMA_SYNC_TEST_POSTGRES_URL}, else the local server on 127.0.0.1:5432 (database {@code test},
 * user {@code postgres}) when it answers. Testcontainers is not wired in yet. Without a server the
 * tests are skipped with a loud message, except under {@code CI=true}, where they fail.
 */
public final class PostgresTestServer {
  static final String ENV = "SCHEMA_SYNC_TEST_POSTGRES_URL";
  static final String LOCAL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static volatile String url;

  private PostgresTestServer() {}

  /** The JDBC URL of a reachable server, or the test is skipped (failed on CI). */
  public static synchronized String url() {
    if (url != null) {
      return url;
    }
    String candidate = System.getenv(ENV);
    if (candidate != null && !candidate.isBlank()) {
      if (!answers(candidate)) {
        fail(
            ENV
                + " is set but the server does not answer: "
                + ConnectionSettings.of(candidate).maskedUrl());
      }
      url = candidate;
      return url;
    }
    if (answers(LOCAL)) {
      url = LOCAL;
      return url;
    }
    String message =
        "NO POSTGRESQL SERVER: set "
            + ENV
            + " or start PostgreSQL on 127.0.0.1:5432"
            + " (see TESTING.md); Docker/Testcontainers is not used by this module";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message);
    }
    System.err.println("*** SKIPPING POSTGRESQL TESTS *** " + message);
    Assumptions.abort(message);
    return null;
  }

  private static boolean answers(String jdbcUrl) {
    Properties props = new Properties();
    props.setProperty("connectTimeout", "3");
    try (Connection c = DriverManager.getConnection(jdbcUrl, props)) {
      return c.isValid(3);
    } catch (SQLException e) {
      return false;
    }
  }

  /** The server's URL with one query parameter set (replaced when present). */
  public static String withParameter(String name, String value) {
    String base = url().replaceAll("([?&])" + name + "=[^&]*&?", "$1");
    if (base.endsWith("&") || base.endsWith("?")) {
      base = base.substring(0, base.length() - 1);
    }
    return base + (base.contains("?") ? "&" : "?") + name + "=" + value;
  }

  /** A direct connection (not pooled) for setting up and checking from the side. */
  public static Connection connect() throws SQLException {
    return DriverManager.getConnection(url());
  }

  /** A fresh schema name nobody else uses: {@code prefix_<random>}. */
  public static String uniqueName(String prefix) {
    byte[] bytes = new byte[5];
    RANDOM.nextBytes(bytes);
    return prefix + "_" + HexFormat.of().formatHex(bytes);
  }

  /** Runs statements on a direct connection, in autocommit. */
  public static void exec(String... sql) {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** The first column of the first row of a query, as text (null when there is no row). */
  public static String query(String sql) {
    try (Connection c = connect();
        Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** The first column of the first row of a query, as a number: a count, mostly. */
  public static long count(String sql) {
    return Long.parseLong(query(sql));
  }

  /** The server's URL for another database of it (same host, port and parameters). */
  public static String urlOf(String database) {
    return url().replaceFirst("(jdbc:postgresql://[^/?]*)/[^?]*", "$1/" + database);
  }

  /** Runs statements in autocommit on another database of the server. */
  public static void execIn(String database, String... sql) {
    try (Connection c = DriverManager.getConnection(urlOf(database));
        Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** The first column of the first row of a query on another database, as text. */
  public static String queryIn(String database, String sql) {
    try (Connection c = DriverManager.getConnection(urlOf(database));
        Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Creates a throwaway database (from template1: extensions are installed per database). */
  public static void createDatabase(String name) {
    exec("CREATE DATABASE " + PgNames.quote(name));
  }

  /** Drops a database if it exists, ending any session still connected to it. */
  public static void dropDatabase(String name) {
    exec("DROP DATABASE IF EXISTS " + PgNames.quote(name) + " WITH (FORCE)");
  }

  /** Opens an adapter on another database of the test server, with extra properties. */
  public static PostgresAdapter openDatabase(String database, Map<String, String> properties) {
    return (PostgresAdapter)
        new PostgresAdapterProvider()
            .open(new ConnectionSettings(urlOf(database), null, null, properties, null));
  }

  /** Drops the schemas, with everything in them, if they exist. */
  public static void drop(String... schemas) {
    for (String schema : schemas) {
      exec("DROP SCHEMA IF EXISTS " + PgNames.quote(schema) + " CASCADE");
    }
  }

  /** Opens an adapter on the test server through the provider, with extra properties. */
  public static PostgresAdapter open(Map<String, String> properties) {
    return (PostgresAdapter)
        new PostgresAdapterProvider()
            .open(new ConnectionSettings(url(), null, null, properties, null));
  }

  public static PostgresAdapter open() {
    return open(Map.of());
  }
}
