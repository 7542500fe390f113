package io.schemasync.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.schemasync.api.UnableToConnectException;
import io.schemasync.spi.AdapterProvider;
import io.schemasync.spi.ConnectionSettings;
import io.schemasync.spi.DatabaseAdapter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Provides the PostgreSQL adapter for {@code jdbc:postgresql:} URLs and data sources reporting the
 * product {@code PostgreSQL}. Cheap to instantiate: connects only in {@link #open}.
 */
public final class PostgresAdapterProvider implements AdapterProvider {
  static final String NAME = "postgres";

  private static final Pattern PASSWORD_PARAM =
      Pattern.compile("([?&])password=([^&]*)(&?)", Pattern.CASE_INSENSITIVE);

  /** {@code jdbc:postgresql://hosts} {@code /database} {@code ?parameters}. */
  private static final Pattern SERVER =
      Pattern.compile("(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean acceptsUrl(String jdbcUrl) {
    return jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:");
  }

  @Override
  public boolean acceptsProduct(String databaseProductName) {
    return "PostgreSQL".equals(databaseProductName);
  }

  @Override
  public DatabaseAdapter open(ConnectionSettings settings) {
    Map<String, String> own = new HashMap<>();
    Map<String, String> driver = new HashMap<>();
    settings
        .properties()
        .forEach((k, v) -> (k.startsWith(RunnerSettings.PREFIX) ? own : driver).put(k, v));
    // A password in the URL moves to the pool's password, so no URL that is logged carries it;
    // schemasync.* parameters move to the adapter's settings, never to the driver.
    String url = settings.url();
    String password = settings.password();
    Matcher m = PASSWORD_PARAM.matcher(url);
    if (m.find()) {
      password = java.net.URLDecoder.decode(m.group(2), java.nio.charset.StandardCharsets.UTF_8);
      url = m.replaceFirst(m.group(3).isEmpty() ? "" : "$1");
    }
    url = takeOwnParameters(url, own);
    RunnerSettings runnerSettings = RunnerSettings.from(own);
    TenancySettings tenancy = TenancySettings.from(own);
    String home = url;
    String user = settings.user();
    String secret = password;
    Function<String, HikariDataSource> pools =
        database ->
            pool(
                withDatabase(home, database),
                user,
                secret,
                driver,
                runnerSettings.poolSize(),
                0,
                "schema-sync-postgres-" + database);
    HikariDataSource pool;
    try {
      pool = pool(url, user, secret, driver, runnerSettings.poolSize(), 1, "schema-sync-postgres");
    } catch (HikariPool.PoolInitializationException e) {
      throw new UnableToConnectException(
          null,
          "cannot connect to "
              + settings.maskedUrl()
              + "; check host, port, database name and credentials",
          sqlCause(e));
    }
    try (Connection c = pool.getConnection()) {
      String product = c.getMetaData().getDatabaseProductName();
      if (!acceptsProduct(product)) {
        throw new UnableToConnectException(
            null,
            settings.maskedUrl()
                + " is a "
                + product
                + " database, not PostgreSQL; choose the adapter for "
                + product);
      }
    } catch (SQLException e) {
      pool.close();
      throw new UnableToConnectException(
          null,
          "cannot connect to "
              + settings.maskedUrl()
              + "; check host, port, database name and credentials",
          sqlCause(e));
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    if (!tenancy.databases()) {
      return PostgresAdapter.ofSchemas(pool, pool, runnerSettings);
    }
    DatabaseTenancy databases =
        new DatabaseTenancy(pool, pools, tenancy.tenantSchema(), tenancy.databasePools());
    return new PostgresAdapter(
        pool,
        pool,
        runnerSettings,
        databases,
        new ScratchSchema(pool, databases, tenancy.tenantSchema()));
  }

  /** A pool that fails fast: one attempt to connect when it is created. */
  private static HikariDataSource pool(
      String url,
      String user,
      String password,
      Map<String, String> driverProperties,
      int size,
      int minimumIdle,
      String name) {
    HikariConfig config = new HikariConfig();
    driverProperties.forEach(config::addDataSourceProperty);
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(minimumIdle);
    config.setPoolName(name);
    config.setConnectionTimeout(10_000);
    config.setExceptionOverrideClassName(KeepConnectionOnDdlErrors.class.getName());
    return new HikariDataSource(config);
  }

  /** Moves {@code schemasync.*} query parameters of the URL into {@code own}. */
  static String takeOwnParameters(String url, Map<String, String> own) {
    int query = url.indexOf('?');
    if (query < 0) {
      return url;
    }
    List<String> kept = new ArrayList<>();
    for (String parameter : url.substring(query + 1).split("&")) {
      int eq = parameter.indexOf('=');
      String key = eq < 0 ? parameter : parameter.substring(0, eq);
      if (key.startsWith(RunnerSettings.PREFIX)) {
        own.putIfAbsent(
            key,
            eq < 0
                ? ""
                : java.net.URLDecoder.decode(
                    parameter.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
      } else if (!parameter.isEmpty()) {
        kept.add(parameter);
      }
    }
    return url.substring(0, query) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
  }

  /** The same server URL naming another database: {@code jdbc:postgresql://host:5432/other?...}. */
  static String withDatabase(String url, String database) {
    Matcher m = SERVER.matcher(url);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "database-per-tenant needs a URL of the form jdbc:postgresql://host[:port]/[database]"
              + "[?parameters], not "
              + url);
    }
    return m.group(1)
        + "/"
        + java.net.URLEncoder.encode(database, java.nio.charset.StandardCharsets.UTF_8)
            .replace("+", "%20")
        + (m.group(3) == null ? "" : m.group(3));
  }

  @Override
  public DatabaseAdapter open(DataSource dataSource) {
    return PostgresAdapter.over(dataSource);
  }

  /** The driver's own error, not the pool's wrapper, whose text may repeat configuration. */
  private static Throwable sqlCause(Throwable e) {
    Throwable deepest = e;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException) {
        deepest = t;
      }
    }
    return deepest;
  }
}
