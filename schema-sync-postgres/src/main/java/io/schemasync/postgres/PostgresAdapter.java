package io.schemasync.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.schemasync.api.TenantContext;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.spi.DatabaseAdapter;
import io.schemasync.spi.Dialect;
import io.schemasync.spi.MigrationRunner;
import io.schemasync.spi.SchemaInspector;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL adapter: one database, one tenant per schema; or with {@code
 * schemasync.tenancy=database}, one server, one tenant per database. Thread-safe. Owns its
 * connection pool when opened from a URL; uses (and never closes) the caller's data source
 * otherwise.
 *
 * <p>Tenants are the database's schemas except the system ones ({@code pg_catalog}, {@code
 * information_schema}, {@code pg_toast*}, {@code pg_temp*}), the scratch schemas this adapter uses
 * for SQL targets, and {@code public}, which holds extensions and shared objects in most databases:
 * name it explicitly to treat it as a tenant.
 */
public final class PostgresAdapter implements DatabaseAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresAdapter.class);
  private static final int MAX_POOL_SIZE = 100;

  private final DataSource dataSource;
  private final HikariDataSource ownedPool;
  private final PostgresDialect dialect;
  private final PostgresInspector inspector;
  private final PostgresRunner runner;
  private final ScratchSchema scratch;
  private final Tenancy tenancy;

  /**
   * @param dataSource the URL's database: the tenants' database (schema-per-tenant), or where the
   *     server's databases are listed (database-per-tenant)
   * @param tenancy where the tenants live; the adapter closes it
   * @param scratch where targets are normalized; the adapter closes it
   */
  PostgresAdapter(
      DataSource dataSource,
      HikariDataSource ownedPool,
      RunnerSettings settings,
      Tenancy tenancy,
      ScratchSchema scratch) {
    this.dataSource = dataSource;
    this.ownedPool = ownedPool;
    this.tenancy = tenancy;
    this.scratch = scratch;
    PostgresDialect renderer =
        new PostgresDialect(settings.online(), settings.extensionSchema(), tenancy::schema, null);
    this.dialect =
        new PostgresDialect(
            settings.online(),
            settings.extensionSchema(),
            tenancy::schema,
            s -> scratch.canonicalize(s, renderer));
    this.inspector = new PostgresInspector(tenancy);
    this.runner = new PostgresRunner(tenancy, settings);
  }

  /** Schema-per-tenant over one database. */
  static PostgresAdapter ofSchemas(
      DataSource dataSource, HikariDataSource ownedPool, RunnerSettings settings) {
    return new PostgresAdapter(
        dataSource,
        ownedPool,
        settings,
        new SchemaTenancy(dataSource),
        new ScratchSchema(dataSource));
  }

  /** An adapter over an application's data source, with default settings; the caller closes it. */
  public static PostgresAdapter over(DataSource dataSource) {
    return ofSchemas(dataSource, null, RunnerSettings.DEFAULT);
  }

  /**
   * An adapter over an application's data source with {@code schemasync.*} settings. A data source
   * is one database: database-per-tenant needs a URL ({@code SchemaSync.builder().url(...)}).
   */
  public static PostgresAdapter over(DataSource dataSource, Map<String, String> settings) {
    if (TenancySettings.from(settings).databases()) {
      throw new IllegalArgumentException(
          TenancySettings.TENANCY
              + "=database needs a server URL, not a data source of one database: build the"
              + " adapter from jdbc:postgresql://host/ instead");
    }
    return ofSchemas(dataSource, null, RunnerSettings.from(settings));
  }

  /** Where the tenants live; for tests. */
  Tenancy tenancy() {
    return tenancy;
  }

  /** Where targets are normalized; for tests. */
  ScratchSchema scratch() {
    return scratch;
  }

  @Override
  public String name() {
    return PostgresAdapterProvider.NAME;
  }

  @Override
  public Dialect dialect() {
    return dialect;
  }

  @Override
  public SchemaInspector inspector() {
    return inspector;
  }

  @Override
  public MigrationRunner runner() {
    return runner;
  }

  @Override
  public TenantContext tenant(String id) {
    return tenancy.tenant(id);
  }

  @Override
  public SchemaSnapshot snapshotOfSql(String sql, String sourceName) {
    return scratch.snapshotOfSql(sql, sourceName);
  }

  /** The raw catalog queries alone for these schemas, rows read and dropped; for benchmarks. */
  public int readCatalogRows(Collection<String> schemas) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        return CatalogReader.readRawOnly(c, schemas);
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    }
  }

  /**
   * Each thread holds two pooled connections (the tenant's advisory lock and the one changing it),
   * and two more serve reads and scratch work: the adapter's own pool grows to that; an
   * application's pool that is smaller gets a warning, not a change.
   */
  @Override
  public void expectConcurrency(int threads) {
    int needed = Math.min(MAX_POOL_SIZE, 2 * threads + 2);
    if (ownedPool != null) {
      if (ownedPool.getMaximumPoolSize() < needed) {
        ownedPool.getHikariConfigMXBean().setMaximumPoolSize(needed);
      }
    } else if (dataSource instanceof HikariDataSource app && app.getMaximumPoolSize() < needed) {
      LOG.warn(
          "the data source has at most {} connections; {} threads at once need {}: enlarge it,"
              + " or lower the parallelism",
          app.getMaximumPoolSize(),
          threads,
          needed);
    }
  }

  @Override
  public void close() {
    try {
      scratch.close();
      tenancy.close();
    } finally {
      if (ownedPool != null) {
        ownedPool.close();
      }
    }
  }
}
