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

/**
 * The PostgreSQL adapter: one database, one tenant per schema. Thread-safe. Owns its connection
 * pool when opened from a URL; uses (and never closes) the caller's data source otherwise.
 *
 * <p>Tenants are the database's schemas except the system ones ({@code pg_catalog}, {@code
 * information_schema}, {@code pg_toast*}, {@code pg_temp*}), the scratch schemas this adapter uses
 * for SQL targets, and {@code public}, which holds extensions and shared objects in most databases:
 * name it explicitly to treat it as a tenant.
 */
public final class PostgresAdapter implements DatabaseAdapter {
  private final DataSource dataSource;
  private final HikariDataSource ownedPool;
  private final PostgresDialect dialect;
  private final PostgresInspector inspector;
  private final PostgresRunner runner;
  private final ScratchSchema scratch;

  PostgresAdapter(DataSource dataSource, HikariDataSource ownedPool, RunnerSettings settings) {
    this.dataSource = dataSource;
    this.ownedPool = ownedPool;
    this.scratch = new ScratchSchema(dataSource);
    PostgresDialect renderer = new PostgresDialect(settings.online());
    this.dialect = new PostgresDialect(settings.online(), s -> scratch.canonicalize(s, renderer));
    this.inspector = new PostgresInspector(dataSource);
    this.runner = new PostgresRunner(dataSource, settings);
  }

  /** An adapter over an application's data source, with default settings; the caller closes it. */
  public static PostgresAdapter over(DataSource dataSource) {
    return new PostgresAdapter(dataSource, null, RunnerSettings.DEFAULT);
  }

  /** An adapter over an application's data source with {@code schemasync.*} settings. */
  public static PostgresAdapter over(DataSource dataSource, Map<String, String> settings) {
    return new PostgresAdapter(dataSource, null, RunnerSettings.from(settings));
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
    return PgNames.tenant(id);
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

  @Override
  public void close() {
    if (ownedPool != null) {
      ownedPool.close();
    }
  }
}
