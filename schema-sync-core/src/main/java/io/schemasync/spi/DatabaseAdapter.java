package io.schemasync.spi;

import io.schemasync.api.TenantContext;
import io.schemasync.api.model.SchemaSnapshot;

/**
 * One open connection to a database engine: hands out its dialect, inspector and runner, and
 * resolves tenant ids. Thread-safe; close it to release its connections.
 */
public interface DatabaseAdapter extends AutoCloseable {
  /** The provider name, e.g. {@code sqlite}. */
  String name();

  /** How this engine spells types, quotes names and renders changes. */
  Dialect dialect();

  /** Read-only access to tenants' schemas; needs only read privileges. */
  SchemaInspector inspector();

  /** Applies plans to tenants. */
  MigrationRunner runner();

  /**
   * Validates an id for this engine and returns its context; the tenant need not exist yet.
   *
   * @throws io.schemasync.api.InvalidTenantException when the engine cannot hold such a tenant
   */
  TenantContext tenant(String id);

  /**
   * The schema a SQL DDL script builds: the script runs in a scratch tenant of this engine that is
   * always dropped afterwards, and the scratch tenant is inspected.
   *
   * @param sourceName the script's file name, for error messages
   * @throws io.schemasync.api.InvalidTargetException when a statement of the script fails
   */
  SchemaSnapshot snapshotOfSql(String sql, String sourceName);

  /**
   * Called before up to {@code threads} threads work on tenants at once (a rollout's parallelism).
   * An adapter whose runner holds a connection for a tenant's lock besides the one that changes it
   * makes its own pool large enough for all of them, so that no thread waits for a connection
   * another thread holds; a data source the application handed in stays the application's to size.
   * The default does nothing.
   */
  default void expectConcurrency(int threads) {}

  /** Releases connections; the adapter is unusable afterwards. */
  @Override
  void close();
}
