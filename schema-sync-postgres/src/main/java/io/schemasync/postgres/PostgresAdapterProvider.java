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
import java.util.HashMap;
import java.util.Map;
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
    HikariConfig config = new HikariConfig();
    settings
        .properties()
        .forEach(
            (k, v) -> {
              if (k.startsWith(RunnerSettings.PREFIX)) {
                own.put(k, v);
              } else {
                config.addDataSourceProperty(k, v);
              }
            });
    RunnerSettings runnerSettings = RunnerSettings.from(own);
    // A password in the URL moves to the pool's password, so no URL that is logged carries it.
    String url = settings.url();
    String password = settings.password();
    Matcher m = PASSWORD_PARAM.matcher(url);
    if (m.find()) {
      password = java.net.URLDecoder.decode(m.group(2), java.nio.charset.StandardCharsets.UTF_8);
      url = m.replaceFirst(m.group(3).isEmpty() ? "" : "$1");
    }
    config.setJdbcUrl(url);
    config.setUsername(settings.user());
    config.setPassword(password);
    config.setMaximumPoolSize(runnerSettings.poolSize());
    config.setMinimumIdle(1);
    config.setPoolName("schema-sync-postgres");
    config.setConnectionTimeout(10_000);
    config.setExceptionOverrideClassName(KeepConnectionOnDdlErrors.class.getName());
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config); // fails fast: one attempt to connect
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
    return new PostgresAdapter(pool, pool, runnerSettings);
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
