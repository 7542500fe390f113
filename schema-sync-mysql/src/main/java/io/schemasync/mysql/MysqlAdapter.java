package io.schemasync.mysql;

import com.zaxxer.hikari.HikariDataSource;
import io.schemasync.api.TenantContext;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.spi.DatabaseAdapter;
import io.schemasync.spi.Dialect;
import io.schemasync.spi.MigrationRunner;
import io.schemasync.spi.SchemaInspector;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open MySQL or MariaDB server: a tenant is one of its databases. Thread-safe; closes the pool
 * it created (never an application's data source).
 */
public final class MysqlAdapter implements DatabaseAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(MysqlAdapter.class);
  private static final int MAX_POOL_SIZE = 100;

  /** How long one DDL statement waits for a metadata lock before it is retried. */
  static final Duration DDL_LOCK_WAIT = Duration.ofSeconds(5);

  private final DataSource dataSource;
  private final HikariDataSource ownedPool;
  private final ServerFlavor flavor;
  private final MysqlDialect dialect;
  private final MysqlInspector inspector;
  private final MysqlRunner runner;
  private final Scratch scratch;

  MysqlAdapter(DataSource dataSource, HikariDataSource ownedPool, ServerFlavor flavor) {
    this.dataSource = dataSource;
    this.ownedPool = ownedPool;
    this.flavor = flavor;
    this.inspector = new MysqlInspector(dataSource, flavor);
    this.scratch = new Scratch(dataSource, inspector, new MysqlRenderer(flavor));
    this.dialect = new MysqlDialect(flavor, new RoundTrip(scratch));
    this.runner = new MysqlRunner(dataSource, inspector, scratch, DDL_LOCK_WAIT);
  }

  @Override
  public String name() {
    return MysqlAdapterProvider.NAME;
  }

  /** The server family and version this adapter talks to. */
  public ServerFlavor flavor() {
    return flavor;
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
    return MysqlNames.tenant(id);
  }

  @Override
  public SchemaSnapshot snapshotOfSql(String sql, String sourceName) {
    return scratch.ofScript(sql, sourceName);
  }

  /**
   * Each thread holds up to three pooled connections (the tenant's GET_LOCK, the one changing it,
   * and for a dry run the scratch database's besides the tenant's read), and two more serve other
   * reads: the adapter's own pool grows to that; an application's pool that is smaller gets a
   * warning, not a change.
   */
  @Override
  public void expectConcurrency(int threads) {
    int needed = Math.min(MAX_POOL_SIZE, 3 * threads + 2);
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
    if (ownedPool != null) {
      ownedPool.close();
    }
  }

  DataSource dataSource() {
    return dataSource;
  }
}
