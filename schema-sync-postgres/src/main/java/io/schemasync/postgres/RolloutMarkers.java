package io.schemasync.postgres;

import io.schemasync.spi.CommitMarker;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rollout's commit markers, written in the same transaction as a tenant's change so that a
 * resumed rollout can tell whether the change is in.
 *
 * <p>They go into one table per database, {@code schemasync_control.rollout_markers} (a schema that
 * is never a tenant), created once: a table of its own in every tenant schema would be created in
 * each tenant's transaction on its first rollout, which costs about as much again as the row, and
 * leaves a table the application sees in every schema. A role that may not create that schema, nor
 * write to the table someone else made, keeps them in the tenant's own schema instead ({@code
 * _schema_sync_rollout}, which the inspector never reports), as before; reading looks in both.
 */
final class RolloutMarkers {
  private static final Logger LOG = LoggerFactory.getLogger(RolloutMarkers.class);

  /** The table of every tenant's markers in a database, in the control store's schema. */
  static final String SHARED = PgNames.qualified(PostgresStoreDialect.SCHEMA, "rollout_markers");

  private static final String INSUFFICIENT_PRIVILEGE = "42501";
  private static final String READ_ONLY_TRANSACTION = "25006";
  private static final String UNDEFINED_TABLE = "42P01";

  /** Whether the shared table takes this process's markers, by database. */
  private final Map<String, Boolean> sharedIn = new ConcurrentHashMap<>();

  /**
   * Makes sure the database has the shared table, once per database; call outside a transaction.
   *
   * @return false when the role can neither create it nor write to it: markers then go into the
   *     tenant's own schema
   */
  boolean shared(Connection c) throws SQLException {
    String database = c.getCatalog();
    Boolean known = sharedIn.get(database);
    if (known != null) {
      return known;
    }
    boolean shared = ensureShared(c);
    sharedIn.put(database, shared);
    return shared;
  }

  /**
   * The shared table's oid, found in the catalog: {@code to_regclass} fails for a role without
   * USAGE on the schema.
   */
  private static final String SHARED_OID =
      "(SELECT k.oid FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace"
          + " WHERE n.nspname = "
          + PgNames.literal(PostgresStoreDialect.SCHEMA)
          + " AND k.relname = 'rollout_markers')";

  /** Whether this role may use the schema and, on the shared table, {@code privileges}. */
  private static String mayUse(String privileges) {
    // by oid: by name, a missing schema is an error, not NULL
    return "COALESCE(has_schema_privilege((SELECT oid FROM pg_namespace WHERE nspname = "
        + PgNames.literal(PostgresStoreDialect.SCHEMA)
        + "), 'USAGE') AND has_table_privilege("
        + SHARED_OID
        + ", '"
        + privileges
        + "'), false)";
  }

  private static boolean ensureShared(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT "
                    + SHARED_OID
                    + " IS NOT NULL, "
                    + mayUse("INSERT, SELECT")
                    + ", EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = "
                    + PgNames.literal(PostgresStoreDialect.SCHEMA)
                    + ")")) {
      rs.next();
      if (rs.getBoolean(1)) {
        return usable(rs.getBoolean(2), "may not write to " + SHARED);
      }
      boolean schemaExists = rs.getBoolean(3);
      c.setAutoCommit(false);
      try {
        // several workers start at once: they take turns, as when they create the control store
        st.execute("SELECT pg_advisory_xact_lock(" + PostgresStoreDialect.INIT_LOCK + ")");
        if (!schemaExists) {
          // IF NOT EXISTS alone would need CREATE on the database even when the schema is there
          st.execute("CREATE SCHEMA IF NOT EXISTS " + PgNames.quote(PostgresStoreDialect.SCHEMA));
        }
        // bounded columns: no TOAST table; found by job and tenant
        st.execute(
            "CREATE TABLE IF NOT EXISTS "
                + SHARED
                + " (tenant_schema varchar(63) NOT NULL, job_id varchar(128) NOT NULL,"
                + " task_id varchar(128) NOT NULL, target_hash char(64),"
                + " committed_at timestamptz NOT NULL)");
        st.execute(
            "CREATE INDEX IF NOT EXISTS rollout_markers_job ON "
                + SHARED
                + " (job_id, tenant_schema)");
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        if (INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())
            || READ_ONLY_TRANSACTION.equals(e.getSQLState())) {
          return usable(false, "cannot create " + SHARED + ": " + e.getMessage());
        }
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
      // another role may have made it first, while this one waited for its turn
      try (ResultSet again = st.executeQuery("SELECT " + mayUse("INSERT, SELECT"))) {
        again.next();
        return usable(again.getBoolean(1), "may not write to " + SHARED);
      }
    }
  }

  private static boolean usable(boolean usable, String why) {
    if (!usable) {
      LOG.info("rollout markers go into each tenant's schema ({}): {}", CommitMarker.TABLE, why);
    }
    return usable;
  }

  /**
   * Records the marker; runs inside the change's transaction (or right after its last step).
   *
   * @param shared what {@link #shared} said for the database
   */
  void write(Connection c, String schema, CommitMarker marker, String targetHash, boolean shared)
      throws SQLException {
    String job = PgNames.literal(marker.jobId());
    String task = PgNames.literal(marker.taskId());
    String hash = targetHash == null ? "NULL" : PgNames.literal(targetHash);
    if (shared) {
      try (Statement st = c.createStatement()) {
        // the tenant lock keeps the row unique
        st.execute(
            "INSERT INTO "
                + SHARED
                + " (tenant_schema, job_id, task_id, target_hash, committed_at) VALUES ("
                + PgNames.literal(schema)
                + ", "
                + job
                + ", "
                + task
                + ", "
                + hash
                + ", clock_timestamp())");
      } catch (SQLException e) {
        if (UNDEFINED_TABLE.equals(e.getSQLState())) {
          // dropped since (the control store's schema reset by hand): made again next time
          sharedIn.remove(c.getCatalog());
        }
        throw e;
      }
      return;
    }
    String table = PgNames.qualified(schema, CommitMarker.TABLE);
    // one round trip for both: the values are the job's own ids and hash, quoted as literals
    try (Statement st = c.createStatement()) {
      st.addBatch(
          "CREATE TABLE IF NOT EXISTS "
              + table
              // bounded columns and no index: a table whose rows cannot outgrow a page gets no
              // TOAST table, and without a key no index is built either. A tenant holds a handful
              // of rows; the tenant lock keeps them unique
              + " (job_id varchar(128) NOT NULL, task_id varchar(128) NOT NULL,"
              + " target_hash char(64), committed_at timestamptz NOT NULL)");
      st.addBatch(
          "INSERT INTO "
              + table
              + " (job_id, task_id, target_hash, committed_at) SELECT "
              + job
              + ", "
              + task
              + ", "
              + hash
              + ", clock_timestamp() WHERE NOT EXISTS (SELECT 1 FROM "
              + table
              + " WHERE job_id = "
              + job
              + " AND task_id = "
              + task
              + ")");
      st.executeBatch();
    }
  }

  /**
   * Deletes the jobs' markers from the database's marker table, when there is one to delete from.
   */
  static void forget(Connection c, Collection<String> jobIds) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT " + mayUse("DELETE"))) {
      rs.next();
      if (!rs.getBoolean(1)) {
        return;
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM " + SHARED + " WHERE job_id = ANY(?)")) {
      ps.setArray(1, c.createArrayOf("text", jobIds.toArray()));
      int deleted = ps.executeUpdate();
      LOG.info("deleted {} rollout marker(s) of {} job(s)", deleted, jobIds.size());
    }
  }

  /** When a task of the job committed in this tenant, if one did. */
  static Optional<Instant> read(Connection c, String schema, String jobId) throws SQLException {
    return Optional.ofNullable(readAll(c, List.of(schema), jobId).get(schema));
  }

  /**
   * {@link #read} for several schemas of one database in two round trips: whether the database has
   * the shared table (that this role may read) and which of the schemas have one of their own, then
   * one query over those.
   */
  static Map<String, Instant> readAll(Connection c, Collection<String> schemas, String jobId)
      throws SQLException {
    boolean shared;
    List<String> withTable = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + mayUse("SELECT")
                + ", ARRAY(SELECT n.nspname::text FROM pg_class k"
                + " JOIN pg_namespace n ON n.oid = k.relnamespace"
                + " WHERE n.nspname = ANY(?::name[]) AND k.relname = ?)")) {
      ps.setArray(1, c.createArrayOf("text", schemas.toArray()));
      ps.setString(2, CommitMarker.TABLE);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        shared = rs.getBoolean(1);
        for (Object schema : (Object[]) rs.getArray(2).getArray()) {
          withTable.add((String) schema);
        }
      }
    }
    Map<String, Instant> markers = new LinkedHashMap<>();
    if (!shared && withTable.isEmpty()) {
      return markers;
    }
    List<String> parts = new ArrayList<>();
    if (shared) {
      parts.add(
          "SELECT tenant_schema::text, min(committed_at) FROM "
              + SHARED
              + " WHERE job_id = ? AND tenant_schema = ANY(?) GROUP BY tenant_schema");
    }
    for (String schema : withTable) {
      parts.add(
          "SELECT "
              + PgNames.literal(schema)
              + ", min(committed_at) FROM "
              + PgNames.qualified(schema, CommitMarker.TABLE)
              + " WHERE job_id = ?");
    }
    try (PreparedStatement ps = c.prepareStatement(String.join(" UNION ALL ", parts))) {
      int p = 1;
      if (shared) {
        ps.setString(p++, jobId);
        ps.setArray(p++, c.createArrayOf("text", schemas.toArray()));
      }
      for (int i = 0; i < withTable.size(); i++) {
        ps.setString(p++, jobId);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          java.sql.Timestamp at = rs.getTimestamp(2);
          if (at != null) {
            markers.merge(rs.getString(1), at.toInstant(), (a, b) -> a.isBefore(b) ? a : b);
          }
        }
      }
    }
    return markers;
  }
}
