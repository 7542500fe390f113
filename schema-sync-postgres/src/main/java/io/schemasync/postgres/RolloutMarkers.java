package io.schemasync.postgres;

import io.schemasync.spi.CommitMarker;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
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
    try (Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE IF NOT EXISTS "
              + table(schema)
              + " (job_id text NOT NULL,"
              + " task_id text NOT NULL, target_hash text, committed_at timestamptz NOT NULL,"
              + " PRIMARY KEY (job_id, task_id))");
    }
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO "
                + table(schema)
                + " (job_id, task_id, target_hash, committed_at) VALUES (?, ?, ?, clock_timestamp())"
                + " ON CONFLICT (job_id, task_id) DO NOTHING")) {
      insert.setString(1, marker.jobId());
      insert.setString(2, marker.taskId());
      insert.setString(3, targetHash);
      insert.executeUpdate();
    }
  }

  /** When a task of the job committed in this tenant, if one did. */
  static Optional<Instant> read(Connection c, String schema, String jobId) throws SQLException {
    try (PreparedStatement exists =
        c.prepareStatement(
            "SELECT 1 FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace"
                + " WHERE n.nspname = ? AND k.relname = ?")) {
      exists.setString(1, schema);
      exists.setString(2, CommitMarker.TABLE);
      try (ResultSet rs = exists.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
      }
    }
    try (PreparedStatement query =
        c.prepareStatement(
            "SELECT min(committed_at) FROM " + table(schema) + " WHERE job_id = ?")) {
      query.setString(1, jobId);
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        java.sql.Timestamp at = rs.getTimestamp(1);
        return at == null ? Optional.empty() : Optional.of(at.toInstant());
      }
    }
  }
}
