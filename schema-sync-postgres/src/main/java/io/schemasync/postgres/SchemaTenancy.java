package io.schemasync.postgres;

import io.schemasync.api.TenantContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/**
 * One database, one schema per tenant: every tenant is read in one catalog pass. Tenants are the
 * schemas except the system ones, the rollout control store's, scratch schemas, and {@code public}
 * unless named explicitly (most databases keep extensions and shared objects there).
 */
final class SchemaTenancy implements Tenancy {
  static final String LIST_TENANTS =
      "SELECT nspname FROM pg_namespace WHERE nspname <> 'information_schema'"
          + " AND nspname <> 'public' AND nspname NOT LIKE 'pg\\_%'"
          + " AND nspname <> '"
          + PostgresStoreDialect.SCHEMA
          + "'"
          + " AND nspname NOT LIKE '"
          + PgNames.SCRATCH_PREFIX.replace("_", "\\_")
          + "%'"
          + " ORDER BY nspname";

  private final DataSource dataSource;

  SchemaTenancy(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public TenantContext tenant(String id) {
    return PgNames.tenant(id);
  }

  @Override
  public String schema(TenantContext tenant) {
    return tenant.id();
  }

  @Override
  public Connection connect(TenantContext tenant) throws SQLException {
    return connect();
  }

  /** A connection to the database every tenant is in, in autocommit; the caller closes it. */
  Connection connect() throws SQLException {
    return dataSource.getConnection();
  }

  @Override
  public List<TenantContext> list() throws SQLException {
    return Tenancy.listed(dataSource, LIST_TENANTS, PgNames::tenant);
  }

  @Override
  public boolean exists(TenantContext tenant) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return PostgresInspector.schemaExists(c, tenant.id());
    }
  }

  @Override
  public Collection<List<TenantContext>> passes(Collection<TenantContext> tenants) {
    return List.of(List.copyOf(tenants));
  }

  @Override
  public String kind() {
    return "schema";
  }

  /** Every tenant is in one pass. */
  @Override
  public int concurrentPasses() {
    return 1;
  }

  @Override
  public void close() {
    // the data source belongs to the adapter
  }
}
