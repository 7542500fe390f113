package io.schemasync.sqlite;

import io.schemasync.api.TenantContext;
import io.schemasync.api.UnableToExecuteStatementException;
import io.schemasync.api.UnableToInspectSchemaException;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.plan.MigrationPlan;
import io.schemasync.api.plan.MigrationStep;
import io.schemasync.spi.ConnectionSettings;
import io.schemasync.spi.MigrationRunner;
import io.schemasync.spi.RunOptions;
import io.schemasync.spi.RunResult;
import io.schemasync.spi.TenantLock;
import io.schemasync.spi.Verifier;
import io.schemasync.sqlite.internal.CatalogReader;
import io.schemasync.sqlite.internal.RolloutMarkers;
import io.schemasync.sqlite.internal.SqliteConnections;
import io.schemasync.sqlite.internal.TenantLocks;
import io.schemasync.sqlite.internal.TenantStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a plan on one SQLite tenant in a single {@code BEGIN IMMEDIATE} transaction: every step,
 * then {@code PRAGMA foreign_key_check}, then the verifier on the schema as seen through the same
 * connection, then COMMIT (ROLLBACK for a dry run). Foreign keys are switched off around the
 * transaction (SQLite ignores the pragma inside one) so table rebuilds neither fail nor cascade. A
 * dry run of a tenant that does not exist yet runs in a private in-memory database and creates no
 * file. A rollout's commit marker is inserted in the same transaction, after the steps, so it
 * commits exactly when the change does. Thread-safe.
 */
public final class SqliteRunner implements MigrationRunner {
  private final TenantStore store;

  SqliteRunner(TenantStore store) {
    this.store = store;
  }

  @Override
  public TenantLock lock(TenantContext tenant, Duration timeout) {
    Optional<Path> file = store.file(tenant);
    Optional<Path> lockFile = file.map(f -> f.resolveSibling(f.getFileName() + ".lock"));
    String key =
        lockFile
            .map(p -> p.toAbsolutePath().toString())
            .orElse("data source " + System.identityHashCode(store) + "/" + tenant.id());
    TenantLock lock = TenantLocks.acquire(tenant.id(), key, lockFile, timeout);
    try {
      recoverInterruptedRun(tenant, file);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
    return lock;
  }

  /**
   * A process killed inside a plan's transaction leaves a hot journal, which read-only connections
   * (the inspector's) refuse to open. Under the lock no one else can be mid-transaction, so a write
   * connection rolls the journal back now, before anyone inspects.
   */
  private void recoverInterruptedRun(TenantContext tenant, Optional<Path> file) {
    if (file.isEmpty()
        || !Files.exists(file.get().resolveSibling(file.get().getFileName() + "-journal"))
        || !store.exists(tenant)) {
      return;
    }
    try (Connection connection =
        store.open(tenant, true, ConnectionSettings.DEFAULT_LOCK_TIMEOUT)) {
      queryInt(connection, "SELECT count(*) FROM sqlite_master");
    } catch (SQLException e) {
      throw new UnableToExecuteStatementException(
          tenant.id(),
          "cannot roll back the interrupted change left in " + store.describe(tenant) + "-journal",
          e);
    }
  }

  @Override
  public RunResult run(
      TenantContext tenant, MigrationPlan plan, RunOptions options, Verifier verifier) {
    Instant start = Instant.now();
    boolean existed = store.exists(tenant);
    boolean committed = false;
    try (Connection connection =
        existed || !options.dryRun()
            ? store.open(tenant, true, options.lockTimeout())
            : SqliteConnections.memory()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(true);
      boolean foreignKeys = queryInt(connection, "PRAGMA foreign_keys") == 1;
      execute(connection, "PRAGMA foreign_keys = OFF");
      try {
        execute(connection, "BEGIN IMMEDIATE");
        try {
          int steps = runSteps(connection, tenant, plan, options);
          checkForeignKeys(connection, tenant);
          if (options.marker() != null && !options.dryRun()) {
            RolloutMarkers.write(connection, options.marker(), plan.targetHash());
          }
          SchemaSnapshot result = null;
          if (verifier.wantsResult()) {
            result = CatalogReader.read(connection);
            verifier.verify(result);
          }
          execute(connection, options.dryRun() ? "ROLLBACK" : "COMMIT");
          committed = !options.dryRun();
          return new RunResult(steps, committed, result, Duration.between(start, Instant.now()));
        } catch (RuntimeException | SQLException e) {
          rollbackQuietly(connection);
          throw e;
        }
      } finally {
        execute(connection, "PRAGMA legacy_alter_table = OFF"); // a failed rebuild may leave it on
        execute(connection, "PRAGMA foreign_keys = " + (foreignKeys ? "ON" : "OFF"));
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new UnableToExecuteStatementException(
          tenant.id(),
          "cannot run the plan on " + store.describe(tenant) + "; nothing was changed",
          e);
    } finally {
      if (!existed && !committed && !options.dryRun()) {
        removeCreatedFile(tenant);
      }
    }
  }

  /** Reads the marker through a read-only connection; a tenant without the table has none. */
  @Override
  public Optional<Instant> markerOf(TenantContext tenant, String jobId) {
    if (!store.exists(tenant)) {
      return Optional.empty();
    }
    try (Connection connection =
        store.open(tenant, false, ConnectionSettings.DEFAULT_LOCK_TIMEOUT)) {
      return RolloutMarkers.read(connection, jobId);
    } catch (SQLException e) {
      throw new UnableToInspectSchemaException(
          tenant.id(), "cannot read the rollout marker of " + store.describe(tenant), e);
    }
  }

  private int runSteps(
      Connection connection, TenantContext tenant, MigrationPlan plan, RunOptions options) {
    int run = 0;
    for (MigrationStep step : plan.steps()) {
      Instant stepStart = Instant.now();
      options.listener().stepStarted(tenant, step);
      for (String sql : step.statements()) {
        try (Statement statement = connection.createStatement()) {
          if (!options.statementTimeout().isZero()) {
            statement.setQueryTimeout((int) Math.max(1, options.statementTimeout().toSeconds()));
          }
          statement.execute(sql);
        } catch (SQLException e) {
          throw new UnableToExecuteStatementException(
              tenant.id(),
              "step "
                  + step.index()
                  + " ("
                  + step.description()
                  + ") failed and the whole plan was"
                  + " rolled back, nothing was changed; statement: "
                  + sql,
              e);
        }
      }
      options.listener().stepFinished(tenant, step, Duration.between(stepStart, Instant.now()));
      run++;
    }
    return run;
  }

  private static void checkForeignKeys(Connection connection, TenantContext tenant)
      throws SQLException {
    Map<String, Integer> violations = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA foreign_key_check")) {
      while (rows.next()) {
        violations.merge(
            "table " + rows.getString(1) + " -> " + rows.getString(3), 1, Integer::sum);
      }
    }
    if (!violations.isEmpty()) {
      StringBuilder detail = new StringBuilder();
      violations.forEach(
          (k, n) ->
              detail
                  .append(detail.length() == 0 ? "" : ", ")
                  .append(k)
                  .append(" (")
                  .append(n)
                  .append(n == 1 ? " row)" : " rows)"));
      throw new UnableToExecuteStatementException(
          tenant.id(),
          "after the plan, rows violate foreign keys: "
              + detail
              + "; the plan was rolled back,"
              + " nothing was changed. Fix the data (or the target's foreign keys) and sync again");
    }
  }

  private void removeCreatedFile(TenantContext tenant) {
    store
        .file(tenant)
        .ifPresent(
            file -> {
              for (String suffix : new String[] {"", "-journal", "-wal", "-shm"}) {
                try {
                  Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
                } catch (IOException ignored) {
                  // an empty file left behind is harmless: it is a tenant with an empty schema
                }
              }
            });
  }

  private static int queryInt(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      execute(connection, "ROLLBACK");
    } catch (SQLException ignored) {
      // SQLite may have rolled back already (e.g. after SQLITE_FULL); nothing else to undo
    }
  }
}
