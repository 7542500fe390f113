package io.schemasync.postgres;

import io.schemasync.api.UnableToConnectException;
import io.schemasync.internal.JdbcUrls;
import io.schemasync.internal.rollout.store.JdbcControlStore;
import io.schemasync.spi.ControlStore;
import io.schemasync.spi.ControlStoreProvider;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Rollout control stores in a PostgreSQL database ({@code jdbc:postgresql:...}), for rollouts whose
 * workers run on several machines: tasks are claimed with {@code FOR UPDATE SKIP LOCKED}. The
 * tables live in the schema {@code schemasync_control}, which is never taken for a tenant.
 */
public final class PostgresControlStoreProvider implements ControlStoreProvider {
  @Override
  public String name() {
    return "postgres";
  }

  @Override
  public boolean acceptsUrl(String url) {
    return url != null && url.startsWith("jdbc:postgresql:");
  }

  @Override
  public ControlStore open(String url, String user, String password) {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    String masked = JdbcUrls.mask(url);
    Connection connection;
    try {
      connection = DriverManager.getConnection(url, properties);
    } catch (SQLException e) {
      throw new UnableToConnectException(
          null,
          "cannot open the control store "
              + masked
              + "; check host, port, database and credentials",
          e);
    }
    try {
      return new JdbcControlStore(connection, new PostgresStoreDialect(), masked);
    } catch (RuntimeException e) {
      try {
        connection.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }
}
