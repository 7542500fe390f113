package io.schemasync.sqlite.internal;

import io.schemasync.api.InvalidTenantException;
import io.schemasync.api.TenantContext;
import io.schemasync.api.UnableToConnectException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The single tenant behind an application's data source. Its id is the database file's name without
 * extension when the driver reports one, {@code main} otherwise.
 */
public final class DataSourceTenant implements TenantStore {
  private final DataSource dataSource;
  private final TenantContext tenant;
  private final Path file;

  public DataSourceTenant(DataSource dataSource) {
    this.dataSource = dataSource;
    Path found = null;
    try (Connection connection = dataSource.getConnection()) {
      String url = connection.getMetaData().getURL();
      if (url != null && url.startsWith("jdbc:sqlite:")) {
        String rest =
            url.substring("jdbc:sqlite:".length())
                .replaceFirst("\\?.*$", "")
                .replaceFirst("^file:", "");
        if (!rest.isBlank() && !rest.startsWith(":")) {
          found = Path.of(rest).toAbsolutePath().normalize();
        }
      }
    } catch (SQLException e) {
      throw new UnableToConnectException(null, "cannot open a connection from the data source", e);
    }
    this.file = found;
    String stem =
        found == null ? "main" : found.getFileName().toString().replaceFirst("\\.[^.]*$", "");
    this.tenant = TenantIds.isValid(stem) ? TenantContext.of(stem) : TenantContext.of("main");
  }

  @Override
  public TenantContext tenant(String id) {
    if (!tenant.id().equals(id)) {
      TenantContext.of(id);
      throw new InvalidTenantException(
          id, "this adapter works on one data source whose only tenant is '" + tenant.id() + "'");
    }
    return tenant;
  }

  @Override
  public List<TenantContext> list() {
    return List.of(tenant);
  }

  @Override
  public boolean exists(TenantContext t) {
    return true;
  }

  @Override
  public Connection open(TenantContext t, boolean write, Duration busyTimeout) throws SQLException {
    Connection connection = dataSource.getConnection();
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "PRAGMA busy_timeout = " + Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  @Override
  public Optional<Path> file(TenantContext t) {
    return Optional.ofNullable(file);
  }

  @Override
  public String describe(TenantContext t) {
    return file == null ? "the data source" : file.toString();
  }
}
