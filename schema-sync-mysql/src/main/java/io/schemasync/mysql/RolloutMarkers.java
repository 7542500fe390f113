package io.schemasync.mysql;

import static io.schemasync.mysql.MysqlNames.quote;

import io.schemasync.spi.CommitMarker;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * A rollout's commit markers inside a MySQL tenant ({@code _schema_sync_rollout}, never part of a
 * snapshot). DDL cannot share a transaction with the marker here, so the marker is written in the
 * same transaction as the journal entry that closes the last step: both are there or neither.
 */
final class RolloutMarkers {
  private static final String TABLE = quote(CommitMarker.TABLE);

  /** ER_NO_SUCH_TABLE. */
  private static final int NO_SUCH_TABLE = 1146;

  private RolloutMarkers() {}

  /** Creates the table; DDL, so it runs before the run's first step, never inside a transaction. */
  static void ensure(Connection c) throws SQLException {
    Sessions.execute(
        c,
        "CREATE TABLE IF NOT EXISTS "
            + TABLE
            + " ("
            + "job_id VARCHAR(255) NOT NULL, task_id VARCHAR(255) NOT NULL, target_hash CHAR(64) NULL,"
            + " committed_at VARCHAR(40) NOT NULL, PRIMARY KEY (job_id, task_id))"
            + " COMMENT='schema-sync: rollout tasks committed in this tenant'");
  }

  /** Inserts the marker in the caller's transaction; a second commit of a task fails on the key. */
  static void write(Connection c, CommitMarker marker, String targetHash) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "INSERT INTO "
                + TABLE
                + " (job_id, task_id, target_hash, committed_at) VALUES (?, ?, ?, ?)")) {
      st.setString(1, marker.jobId());
      st.setString(2, marker.taskId());
      st.setString(3, targetHash);
      st.setString(4, Instant.now().toString());
      st.executeUpdate();
    }
  }

  /** When a task of the job committed in the database, if one did. */
  static Optional<Instant> read(Connection c, String database, String jobId) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT committed_at FROM "
                + quote(database)
                + "."
                + TABLE
                + " WHERE job_id = ? ORDER BY committed_at LIMIT 1")) {
      st.setString(1, jobId);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? Optional.of(Instant.parse(rs.getString(1))) : Optional.empty();
      }
    } catch (SQLException e) {
      if (e.getErrorCode() == NO_SUCH_TABLE) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
