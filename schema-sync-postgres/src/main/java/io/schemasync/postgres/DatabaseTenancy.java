package io.schemasync.postgres;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.schemasync.api.InvalidTenantException;
import io.schemasync.api.TenantContext;
import io.schemasync.api.UnableToConnectException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * One server, one database per tenant, the tenant's objects in a fixed schema ({@code
 * schemasync.tenantSchema}, {@code public} by default). Tenants are the databases one may connect
 * to, except templates, the maintenance database {@code postgres} and scratch databases.
 *
 * <p>A catalog query sees one database only, so each tenant is read on its own connection, with the
 * same queries. Connections come from a pool per database, opened on first use; once more than
 * {@code schemasync.databasePools} pools are open, the least recently used ones that lend no
 * connection are closed, so a fleet of thousands of databases holds a bounded number of
 * connections. Thread-safe.
 */
final class DatabaseTenancy implements Tenancy {
  static final String MAINTENANCE_DATABASE = "postgres";

  static final String LIST_TENANTS =
      "SELECT datname FROM pg_database WHERE datallowconn AND NOT datistemplate"
          + " AND datname <> '"
          + MAINTENANCE_DATABASE
          + "' AND datname NOT LIKE '"
          + PgNames.SCRATCH_PREFIX.replace("_", "\\_")
          + "%' AND has_database_privilege(datname, 'CONNECT') ORDER BY datname";

  private final DataSource home;
  private final Function<String, HikariDataSource> openPool;
  private final String tenantSchema;
  private final int maxPools;
  private final Map<String, Pool> pools = new LinkedHashMap<>(16, 0.75f, true);

  /** A database's pool and how many callers are getting a connection from it right now. */
  private static final class Pool {
    final HikariDataSource dataSource;
    int leases;

    Pool(HikariDataSource dataSource) {
      this.dataSource = dataSource;
    }

    boolean idle() {
      return leases == 0 && dataSource.getHikariPoolMXBean().getActiveConnections() == 0;
    }
  }

  /**
   * @param home a connection to the server (the URL's own database) for listing databases
   * @param openPool opens a pool on the named database of the same server
   */
  DatabaseTenancy(
      DataSource home,
      Function<String, HikariDataSource> openPool,
      String tenantSchema,
      int maxPools) {
    this.home = home;
    this.openPool = openPool;
    this.tenantSchema = tenantSchema;
    this.maxPools = maxPools;
  }

  @Override
  public TenantContext tenant(String id) {
    return PgNames.database(id);
  }

  @Override
  public String schema(TenantContext tenant) {
    return tenantSchema;
  }

  @Override
  public Connection connect(TenantContext tenant) throws SQLException {
    return connectTo(tenant.id());
  }

  /** A pooled connection to any database of the server (a tenant's, or a scratch database). */
  Connection connectTo(String database) throws SQLException {
    Pool pool;
    synchronized (this) {
      pool = pools.get(database);
      if (pool == null) {
        pool = new Pool(open(database));
        pools.put(database, pool);
        closeIdlePools(pool);
      }
      pool.leases++;
    }
    try {
      return pool.dataSource.getConnection();
    } finally {
      synchronized (this) {
        pool.leases--;
      }
    }
  }

  private HikariDataSource open(String database) throws SQLException {
    if (!databaseExists(database)) {
      throw new InvalidTenantException(
          database,
          "no such database on this server; create it (CREATE DATABASE) first: schema-sync"
              + " creates a tenant's schema and objects, not its database");
    }
    try {
      return openPool.apply(database);
    } catch (HikariPool.PoolInitializationException e) {
      throw new UnableToConnectException(
          database, "cannot connect to the tenant's database", e.getCause());
    }
  }

  /** Closes the least recently used pools beyond the bound that lend no connection. */
  private void closeIdlePools(Pool keep) {
    Iterator<Map.Entry<String, Pool>> oldestFirst = pools.entrySet().iterator();
    while (pools.size() > maxPools && oldestFirst.hasNext()) {
      Pool pool = oldestFirst.next().getValue();
      if (pool != keep && pool.idle()) {
        oldestFirst.remove();
        pool.dataSource.close();
      }
    }
  }

  /** Closes the pool of a database about to be dropped. */
  synchronized void forget(String database) {
    Pool pool = pools.remove(database);
    if (pool != null) {
      pool.dataSource.close();
    }
  }

  /** How many per-database pools are open; for tests of the bound. */
  synchronized int openPools() {
    return pools.size();
  }

  private boolean databaseExists(String database) throws SQLException {
    try (Connection c = home.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ? AND datallowconn")) {
      ps.setString(1, database);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  @Override
  public List<TenantContext> list() throws SQLException {
    return Tenancy.listed(home, LIST_TENANTS, PgNames::database);
  }

  @Override
  public boolean exists(TenantContext tenant) throws SQLException {
    if (!databaseExists(tenant.id())) {
      return false;
    }
    try (Connection c = connect(tenant)) {
      return PostgresInspector.schemaExists(c, tenantSchema);
    }
  }

  @Override
  public Collection<List<TenantContext>> passes(Collection<TenantContext> tenants) {
    return tenants.stream().map(List::of).toList();
  }

  @Override
  public String kind() {
    return "database";
  }

  /**
   * A pass per database, each mostly waiting on its round trips: up to four at once, and never more
   * than {@code schemasync.databasePools}, so reads keep the bound on open pools.
   */
  @Override
  public int concurrentPasses() {
    return Math.min(4, maxPools);
  }

  @Override
  public synchronized void close() {
    pools.values().forEach(p -> p.dataSource.close());
    pools.clear();
  }
}
