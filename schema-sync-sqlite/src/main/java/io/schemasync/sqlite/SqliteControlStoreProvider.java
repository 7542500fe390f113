package io.schemasync.sqlite;

import io.schemasync.api.UnableToConnectException;
import io.schemasync.internal.rollout.store.JdbcControlStore;
import io.schemasync.spi.ControlStore;
import io.schemasync.spi.ControlStoreProvider;
import io.schemasync.sqlite.internal.SqliteConnections;
import io.schemasync.sqlite.internal.SqliteStoreDialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The default control store: rollout jobs in one SQLite file ({@code jdbc:sqlite:PATH}, created
 * with its directory when missing), no server needed. Several worker processes on one machine may
 * share it: claims take the write lock with {@code BEGIN IMMEDIATE} and wait up to a minute for it.
 */
public final class SqliteControlStoreProvider implements ControlStoreProvider {
  private static final Duration BUSY_TIMEOUT = Duration.ofMinutes(1);

  @Override
  public String name() {
    return "sqlite";
  }

  @Override
  public boolean acceptsUrl(String url) {
    return url != null && url.startsWith("jdbc:sqlite:");
  }

  @Override
  public ControlStore open(String url, String user, String password) {
    String rest = url.substring("jdbc:sqlite:".length());
    int query = rest.indexOf('?');
    Path file = Path.of(query >= 0 ? rest.substring(0, query) : rest).toAbsolutePath().normalize();
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Connection connection = SqliteConnections.open(file, true, BUSY_TIMEOUT);
      return new JdbcControlStore(connection, new SqliteStoreDialect(), url);
    } catch (IOException | SQLException e) {
      throw new UnableToConnectException(
          null,
          "cannot open the control store "
              + file
              + ": "
              + e.getMessage()
              + "; give a writable file with --control jdbc:sqlite:PATH",
          e);
    }
  }
}
