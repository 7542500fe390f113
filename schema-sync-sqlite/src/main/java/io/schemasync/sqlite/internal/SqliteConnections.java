package io.schemasync.sqlite.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteLimits;
import org.sqlite.SQLiteOpenMode;

/** Opens sqlite-jdbc connections with the settings every connection of the adapter needs. */
public final class SqliteConnections {
  private SqliteConnections() {}

  /** A connection to a file; read-only connections never create the file. */
  public static Connection open(Path file, boolean write, Duration busyTimeout)
      throws SQLException {
    SQLiteConfig config = config(busyTimeout);
    config.setReadOnly(!write);
    if (!write) {
      config.resetOpenMode(SQLiteOpenMode.CREATE);
    }
    return config.createConnection("jdbc:sqlite:" + file);
  }

  /**
   * A fresh private in-memory database, gone when the connection closes. It cannot attach other
   * databases, so a script run in it cannot reach any file.
   */
  public static Connection memory() throws SQLException {
    Connection connection = config(Duration.ZERO).createConnection("jdbc:sqlite::memory:");
    connection.unwrap(SQLiteConnection.class).setLimit(SQLiteLimits.SQLITE_LIMIT_ATTACHED, 0);
    return connection;
  }

  private static SQLiteConfig config(Duration busyTimeout) {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
    return config;
  }
}
