package io.schemasync.sqlite.internal;

import io.schemasync.spi.CommitMarker;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;

/**
 * The commit-marker table inside a SQLite tenant. The primary key makes a second commit of the same
 * task impossible: it would fail and roll the whole change back.
 */
public final class RolloutMarkers {
  private static final String TABLE = SqlText.quote(CommitMarker.TABLE);

  private RolloutMarkers() {}

  /** Inserts the marker; must run inside the change's transaction. */
  public static void write(Connection connection, CommitMarker marker, String targetHash)
      throws SQLException {
    try (Statement create = connection.createStatement()) {
      create.execute(
          "CREATE TABLE IF NOT EXISTS "
              + TABLE
              + " (job_id TEXT NOT NULL, task_id TEXT NOT NULL,"
              + " target_hash TEXT, committed_at TEXT NOT NULL, PRIMARY KEY (job_id, task_id))");
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO "
                + TABLE
                + " (job_id, task_id, target_hash, committed_at) VALUES (?, ?, ?, ?)")) {
      insert.setString(1, marker.jobId());
      insert.setString(2, marker.taskId());
      insert.setString(3, targetHash);
      insert.setString(4, Instant.now().toString());
      insert.executeUpdate();
    }
  }

  /** When the job's marker was committed, if it was. */
  public static Optional<Instant> read(Connection connection, String jobId) throws SQLException {
    try (PreparedStatement exists =
        connection.prepareStatement(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
      exists.setString(1, CommitMarker.TABLE);
      try (ResultSet rs = exists.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
      }
    }
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT committed_at FROM "
                + TABLE
                + " WHERE job_id = ? ORDER BY committed_at LIMIT 1")) {
      query.setString(1, jobId);
      try (ResultSet rs = query.executeQuery()) {
        return rs.next() ? Optional.of(Instant.parse(rs.getString(1))) : Optional.empty();
      }
    }
  }
}
