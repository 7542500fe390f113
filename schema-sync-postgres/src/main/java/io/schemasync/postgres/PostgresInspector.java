package io.schemasync.postgres;

import io.schemasync.api.InvalidTenantException;
import io.schemasync.api.SchemaSyncException;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * Reads tenants' schemas from pg_catalog in read-only transactions. {@link #inspectAll} reads any
 * number of tenants of one database with the same handful of queries as one (database-per-tenant:
 * the same queries once per database); {@link #inspect} is the one-tenant case of it. Needs only
 * the right to connect: catalogs are readable by every role.
 */
final class PostgresInspector implements SchemaInspector {
  private static final ThreadFactory PASS_THREADS =
      runnable -> {
        Thread thread = new Thread(runnable, "schema-sync-postgres-read");
        thread.setDaemon(true);
        return thread;
      };

  private final Tenancy tenancy;

  PostgresInspector(Tenancy tenancy) {
    this.tenancy = tenancy;
  }

  @Override
  public List<TenantContext> listTenants() {
    try {
      return tenancy.list();
    } catch (SQLException e) {
      throw new UnableToInspectSchemaException(
          null, "cannot list the " + tenancy.kind() + "s of the server", e);
    }
  }

  @Override
  public boolean exists(TenantContext tenant) {
    try {
      return tenancy.exists(tenant);
    } catch (SQLException e) {
      throw new UnableToInspectSchemaException(
          tenant.id(), "cannot check whether its " + tenancy.kind() + " exists", e);
    }
  }

  static boolean schemaExists(Connection c, String schema) throws SQLException {
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
    return read(tenants, true);
  }

  /** In the same catalog pass as {@link #inspectAll}: a missing schema is simply not read. */
  @Override
  public Map<TenantContext, SchemaSnapshot> inspectExisting(Collection<TenantContext> tenants) {
    return read(tenants, false);
  }

  private Map<TenantContext, SchemaSnapshot> read(
      Collection<TenantContext> tenants, boolean mustExist) {
    List<List<TenantContext>> passes = List.copyOf(tenancy.passes(tenants));
    Map<TenantContext, SchemaSnapshot> result = new LinkedHashMap<>();
    int concurrent = Math.min(tenancy.concurrentPasses(), passes.size());
    if (concurrent <= 1) {
      for (List<TenantContext> pass : passes) {
        result.putAll(readPass(pass, tenants.size(), mustExist));
      }
      return result;
    }
    // a pass per database (database-per-tenant) mostly waits on its round trips: read a few at once
    ExecutorService threads = Executors.newFixedThreadPool(concurrent, PASS_THREADS);
    try {
      List<Future<Map<TenantContext, SchemaSnapshot>>> reads = new ArrayList<>();
      for (List<TenantContext> pass : passes) {
        reads.add(threads.submit(() -> readPass(pass, tenants.size(), mustExist)));
      }
      for (Future<Map<TenantContext, SchemaSnapshot>> read : reads) {
        result.putAll(join(read));
      }
    } finally {
      threads.shutdownNow();
    }
    return result;
  }

  private static <T> T join(Future<T> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnableToInspectSchemaException(null, "interrupted while reading the catalogs", e);
    }
  }

  /** Tenants that share a connection, read with one set of catalog queries. */
  private Map<TenantContext, SchemaSnapshot> readPass(
      List<TenantContext> pass, int total, boolean mustExist) {
    List<String> schemas = pass.stream().map(tenancy::schema).distinct().toList();
    Map<String, SchemaSnapshot> read;
    try (Connection c = tenancy.connect(pass.get(0))) {
      read = CatalogReader.readConsistently(c, schemas);
    } catch (SQLException e) {
      throw new UnableToInspectSchemaException(
          pass.size() == 1 ? pass.get(0).id() : null,
          "cannot read the catalog" + (total == 1 ? "" : " of " + pass.size() + " tenants"),
          e);
    }
    Map<TenantContext, SchemaSnapshot> result = new LinkedHashMap<>();
    for (TenantContext tenant : pass) {
      SchemaSnapshot snapshot = read.get(tenancy.schema(tenant));
      if (snapshot != null) {
        result.put(tenant, snapshot);
      } else if (mustExist) {
        throw missing(tenant);
      }
    }
    return result;
  }

  private SchemaSyncException missing(TenantContext tenant) {
    return new InvalidTenantException(
        tenant.id(),
        tenancy instanceof SchemaTenancy
            ? "no such schema in this database; list tenants with 'inspect' or sync it first"
            : "its database has no schema "
                + tenancy.schema(tenant)
                + "; sync it first, or set schemasync.tenantSchema");
  }

  /** Inspects one schema inside the caller's transaction, e.g. to verify before COMMIT. */
  static SchemaSnapshot inspect(Connection c, String schema) throws SQLException {
    SchemaSnapshot snapshot = CatalogReader.read(c, List.of(schema)).get(schema);
    if (snapshot == null) {
      throw new InvalidTenantException(schema, "the schema disappeared while it was read");
    }
    return snapshot;
  }
}
