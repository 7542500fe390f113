package io.schemasync.postgres;

import io.schemasync.api.InvalidTenantException;
import io.schemasync.api.TenantContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Where the tenants of one adapter live: a schema each in one database ({@link SchemaTenancy}, the
 * default), or a database each on one server with their objects in a fixed schema ({@link
 * DatabaseTenancy}, {@code schemasync.tenancy=database}). Everything else in the adapter asks it
 * for a tenant's connection and schema, so both read, lock and run the same way.
 */
sealed interface Tenancy extends AutoCloseable permits SchemaTenancy, DatabaseTenancy {
  /** Validates an id as a tenant of this kind. */
  TenantContext tenant(String id);

  /** The schema holding the tenant's objects. */
  String schema(TenantContext tenant);

  /** A connection to the tenant's database, in autocommit; the caller closes it. */
  Connection connect(TenantContext tenant) throws SQLException;

  /** Every tenant, sorted by id. */
  List<TenantContext> list() throws SQLException;

  /** Whether the tenant's database and schema exist. */
  boolean exists(TenantContext tenant) throws SQLException;

  /**
   * The tenants in groups that one connection can read in one catalog pass: every tenant at once
   * when they share a database, one group per database otherwise.
   */
  Collection<List<TenantContext>> passes(Collection<TenantContext> tenants);

  /** What "missing" means for a tenant, for messages: "schema", "database". */
  String kind();

  /** How many of its {@link #passes} may be read at once, each on its own connection. */
  int concurrentPasses();

  @Override
  void close();

  /**
   * The tenants a listing query returns, sorted; names no tenant id can have (control characters,
   * reserved names) are not tenants and are passed over.
   */
  static List<TenantContext> listed(
      DataSource dataSource, String sql, Function<String, TenantContext> tenant)
      throws SQLException {
    List<TenantContext> tenants = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        try {
          tenants.add(tenant.apply(rs.getString(1)));
        } catch (InvalidTenantException e) {
          // not a tenant
        }
      }
    }
    tenants.sort(null);
    return tenants;
  }
}
