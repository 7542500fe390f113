package io.schemasync.internal.target;

import io.schemasync.api.InvalidTenantException;
import io.schemasync.api.TenantContext;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.spi.DatabaseAdapter;
import io.schemasync.spi.Dialect;
import io.schemasync.spi.MigrationRunner;
import io.schemasync.spi.SchemaInspector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An adapter for tests with no database: tenants are snapshots in a map, a SQL script "builds" a
 * snapshot the test chose, and the runner refuses to run (resolution must never write).
 */
final class StubAdapter implements DatabaseAdapter {
  final StubDialect dialect;
  final Map<TenantContext, SchemaSnapshot> tenants = new LinkedHashMap<>();
  final List<String> sqlRun = new ArrayList<>();
  final List<String> sqlSources = new ArrayList<>();
  SchemaSnapshot sqlResult = SchemaSnapshot.EMPTY;

  StubAdapter() {
    this(new StubDialect());
  }

  StubAdapter(StubDialect dialect) {
    this.dialect = dialect;
  }

  @Override
  public String name() {
    return "stub";
  }

  @Override
  public Dialect dialect() {
    return dialect;
  }

  @Override
  public SchemaInspector inspector() {
    return new SchemaInspector() {
      @Override
      public List<TenantContext> listTenants() {
        return List.copyOf(tenants.keySet());
      }

      @Override
      public boolean exists(TenantContext tenant) {
        return tenants.containsKey(tenant);
      }

      @Override
      public SchemaSnapshot inspect(TenantContext tenant) {
        SchemaSnapshot snapshot = tenants.get(tenant);
        if (snapshot == null) {
          throw new InvalidTenantException(tenant.id(), "does not exist");
        }
        return snapshot;
      }
    };
  }

  @Override
  public MigrationRunner runner() {
    throw new UnsupportedOperationException("resolving a target must not run anything");
  }

  @Override
  public TenantContext tenant(String id) {
    if (id.contains("/")) {
      throw new InvalidTenantException(id, "a stub tenant id has no '/'");
    }
    return TenantContext.of(id);
  }

  @Override
  public SchemaSnapshot snapshotOfSql(String sql, String sourceName) {
    sqlRun.add(sql);
    sqlSources.add(sourceName);
    return sqlResult;
  }

  @Override
  public void close() {}
}
