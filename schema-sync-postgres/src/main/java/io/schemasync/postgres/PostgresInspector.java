package io.schemasync.postgres;

import io.schemasync.api.InvalidTenantException;
import io.schemasync.api.TenantContext;
import io.schemasync.api.UnableToInspectSchemaException;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.spi.SchemaInspector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reads tenants' schemas from pg_catalog in read-only transactions. {@link #inspectAll} reads any
 * number of schemas with the same handful of queries as one; {@link #inspect} is the one-schema
 * case of it. Needs only the right to connect: catalogs are readable by every role.
 */
final class PostgresInspector implements SchemaInspector {
  /**
   * Schemas that are never tenants: the system's, the rollout control store's, scratch schemas, and
   * {@code public} unless named explicitly.
   */
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

  PostgresInspector(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public List<TenantContext> listTenants() {
    List<TenantContext> tenants = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(LIST_TENANTS);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String name = rs.getString(1);
        try {
          tenants.add(PgNames.tenant(name));
        } catch (InvalidTenantException e) {
          // a schema no tenant id can name (control characters) is not a tenant
        }
      }
    } catch (SQLException e) {
      throw new UnableToInspectSchemaException(null, "cannot list the schemas of the database", e);
    }
    tenants.sort(null);
    return tenants;
  }

  @Override
  public boolean exists(TenantContext tenant) {
    try (Connection c = dataSource.getConnection()) {
      return exists(c, tenant.id());
    } catch (SQLException e) {
      throw new UnableToInspectSchemaException(
          tenant.id(), "cannot check whether its schema exists", e);
    }
  }

  static boolean exists(Connection c, String schema) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  @Override
  public SchemaSnapshot inspect(TenantContext tenant) {
    return inspectAll(List.of(tenant)).get(tenant);
  }

  @Override
  public Map<TenantContext, SchemaSnapshot> inspectAll(Collection<TenantContext> tenants) {
    if (tenants.isEmpty()) {
      return Map.of();
    }
    List<String> schemas = tenants.stream().map(TenantContext::id).toList();
    Map<String, SchemaSnapshot> read;
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      c.setReadOnly(true);
      try {
        read = CatalogReader.read(c, schemas);
      } finally {
        c.rollback();
        c.setReadOnly(false);
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new UnableToInspectSchemaException(
          schemas.size() == 1 ? schemas.get(0) : null,
          "cannot read the catalog"
              + (schemas.size() == 1 ? "" : " of " + schemas.size() + " schemas"),
          e);
    }
    return byTenant(tenants, read);
  }

  /** Inspects inside the caller's transaction, e.g. to verify before COMMIT. */
  static SchemaSnapshot inspect(Connection c, TenantContext tenant) throws SQLException {
    return byTenant(List.of(tenant), CatalogReader.read(c, List.of(tenant.id()))).get(tenant);
  }

  private static Map<TenantContext, SchemaSnapshot> byTenant(
      Collection<TenantContext> tenants, Map<String, SchemaSnapshot> read) {
    Map<TenantContext, SchemaSnapshot> result = new LinkedHashMap<>();
    for (TenantContext tenant : tenants) {
      SchemaSnapshot snapshot = read.get(tenant.id());
      if (snapshot == null) {
        throw new InvalidTenantException(
            tenant.id(),
            "no such schema in this database; list tenants with 'inspect' or sync it first");
      }
      result.put(tenant, snapshot);
    }
    return result;
  }
}
