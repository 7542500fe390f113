package io.schemasync.mysql;

import static io.schemasync.mysql.MysqlNames.quote;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-tenant record of executed steps, in the tenant's own database ({@code
 * _schema_sync_journal}, never part of a snapshot). MySQL commits each DDL statement at once, so
 * the journal is what says, after a failure or a killed process, which step was running: a row with
 * a start and no finish. Each journal write is its own autocommitted statement.
 */
final class Journal {
  static final String TABLE = quote(MysqlNames.JOURNAL_TABLE);

  /** An entry that was started and never finished. */
  record Unfinished(long id, String planHash, int step, String description) {}

  private Journal() {}

  static void ensure(Connection c) throws SQLException {
    Sessions.execute(
        c,
        "CREATE TABLE IF NOT EXISTS "
            + TABLE
            + " ("
            + "id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
            + " plan_hash CHAR(64) NOT NULL,"
            + " step_index INT NOT NULL,"
            + " statement_hash CHAR(64) NOT NULL,"
            + " description VARCHAR(1000) NOT NULL,"
            + " started_at DATETIME(6) NOT NULL,"
            + " finished_at DATETIME(6) NULL,"
            + " outcome VARCHAR(2000) NULL"
            + ") COMMENT='schema-sync: executed migration steps'");
  }

  static List<Unfinished> unfinished(Connection c) throws SQLException {
    List<Unfinished> out = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT id, plan_hash, step_index, description FROM "
                    + TABLE
                    + " WHERE finished_at IS NULL AND outcome IS NULL ORDER BY id")) {
      while (rs.next()) {
        out.add(new Unfinished(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4)));
      }
    }
    return out;
  }

  static long started(
      Connection c, String planHash, int step, String statementHash, String description)
      throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "INSERT INTO "
                + TABLE
                + " (plan_hash, step_index, statement_hash, description, started_at)"
                + " VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6))",
            Statement.RETURN_GENERATED_KEYS)) {
      st.setString(1, planHash);
      st.setInt(2, step);
      st.setString(3, statementHash);
      st.setString(4, truncate(description, 1000));
      st.executeUpdate();
      try (ResultSet keys = st.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  static void finished(Connection c, long id) throws SQLException {
    update(
        c,
        id,
        "UPDATE " + TABLE + " SET finished_at = UTC_TIMESTAMP(6), outcome = 'applied' WHERE id = ?",
        null);
  }

  static void failed(Connection c, long id, String message) throws SQLException {
    update(c, id, "UPDATE " + TABLE + " SET outcome = ? WHERE id = ?", "failed: " + message);
  }

  /** Closes an entry a dead run left open; the live schema says what it did. */
  static void interrupted(Connection c, long id, String planHash) throws SQLException {
    update(
        c,
        id,
        "UPDATE " + TABLE + " SET outcome = ? WHERE id = ?",
        "interrupted; the tenant was re-inspected and plan "
            + planHash.substring(0, 12)
            + " continued from its live schema");
  }

  private static void update(Connection c, long id, String sql, String outcome)
      throws SQLException {
    try (PreparedStatement st = c.prepareStatement(sql)) {
      int i = 1;
      if (outcome != null) {
        st.setString(i++, truncate(outcome, 2000));
      }
      st.setLong(i, id);
      st.executeUpdate();
    }
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }
}
