package io.schemasync.sqlite;

import io.schemasync.api.InvalidTenantException;
import io.schemasync.api.TenantContext;
import io.schemasync.api.UnableToInspectSchemaException;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.spi.SchemaInspector;
import io.schemasync.sqlite.internal.CatalogReader;
import io.schemasync.sqlite.internal.TenantStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Reads SQLite tenants' schemas through read-only connections, which never create a file; see
 * {@link SqliteDialect} for the form of what it reports. Thread-safe.
 */
public final class SqliteInspector implements SchemaInspector {
  private final TenantStore store;
  private final Duration busyTimeout;

  SqliteInspector(TenantStore store, Duration busyTimeout) {
    this.store = store;
    this.busyTimeout = busyTimeout;
  }

  @Override
  public List<TenantContext> listTenants() {
    return store.list();
  }

  @Override
  public boolean exists(TenantContext tenant) {
    return store.exists(tenant);
  }

  @Override
  public SchemaSnapshot inspect(TenantContext tenant) {
    if (!store.exists(tenant)) {
      throw new InvalidTenantException(
          tenant.id(),
          "no database file " + store.describe(tenant) + "; sync the tenant to create it");
    }
    try (Connection connection = store.open(tenant, false, busyTimeout)) {
      return readConsistently(connection);
    } catch (SQLException e) {
      throw new UnableToInspectSchemaException(
          tenant.id(), "cannot read the schema of " + store.describe(tenant), e);
    }
  }

  /**
   * Reads in one read transaction: the catalog is read by several queries (sqlite_schema, then
   * pragmas per table), and between two of them another process could commit DDL (drop the table
   * whose columns are read next). Inside the transaction every query reads the same state of the
   * file; a writer waits for it, up to its busy timeout, in rollback-journal mode.
   */
  static SchemaSnapshot readConsistently(Connection connection) throws SQLException {
    connection.setAutoCommit(false);
    try {
      return inspect(connection);
    } finally {
      connection.rollback();
      connection.setAutoCommit(true);
    }
  }

  /** The schema of the database a connection is open on (inside its transaction, if any). */
  public static SchemaSnapshot inspect(Connection connection) throws SQLException {
    return CatalogReader.read(connection);
  }
}
