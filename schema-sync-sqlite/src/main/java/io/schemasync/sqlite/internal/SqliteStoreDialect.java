package io.schemasync.sqlite.internal;

import io.schemasync.internal.rollout.store.StoreDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The control store on a SQLite file. Every write starts with {@code BEGIN IMMEDIATE}: taking the
 * write lock up front is what makes two processes' claims serialize instead of one of them failing
 * with SQLITE_BUSY when its read transaction tries to become a write.
 */
public final class SqliteStoreDialect implements StoreDialect {
  @Override
  public String table(String name) {
    return SqlText.quote(name);
  }

  @Override
  public void initialize(Connection connection, String[] createTables) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA journal_mode = WAL"); // readers never block the claiming writer
      statement.execute("PRAGMA synchronous = NORMAL");
    }
    begin(connection);
    try (Statement statement = connection.createStatement()) {
      for (String sql : createTables) {
        statement.execute(sql);
      }
      commit(connection);
    } catch (SQLException e) {
      rollback(connection);
      throw e;
    }
  }

  @Override
  public void begin(Connection connection) throws SQLException {
    execute(connection, "BEGIN IMMEDIATE");
  }

  @Override
  public void commit(Connection connection) throws SQLException {
    execute(connection, "COMMIT");
  }

  @Override
  public void rollback(Connection connection) throws SQLException {
    try {
      execute(connection, "ROLLBACK");
    } catch (SQLException ignored) {
      // SQLite already rolled back (e.g. after SQLITE_BUSY); there is nothing left to undo
    }
  }

  @Override
  public long now(Connection connection) {
    return System.currentTimeMillis();
  }

  @Override
  public String claimLocking() {
    return "";
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
