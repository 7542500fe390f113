package io.schemasync.mysql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.schemasync.api.UnableToConnectException;
import io.schemasync.spi.AdapterProvider;
import io.schemasync.spi.ConnectionSettings;
import io.schemasync.spi.DatabaseAdapter;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The MySQL-family provider ({@code mysql}): accepts {@code jdbc:mysql:} URLs and servers reporting
 * as MySQL or MariaDB, through MySQL Connector/J. The URL names a server; its databases, minus the
 * system ones, are the tenants.
 */
public final class MysqlAdapterProvider implements AdapterProvider {
  static final String NAME = "mysql";

  /**
   * Each tenant being migrated holds two connections (its GET_LOCK session and its DDL session),
   * plus one for inspection: ten serve a rollout running four tenants at once. Idle ones close.
   */
  private static final int POOL_SIZE = 10;

  private static final long CONNECT_TIMEOUT_MILLIS = 10_000;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean acceptsUrl(String jdbcUrl) {
    return jdbcUrl != null && jdbcUrl.startsWith("jdbc:mysql:");
  }

  @Override
  public boolean acceptsProduct(String databaseProductName) {
    return databaseProductName != null
        && (databaseProductName.equalsIgnoreCase("MySQL")
            || databaseProductName.equalsIgnoreCase("MariaDB"));
  }

  @Override
  public DatabaseAdapter open(ConnectionSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(settings.url());
    if (settings.user() != null) {
      config.setUsername(settings.user());
    }
    if (settings.password() != null) {
      config.setPassword(settings.password());
    }
    settings.properties().forEach(config::addDataSourceProperty);
    config.setMaximumPoolSize(POOL_SIZE);
    config.setMinimumIdle(0);
    config.setPoolName("schema-sync-mysql");
    config.setConnectionTimeout(CONNECT_TIMEOUT_MILLIS);
    config.setExceptionOverrideClassName(KeepConnectionOnDdlErrors.class.getName());
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      // Not chained: a driver exception may echo connection properties.
      throw new UnableToConnectException(
          null,
          "cannot connect to "
              + settings.maskedUrl()
              + "; check that the server runs, the URL, the user and the password ("
              + safe(e, settings)
              + ")");
    }
    try {
      return new MysqlAdapter(pool, pool, flavor(pool, settings.maskedUrl()));
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  @Override
  public DatabaseAdapter open(DataSource dataSource) {
    return new MysqlAdapter(dataSource, null, flavor(dataSource, "the data source"));
  }

  private static ServerFlavor flavor(DataSource dataSource, String where) {
    try (Connection c = dataSource.getConnection()) {
      return ServerFlavor.detect(c);
    } catch (SQLException | HikariPool.PoolInitializationException e) {
      throw new UnableToConnectException(
          null,
          "cannot connect to "
              + where
              + "; check that the server runs, the URL, the user and the password",
          e);
    }
  }

  /** The exception's message with the password removed, should a driver have echoed it. */
  private static String safe(RuntimeException e, ConnectionSettings settings) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = String.valueOf(root.getMessage());
    if (settings.password() != null && !settings.password().isEmpty()) {
      message = message.replace(settings.password(), "***");
    }
    return io.schemasync.internal.JdbcUrls.mask(message);
  }
}
