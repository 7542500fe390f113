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

/**
 * A rollout's commit markers inside a tenant's schema ({@code _schema_sync_rollout}, which the
 * inspector never reports), written in the same transaction as the change so that a resumed rollout
 * can tell whether the change is in.
 */
final class RolloutMarkers {
  private RolloutMarkers() {}

  private static String table(String schema) {
    return PgNames.qualified(schema, CommitMarker.TABLE);
  }

  /** Records the marker; runs inside the change's transaction (or right after its last step). */
  static void write(Connection c, String schema, CommitMarker marker, String targetHash)
      throws SQLException {
    // one round trip for both: the values are the job's own ids and hash, quoted as literals
    try (Statement st = c.createStatement()) {
      st.addBatch(
          "CREATE TABLE IF NOT EXISTS "
              + table(schema)
              // bounded columns and no index: a table whose rows cannot outgrow a page gets no
              // TOAST table, and without a key no index is built either, which makes the first
              // rollout's CREATE (once per tenant, in its transaction) about a third as costly. A
              // tenant holds a handful of rows; the tenant lock keeps them unique
              + " (job_id varchar(128) NOT NULL, task_id varchar(128) NOT NULL,"
              + " target_hash char(64), committed_at timestamptz NOT NULL)");
      String job = PgNames.literal(marker.jobId());
      String task = PgNames.literal(marker.taskId());
      st.addBatch(
          "INSERT INTO "
              + table(schema)
              + " (job_id, task_id, target_hash, committed_at) SELECT "
              + job
              + ", "
              + task
              + ", "
              + (targetHash == null ? "NULL" : PgNames.literal(targetHash))
              + ", clock_timestamp() WHERE NOT EXISTS (SELECT 1 FROM "
              + table(schema)
              + " WHERE job_id = "
              + job
              + " AND task_id = "
              + task
              + ")");
      st.executeBatch();
    }
  }

  /** When a task of the job committed in this tenant, if one did. */
  static Optional<Instant> read(Connection c, String schema, String jobId) throws SQLException {
    return Optional.ofNullable(readAll(c, List.of(schema), jobId).get(schema));
  }

  /**
   * {@link #read} for several schemas of one database in two round trips: which of them have a
   * marker table, then one query over those tables.
   */
  static Map<String, Instant> readAll(Connection c, Collection<String> schemas, String jobId)
      throws SQLException {
    List<String> withTable = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT n.nspname FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace"
                + " WHERE n.nspname = ANY(?) AND k.relname = ?")) {
      ps.setArray(1, c.createArrayOf("text", schemas.toArray()));
      ps.setString(2, CommitMarker.TABLE);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          withTable.add(rs.getString(1));
        }
      }
    }
    Map<String, Instant> markers = new LinkedHashMap<>();
    if (withTable.isEmpty()) {
      return markers;
    }
    StringBuilder sql = new StringBuilder();
    for (int i = 0; i < withTable.size(); i++) {
      sql.append(i == 0 ? "" : " UNION ALL ")
          .append("SELECT ")
          .append(i)
          .append(", min(committed_at) FROM ")
          .append(table(withTable.get(i)))
          .append(" WHERE job_id = ?");
    }
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < withTable.size(); i++) {
        ps.setString(i + 1, jobId);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          java.sql.Timestamp at = rs.getTimestamp(2);
          if (at != null) {
            markers.put(withTable.get(rs.getInt(1)), at.toInstant());
          }
        }
      }
    }
    return markers;
  }
}
