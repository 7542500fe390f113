package io.schemasync.postgres;

import io.schemasync.api.TenantContext;
import io.schemasync.api.UnableToAcquireLockException;
import io.schemasync.spi.TenantLock;
import io.schemasync.spi.TenantLocks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A tenant's migration lock: a session-level advisory lock keyed by a fixed class id and {@code
 * hashtext(database || '.' || schema)}, held on its own connection until closed. If the process
 * dies, the server ends the session and the lock goes with it. Taken by polling {@code
 * pg_try_advisory_lock}, so the wait is bounded and the holder can be named.
 */
final class AdvisoryLock implements TenantLock {
  /** Keeps schema-sync's locks apart from the application's own advisory locks ("SYNC"). */
  static final int LOCK_CLASS = 0x53594E43;

  private static final String KEY = "hashtext(current_database() || '.' || ?)";

  private final Connection connection;
  private final String schema;

  private AdvisoryLock(Connection connection, String schema) {
    this.connection = connection;
    this.schema = schema;
  }

  /** Takes the lock of {@code schema} in the tenant's database, waiting up to {@code timeout}. */
  static AdvisoryLock acquire(Tenancy tenancy, TenantContext tenant, Duration timeout) {
    String schema = tenancy.schema(tenant);
    Connection c = null;
    try {
      c = tenancy.connect(tenant);
      c.setAutoCommit(true);
      long deadline = System.nanoTime() + timeout.toNanos();
      long pause = 20;
      while (true) {
        if (tryLock(c, schema)) {
          return new AdvisoryLock(c, schema);
        }
        if (System.nanoTime() >= deadline) {
          String holder = holder(c, schema);
          c.close();
          throw new UnableToAcquireLockException(
              tenant.id(),
              "tenant "
                  + tenant.id()
                  + " is locked by "
                  + holder
                  + "; waited "
                  + timeout.toMillis()
                  + " ms. Wait for that migration to finish, or raise the lock timeout");
        }
        Thread.sleep(Math.min(pause, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
        pause = Math.min(pause * 2, 250);
      }
    } catch (SQLException e) {
      closeQuietly(c);
      throw new UnableToAcquireLockException(
          tenant.id(), "cannot take the tenant's migration lock", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(c);
      throw new UnableToAcquireLockException(
          tenant.id(), "interrupted while waiting for the tenant's lock");
    }
  }

  /**
   * Takes, without waiting, the locks of those schemas of one database that no one else holds, all
   * in one session and one round trip; closing the result releases them and the session.
   */
  static TenantLocks tryAll(Tenancy tenancy, List<TenantContext> tenants) {
    Map<String, TenantContext> bySchema = new LinkedHashMap<>();
    tenants.forEach(t -> bySchema.put(tenancy.schema(t), t));
    Connection c = null;
    try {
      c = tenancy.connect(tenants.get(0));
      c.setAutoCommit(true);
      List<String> held = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT s, pg_try_advisory_lock("
                  + LOCK_CLASS
                  + ", "
                  + KEY.replace("?", "s")
                  + ") FROM unnest(?::text[]) AS s")) {
        ps.setArray(1, c.createArrayOf("text", bySchema.keySet().toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            if (rs.getBoolean(2)) {
              held.add(rs.getString(1));
            }
          }
        }
      }
      Connection session = c;
      TenantLock release = () -> releaseAll(session, held);
      return new TenantLocks(held.stream().map(bySchema::get).collect(Collectors.toSet()), release);
    } catch (SQLException e) {
      closeQuietly(c);
      throw new UnableToAcquireLockException(
          null, "cannot take the migration locks of " + tenants.size() + " tenants", e);
    }
  }

  private static void releaseAll(Connection c, List<String> schemas) {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT pg_advisory_unlock("
                + LOCK_CLASS
                + ", "
                + KEY.replace("?", "s")
                + ") FROM unnest(?::text[]) AS s")) {
      ps.setArray(1, c.createArrayOf("text", schemas.toArray()));
      ps.execute();
    } catch (SQLException e) {
      // closing the connection below ends the session, which releases the locks anyway
    } finally {
      closeQuietly(c);
    }
  }

  private static boolean tryLock(Connection c, String schema) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT pg_try_advisory_lock(" + LOCK_CLASS + ", " + KEY + ")")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /** "another migration (pid 123, application 'x', since ...)" or a vaguer text if it is gone. */
  private static String holder(Connection c, String schema) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT l.pid, a.application_name, a.backend_start FROM pg_locks l"
                + " LEFT JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2"
                + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                + " AND l.classid::bigint = "
                + LOCK_CLASS
                + " AND l.objid::bigint = ("
                + KEY
                + "::bigint & 4294967295)")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          String app = rs.getString(2);
          return "another migration (pid "
              + rs.getInt(1)
              + (app == null || app.isEmpty() ? "" : ", application '" + app + "'")
              + (rs.getTimestamp(3) == null ? "" : ", connected since " + rs.getTimestamp(3))
              + ")";
        }
      }
    }
    return "another migration that has just released it";
  }

  @Override
  public void close() {
    try (PreparedStatement ps =
        connection.prepareStatement("SELECT pg_advisory_unlock(" + LOCK_CLASS + ", " + KEY + ")")) {
      ps.setString(1, schema);
      ps.execute();
    } catch (SQLException e) {
      // closing the connection below ends the session, which releases the lock anyway
    } finally {
      closeQuietly(connection);
    }
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // nothing left to release
      }
    }
  }
}
