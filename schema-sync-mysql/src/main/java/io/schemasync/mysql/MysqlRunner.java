package io.schemasync.mysql;

import io.schemasync.api.TenantContext;
import io.schemasync.api.UnableToAcquireLockException;
import io.schemasync.api.UnableToExecuteStatementException;
import io.schemasync.api.UnableToInspectSchemaException;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.plan.MigrationPlan;
import io.schemasync.api.plan.MigrationStep;
import io.schemasync.spi.MigrationRunner;
import io.schemasync.spi.RunOptions;
import io.schemasync.spi.RunResult;
import io.schemasync.spi.TenantLock;
import io.schemasync.spi.Verifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies plans without transactions, because MySQL commits every DDL statement at once: each step
 * is one statement, journaled before and after it runs, so a failed or killed run leaves a record
 * of where it stopped and the next run (planned from the live schema) finishes the rest without
 * repeating a step. A dry run applies the plan to a scratch copy of the tenant's schema.
 */
final class MysqlRunner implements MigrationRunner {
  private static final Logger LOG = LoggerFactory.getLogger(MysqlRunner.class);
  private static final int LOCK_WAIT_RETRIES = 3;

  private final DataSource dataSource;
  private final MysqlInspector inspector;
  private final Scratch scratch;
  private final Duration ddlLockWait;

  MysqlRunner(
      DataSource dataSource, MysqlInspector inspector, Scratch scratch, Duration ddlLockWait) {
    this.dataSource = dataSource;
    this.inspector = inspector;
    this.scratch = scratch;
    this.ddlLockWait = ddlLockWait;
  }

  @Override
  public TenantLock lock(TenantContext tenant, Duration timeout) {
    String name = MysqlNames.lockName(tenant.id());
    Connection c = null;
    try {
      c = dataSource.getConnection();
      c.setAutoCommit(true);
      Integer got;
      try (PreparedStatement st = c.prepareStatement("SELECT GET_LOCK(?, ?)")) {
        st.setString(1, name);
        st.setLong(2, Math.max(0, (timeout.toMillis() + 999) / 1000));
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          got = rs.getObject(1) == null ? null : rs.getInt(1);
        }
      }
      if (got == null || got != 1) {
        String holder = holder(c, name);
        throw new UnableToAcquireLockException(
            tenant.id(),
            "another process holds the migration lock of this tenant"
                + holder
                + " and did not release it within "
                + timeout.toSeconds()
                + "s; wait for it to finish and run again, or raise the lock timeout");
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      String orphan = orphanedStatement(c, name);
      while (orphan != null && System.nanoTime() < deadline) {
        sleep(200);
        orphan = orphanedStatement(c, name);
      }
      if (orphan != null) {
        throw new UnableToAcquireLockException(
            tenant.id(),
            "a statement of an earlier run that"
                + " died is still executing on the server ("
                + orphan
                + ") and did not finish within "
                + timeout.toSeconds()
                + "s; wait for it, or stop it with KILL QUERY, then run again");
      }
      Connection held = c;
      c = null;
      return () -> release(held, name, tenant);
    } catch (SQLException e) {
      throw new UnableToAcquireLockException(tenant.id(), "cannot take the migration lock", e);
    } finally {
      if (c != null) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // the lock was not taken on this connection
        }
      }
    }
  }

  /**
   * A killed process releases the lock at once, but the server may still be running the DDL it
   * sent: such a statement carries the tenant's marker. Returns one, described, or null.
   */
  private static String orphanedStatement(Connection c, String lockName) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT ID, TIME FROM information_schema.PROCESSLIST"
                + " WHERE ID <> CONNECTION_ID() AND INFO LIKE ?")) {
      st.setString(
          1, marker(lockName).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
      try (ResultSet rs = st.executeQuery()) {
        return rs.next()
            ? "server connection " + rs.getLong(1) + ", running for " + rs.getLong(2) + "s"
            : null;
      }
    }
  }

  /** The comment every statement a run sends starts with, naming the tenant's lock. */
  static String marker(String lockName) {
    return "/* " + lockName + " */ ";
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String holder(Connection c, String name) {
    try (PreparedStatement st = c.prepareStatement("SELECT IS_USED_LOCK(?)")) {
      st.setString(1, name);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() && rs.getString(1) != null
            ? " (server connection " + rs.getString(1) + ", see SHOW PROCESSLIST)"
            : "";
      }
    } catch (SQLException e) {
      return "";
    }
  }

  private static void release(Connection c, String name, TenantContext tenant) {
    try (PreparedStatement st = c.prepareStatement("SELECT RELEASE_LOCK(?)")) {
      st.setString(1, name);
      st.executeQuery().close();
    } catch (SQLException e) {
      // Closing the connection below releases the lock on the server anyway.
      LOG.warn(
          "tenant {}: RELEASE_LOCK failed ({}); closing the connection releases it",
          tenant,
          e.getMessage());
    } finally {
      try {
        c.close();
      } catch (SQLException ignored) {
        // nothing more to release
      }
    }
  }

  @Override
  public RunResult run(
      TenantContext tenant, MigrationPlan plan, RunOptions options, Verifier verifier) {
    long start = System.nanoTime();
    if (options.dryRun()) {
      return dryRun(tenant, plan, options, verifier, start);
    }
    String planHash = planHash(plan);
    Connection c = null;
    try {
      createDatabase(tenant);
      c = Sessions.forDdl(dataSource, tenant.id(), ddlLockWait);
      Journal.ensure(c);
      if (options.marker() != null) {
        RolloutMarkers.ensure(c);
      }
      for (Journal.Unfinished open : Journal.unfinished(c)) {
        LOG.warn(
            "tenant {}: a previous run of plan {} stopped during step {} ({}); the plan now"
                + " runs from the live schema",
            tenant,
            open.planHash().substring(0, 12),
            open.step(),
            open.description());
        Journal.interrupted(c, open.id(), planHash);
      }
      int run = 0;
      for (MigrationStep step : plan.steps()) {
        runStep(c, tenant, plan, planHash, step, options, run == plan.steps().size() - 1);
        run++;
      }
      return new RunResult(run, true, null, Duration.ofNanos(System.nanoTime() - start));
    } catch (SQLException e) {
      throw new UnableToExecuteStatementException(
          tenant.id(),
          "cannot prepare the run (create the database or the journal " + Journal.TABLE + ")",
          e);
    } finally {
      Sessions.release(c);
    }
  }

  private void runStep(
      Connection c,
      TenantContext tenant,
      MigrationPlan plan,
      String planHash,
      MigrationStep step,
      RunOptions options,
      boolean lastStep)
      throws SQLException {
    for (int k = 0; k < step.statements().size(); k++) {
      String sql = step.statements().get(k);
      long id =
          Journal.started(c, planHash, step.index(), MysqlNames.sha256(sql), step.description());
      if (k == 0) {
        options.listener().stepStarted(tenant, step);
      }
      long stepStart = System.nanoTime();
      try {
        executeWithRetry(
            c, marker(MysqlNames.lockName(tenant.id())) + sql, options.statementTimeout(), tenant);
      } catch (SQLException e) {
        Journal.failed(c, id, e.getMessage());
        throw new UnableToExecuteStatementException(
            tenant.id(),
            "step "
                + step.index()
                + " of "
                + plan.steps().size()
                + " ("
                + step.description()
                + ") failed; statement: "
                + sql
                + " -- the steps before it are applied and kept"
                + " (MySQL commits DDL at once); the journal "
                + Journal.TABLE
                + " in the tenant's"
                + " database records where it stopped; fix the cause and sync again: the next plan"
                + " starts from the tenant's live schema",
            e);
      }
      if (lastStep && k == step.statements().size() - 1 && options.marker() != null) {
        try {
          finishWithMarker(c, id, options, plan);
        } catch (SQLException e) {
          throw new UnableToExecuteStatementException(
              tenant.id(),
              "the last step is applied but"
                  + " the commit marker of rollout task "
                  + options.marker().taskId()
                  + " could not be"
                  + " written to "
                  + io.schemasync.spi.CommitMarker.TABLE
                  + "; a resumed rollout re-plans this tenant"
                  + " from its live schema",
              e);
        }
      } else {
        Journal.finished(c, id);
      }
      if (k == step.statements().size() - 1) {
        options
            .listener()
            .stepFinished(tenant, step, Duration.ofNanos(System.nanoTime() - stepStart));
      }
    }
  }

  /** Closes the last journal entry and records the rollout task as committed, atomically. */
  private static void finishWithMarker(
      Connection c, long id, RunOptions options, MigrationPlan plan) throws SQLException {
    c.setAutoCommit(false);
    try {
      Journal.finished(c, id);
      RolloutMarkers.write(c, options.marker(), plan.targetHash());
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  @Override
  public Optional<Instant> markerOf(TenantContext tenant, String jobId) {
    try (Connection c = dataSource.getConnection()) {
      if (!MysqlInspector.exists(c, tenant.id())) {
        return Optional.empty();
      }
      return RolloutMarkers.read(c, tenant.id(), jobId);
    } catch (SQLException e) {
      throw new UnableToInspectSchemaException(tenant.id(), "cannot read the rollout marker", e);
    }
  }

  /**
   * DDL waits for a metadata lock behind open transactions; give up quickly and retry a few times.
   */
  private static void executeWithRetry(
      Connection c, String sql, Duration timeout, TenantContext tenant) throws SQLException {
    for (int attempt = 0; ; attempt++) {
      try {
        Sessions.execute(c, sql, timeout);
        return;
      } catch (SQLException e) {
        if (e.getErrorCode() != Sessions.LOCK_WAIT_TIMEOUT || attempt >= LOCK_WAIT_RETRIES) {
          throw e;
        }
        long backoff = 250L << attempt;
        LOG.info(
            "tenant {}: lock wait timeout, retrying in {} ms ({} of {})",
            tenant,
            backoff,
            attempt + 1,
            LOCK_WAIT_RETRIES);
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private void createDatabase(TenantContext tenant) throws SQLException {
    try (Connection admin = dataSource.getConnection()) {
      if (!MysqlInspector.exists(admin, tenant.id())) {
        Sessions.execute(admin, "CREATE DATABASE " + MysqlNames.quote(tenant.id()));
      }
    }
  }

  private RunResult dryRun(
      TenantContext tenant, MigrationPlan plan, RunOptions options, Verifier verifier, long start) {
    SchemaSnapshot current =
        inspector.exists(tenant) ? inspector.inspect(tenant) : SchemaSnapshot.EMPTY;
    try {
      return scratch.with(
          (c, db) -> {
            Set<String> empty = scratch.build(c, current, "tenant's current schema", tenant.id());
            DataChecks.run(c, tenant.id(), plan, current, empty);
            for (MigrationStep step : plan.steps()) {
              options.listener().stepStarted(tenant, step);
              long stepStart = System.nanoTime();
              for (String sql : step.statements()) {
                try {
                  Sessions.execute(c, sql, options.statementTimeout());
                } catch (SQLException e) {
                  throw new UnableToExecuteStatementException(
                      tenant.id(),
                      dryRunStep(step, plan)
                          + " failed on a scratch copy of the tenant's schema;"
                          + " statement: "
                          + sql
                          + " -- the tenant was not changed",
                      e);
                }
              }
              options
                  .listener()
                  .stepFinished(tenant, step, Duration.ofNanos(System.nanoTime() - stepStart));
            }
            SchemaSnapshot result = null;
            if (verifier.wantsResult()) {
              result = inspector.read(c, List.of(db)).get(db);
              verifier.verify(result);
            }
            return new RunResult(
                plan.steps().size(), false, result, Duration.ofNanos(System.nanoTime() - start));
          });
    } catch (SQLException e) {
      throw new UnableToExecuteStatementException(
          tenant.id(),
          "dry run: cannot use a scratch database (needs CREATE and DROP on the server)",
          e);
    }
  }

  /** How a dry run's error names the step: {@code dry run: step 2 of 5 (add index ...)}. */
  static String dryRunStep(MigrationStep step, MigrationPlan plan) {
    return "dry run: step "
        + step.index()
        + " of "
        + plan.steps().size()
        + " ("
        + step.description()
        + ")";
  }

  static String planHash(MigrationPlan plan) {
    return MysqlNames.sha256(
        plan.fromHash()
            + "\n"
            + plan.targetHash()
            + "\n"
            + String.join("\n;\n", plan.statements()));
  }
}
