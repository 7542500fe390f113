package io.schemasync.sqlite;

import io.schemasync.api.InvalidTargetException;
import io.schemasync.api.SourceLocation;
import io.schemasync.api.TenantContext;
import io.schemasync.api.UnableToInspectSchemaException;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.spi.DatabaseAdapter;
import io.schemasync.spi.Dialect;
import io.schemasync.spi.MigrationRunner;
import io.schemasync.spi.SchemaInspector;
import io.schemasync.sqlite.internal.CatalogReader;
import io.schemasync.sqlite.internal.SqlScript;
import io.schemasync.sqlite.internal.SqliteConnections;
import io.schemasync.sqlite.internal.TenantStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The SQLite adapter: a tenant is a database file (every {@code *.db} file of a directory, or one
 * file), or the one database behind a data source. Holds no open connection between calls;
 * thread-safe.
 */
public final class SqliteAdapter implements DatabaseAdapter {
  private final TenantStore store;
  private final SqliteDialect dialect = new SqliteDialect();
  private final SqliteInspector inspector;
  private final SqliteRunner runner;

  SqliteAdapter(TenantStore store, Duration busyTimeout) {
    this.store = store;
    this.inspector = new SqliteInspector(store, busyTimeout);
    this.runner = new SqliteRunner(store);
  }

  @Override
  public String name() {
    return SqliteAdapterProvider.NAME;
  }

  @Override
  public Dialect dialect() {
    return dialect;
  }

  @Override
  public SchemaInspector inspector() {
    return inspector;
  }

  @Override
  public MigrationRunner runner() {
    return runner;
  }

  /**
   * @throws io.schemasync.api.InvalidTenantException unless the id is a safe file name ({@code
   *     [A-Za-z0-9][A-Za-z0-9._-]*}, no {@code ..}, no {@code .db} suffix), or, for a single file
   *     or data source, the one tenant's id
   */
  @Override
  public TenantContext tenant(String id) {
    return store.tenant(id);
  }

  /** Runs the script in a private in-memory database, which is gone afterwards, and inspects it. */
  @Override
  public SchemaSnapshot snapshotOfSql(String sql, String sourceName) {
    try (Connection connection = SqliteConnections.memory()) {
      for (SqlScript.Statement statement : SqlScript.split(sql)) {
        if (statement.sql().regionMatches(true, 0, "VACUUM", 0, 6)) {
          throw new InvalidTargetException(
              new SourceLocation(sourceName, statement.line(), 0, null),
              "a schema script must not VACUUM (VACUUM INTO writes a file); remove the statement");
        }
        try (Statement jdbc = connection.createStatement()) {
          jdbc.execute(statement.sql());
        } catch (SQLException e) {
          throw new InvalidTargetException(
              new SourceLocation(sourceName, statement.line(), 0, null),
              "SQLite rejects this statement: "
                  + e.getMessage()
                  + "; fix the statement starting"
                  + " on this line: "
                  + abbreviate(statement.sql()),
              e);
        }
      }
      return CatalogReader.read(connection);
    } catch (SQLException e) {
      throw new UnableToInspectSchemaException(
          null, "cannot inspect the schema built by " + sourceName + " in a scratch database", e);
    }
  }

  /** Nothing to release: connections are opened per operation. */
  @Override
  public void close() {}

  private static String abbreviate(String sql) {
    String oneLine = sql.replaceAll("\\s+", " ");
    return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
  }
}
