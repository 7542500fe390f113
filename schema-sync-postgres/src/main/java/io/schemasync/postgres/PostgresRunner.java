package io.schemasync.postgres;

import io.schemasync.api.TenantContext;
import io.schemasync.api.UnableToExecuteStatementException;
import io.schemasync.api.UnableToInspectSchemaException;
import io.schemasync.api.change.AddConstraint;
import io.schemasync.api.change.CreateIndex;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.plan.MigrationPlan;
import io.schemasync.api.plan.MigrationStep;
import io.schemasync.api.plan.RowCheck;
import io.schemasync.spi.MigrationRunner;
import io.schemasync.spi.RunOptions;
import io.schemasync.spi.RunResult;
import io.schemasync.spi.TenantLock;
import io.schemasync.spi.TenantLocks;
import io.schemasync.spi.Verifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a plan on one tenant: every transactional step in one transaction, verified before COMMIT
 * (rolled back for a dry run); steps PostgreSQL cannot run in a transaction, or that must follow it
 * ({@code CREATE INDEX CONCURRENTLY}, {@code VALIDATE CONSTRAINT} and what follows it, of the
 * online option), after the commit, one by one. A dry run finds the rows those would fail on by
 * their {@link RowCheck}s before its first statement, or where the step has none, rehearses it
 * inside the transaction after the others (a unique index built concurrently by a query for
 * duplicate keys instead).
 *
 * <p>Inside the transaction {@code search_path} is the tenant's schema alone, {@code lock_timeout}
 * is short so DDL never queues behind a long transaction (and blocks the traffic queued behind it),
 * and when a statement times out on a lock, the transaction is rolled back and run again after a
 * backoff.
 */
final class PostgresRunner implements MigrationRunner {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresRunner.class);
  private static final String LOCK_NOT_AVAILABLE = "55P03";
  private static final String UNSAFE_NEW_ENUM_VALUE = "55P04";

  private final Tenancy tenancy;
  private final RunnerSettings settings;
  private final RolloutMarkers markers = new RolloutMarkers();

  PostgresRunner(Tenancy tenancy, RunnerSettings settings) {
    this.tenancy = tenancy;
    this.settings = settings;
  }

  @Override
  public TenantLock lock(TenantContext tenant, Duration timeout) {
    return AdvisoryLock.acquire(tenancy, tenant, timeout);
  }

  /** Schema tenants share a database, so one session can hold many of their locks. */
  @Override
  public int batchSize() {
    return tenancy instanceof SchemaTenancy ? settings.rolloutBatch() : 1;
  }

  @Override
  public TenantLocks tryLockAll(Collection<TenantContext> tenants) {
    if (!(tenancy instanceof SchemaTenancy)) {
      return MigrationRunner.super.tryLockAll(tenants);
    }
    return AdvisoryLock.tryAll(tenancy, List.copyOf(tenants));
  }

  @Override
  public Map<TenantContext, Instant> markersOf(Collection<TenantContext> tenants, String jobId) {
    Map<TenantContext, Instant> markers = new LinkedHashMap<>();
    for (List<TenantContext> pass : tenancy.passes(tenants)) {
      try (Connection c = tenancy.connect(pass.get(0))) {
        Map<String, TenantContext> bySchema = new LinkedHashMap<>();
        pass.forEach(t -> bySchema.put(tenancy.schema(t), t));
        RolloutMarkers.readAll(c, bySchema.keySet(), jobId)
            .forEach((schema, at) -> markers.put(bySchema.get(schema), at));
      } catch (SQLException e) {
        throw new UnableToInspectSchemaException(
            pass.size() == 1 ? pass.get(0).id() : null,
            "cannot read the rollout markers of " + pass.size() + " tenant(s)",
            e);
      }
    }
    return markers;
  }

  /** Schema tenants share a database, and so one marker table; database tenants keep theirs. */
  @Override
  public void forgetMarkers(Collection<String> jobIds) {
    if (!(tenancy instanceof SchemaTenancy schemas) || jobIds.isEmpty()) {
      return;
    }
    try (Connection c = schemas.connect()) {
      RolloutMarkers.forget(c, jobIds);
    } catch (SQLException e) {
      throw new UnableToInspectSchemaException(
          null, "cannot delete the rollout markers of " + jobIds.size() + " job(s)", e);
    }
  }

  @Override
  public Optional<Instant> markerOf(TenantContext tenant, String jobId) {
    try (Connection c = tenancy.connect(tenant)) {
      return RolloutMarkers.read(c, tenancy.schema(tenant), jobId);
    } catch (SQLException e) {
      throw new UnableToInspectSchemaException(tenant.id(), "cannot read its rollout markers", e);
    }
  }

  @Override
  public RunResult run(
      TenantContext tenant, MigrationPlan plan, RunOptions options, Verifier verifier) {
    long start = System.nanoTime();
    String schema = tenancy.schema(tenant);
    List<MigrationStep> later =
        plan.steps().stream().filter(step -> !step.transactional()).toList();
    int stepsRun;
    SchemaSnapshot result;
    try (Connection c = tenancy.connect(tenant)) {
      boolean sharedMarkers = options.marker() != null && !options.dryRun() && markers.shared(c);
      c.setAutoCommit(false);
      Transaction done =
          withRetry(
              c,
              tenant,
              options.dryRun(),
              () -> runTransaction(c, tenant, schema, plan, options, verifier, sharedMarkers));
      stepsRun = done.stepsRun();
      result = done.result();
      if (options.dryRun()) {
        return new RunResult(stepsRun, false, result, Duration.ofNanos(System.nanoTime() - start));
      }
      c.setAutoCommit(true);
      for (MigrationStep step : later) {
        runOutsideTransaction(c, tenant, schema, step, options, done.leftovers().indexes());
        stepsRun++;
      }
      if (options.marker() != null && !later.isEmpty()) {
        // the last step ran outside the transaction: the marker follows it
        markers.write(c, schema, options.marker(), plan.targetHash(), sharedMarkers);
      }
    } catch (SQLException e) {
      throw new UnableToExecuteStatementException(tenant.id(), "cannot run the plan", e);
    }
    return new RunResult(stepsRun, true, result, Duration.ofNanos(System.nanoTime() - start));
  }

  /**
   * What the tenant's transaction ran, the result it verified (null when not asked), and what an
   * interrupted online run had left in the way of what the plan builds.
   */
  private record Transaction(int stepsRun, SchemaSnapshot result, Leftovers leftovers) {}

  /**
   * What a killed or failed online run left in the way of what the plan builds, by name: invalid
   * indexes, and constraints added NOT VALID but never validated.
   */
  private record Leftovers(Set<String> indexes, Set<String> constraints) {}

  /** The invalid indexes of a schema ({@code ?} 2) among some names ({@code ?} 1). */
  private static final String INVALID_INDEXES =
      "SELECT ic.relname::text FROM pg_class ic"
          + " JOIN pg_index i ON i.indexrelid = ic.oid"
          + " JOIN pg_namespace n ON n.oid = ic.relnamespace"
          + " WHERE ic.relname = ANY(?::name[]) AND n.nspname = ? AND NOT i.indisvalid";

  /** The statements of one attempt at the tenant's transaction, without its COMMIT. */
  @FunctionalInterface
  private interface TransactionBody {
    Transaction run() throws SQLException, LockTimedOut;
  }

  /**
   * A statement of the transaction timed out waiting for a lock; the transaction is rolled back.
   */
  private static final class LockTimedOut extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient MigrationStep step;
    private final String sql;

    LockTimedOut(MigrationStep step, String sql, SQLException cause) {
      super(cause);
      this.step = step;
      this.sql = sql;
    }

    SQLException sqlCause() {
      return (SQLException) getCause();
    }
  }

  /**
   * Runs the tenant's transaction: the body, then COMMIT (ROLLBACK for a dry run). When a statement
   * of the body times out on a lock, the whole transaction is rolled back and run again after a
   * backoff, up to {@code schemasync.ddlAttempts} times: between attempts the tenant holds no table
   * lock, so the application's queries that queued behind the migration go through, and no
   * statement pays for a savepoint (a subtransaction per DDL statement costs the server about a
   * tenth of the statements' own time).
   */
  private Transaction withRetry(
      Connection c, TenantContext tenant, boolean dryRun, TransactionBody body)
      throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try {
        Transaction done = body.run();
        if (dryRun) {
          c.rollback();
        } else {
          c.commit();
        }
        return done;
      } catch (LockTimedOut timedOut) {
        rollbackQuietly(c);
        if (attempt >= settings.maxAttempts()) {
          throw failure(tenant, timedOut.step, timedOut.sql, timedOut.sqlCause(), attempt);
        }
        LOG.info(
            "tenant {}: step {} waited {} ms for a lock (attempt {} of {}); rolled back, retrying",
            tenant,
            timedOut.step.index(),
            settings.ddlLockTimeout().toMillis(),
            attempt,
            settings.maxAttempts());
        sleep(settings.backoff(attempt));
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      }
    }
  }

  private Transaction runTransaction(
      Connection c,
      TenantContext tenant,
      String schema,
      MigrationPlan plan,
      RunOptions options,
      Verifier verifier,
      boolean sharedMarkers)
      throws SQLException, LockTimedOut {
    Leftovers leftovers = prepare(c, schema, options, plan.steps());
    if (options.dryRun()) {
      // before the plan's first statement takes a lock, so that no scan holds one: see RowChecks.
      // Every check runs, so that one dry run names all the rows to fix
      List<String> found = new ArrayList<>();
      for (MigrationStep step : plan.steps()) {
        for (RowCheck check : step.rowChecks()) {
          String rows = rowsFound(c, tenant, schema, step, check);
          if (rows != null) {
            found.add(rows);
          }
        }
      }
      failIfFound(tenant, found);
    }
    int stepsRun = 0;
    for (MigrationStep step : plan.steps()) {
      if (step.transactional()) {
        dropInvalidLeftovers(c, schema, step, leftovers.indexes(), false);
        dropUnvalidatedLeftovers(c, schema, step, leftovers.constraints());
        runStep(c, tenant, schema, step, options);
        stepsRun++;
      }
    }
    if (options.dryRun()) {
      // the steps that really run after the commit are rehearsed at the same point, inside the
      // transaction: a dry run (and so a rollout's gate) must meet the rows a concurrent index
      // build or a validation would fail on, or the real run fails after committing the rest
      for (MigrationStep step : plan.steps()) {
        if (step.transactional() || !step.rowChecks().isEmpty()) {
          continue;
        }
        List<CreateIndex> built = indexBuilds(step);
        if (built.isEmpty()) {
          runStep(c, tenant, schema, rehearsal(step), options);
          stepsRun++;
        } else {
          // a plain build would block writes to the table while it runs: a unique index is
          // checked by a query instead (reads only); another index fails on no row, unless an
          // expression of it raises an error, which the real run reports after the commit
          for (CreateIndex create : built) {
            if (create.index().unique()) {
              // no row check: the index reads what the plan's statements made or changed
              RowCheck check =
                  RowChecks.duplicateKeys(
                      new PgDdl(PgNames.quote(schema)), create.tableName(), create.index());
              String rows = rowsFound(c, tenant, schema, step, check);
              failIfFound(tenant, rows == null ? List.of() : List.of(rows));
            }
          }
        }
      }
    }
    boolean allInTransaction = stepsRun == plan.steps().size();
    SchemaSnapshot result = null;
    if (allInTransaction && verifier.wantsResult()) {
      result = PostgresInspector.inspect(c, schema);
      verifier.verify(result);
    }
    if (options.marker() != null && !options.dryRun() && allInTransaction) {
      markers.write(c, schema, options.marker(), plan.targetHash(), sharedMarkers);
    }
    return new Transaction(stepsRun, result, leftovers);
  }

  /** A step that runs after the commit ({@code VALIDATE}, NOT NULL), run inside a transaction. */
  private static MigrationStep rehearsal(MigrationStep step) {
    return new MigrationStep(
        step.index(),
        step.description(),
        step.changes(),
        step.statements(),
        step.safety(),
        step.reason(),
        step.dependsOn(),
        true);
  }

  /** The indexes a step builds (outside the transaction: CONCURRENTLY, nothing else is). */
  private static List<CreateIndex> indexBuilds(MigrationStep step) {
    return step.changes().stream()
        .filter(CreateIndex.class::isInstance)
        .map(CreateIndex.class::cast)
        .toList();
  }

  /** The names of the indexes the steps build. */
  private static List<String> builtIndexes(List<MigrationStep> steps) {
    return steps.stream()
        .flatMap(step -> indexBuilds(step).stream())
        .map(create -> create.index().name())
        .toList();
  }

  /** The named constraints the steps add. */
  private static List<AddConstraint> addedConstraints(List<MigrationStep> steps) {
    return steps.stream()
        .flatMap(step -> step.changes().stream())
        .filter(AddConstraint.class::isInstance)
        .map(AddConstraint.class::cast)
        .filter(add -> add.constraint().name() != null)
        .toList();
  }

  /**
   * Drops the constraints named like those the step adds that were added NOT VALID and never
   * validated (what an online run killed before its validation leaves): the inspector does not
   * report them, as PostgreSQL does not hold the existing rows to them, so the plan adds them
   * again, and would otherwise fail on their names. By name alone: {@code IF EXISTS} on the step's
   * table leaves a namesake on another table alone, and a valid one of that name on this table the
   * plan has dropped already, or it would not add it.
   */
  private static void dropUnvalidatedLeftovers(
      Connection c, String schema, MigrationStep step, Set<String> leftovers) throws SQLException {
    if (leftovers.isEmpty()) {
      return;
    }
    for (AddConstraint add : addedConstraints(List.of(step))) {
      if (leftovers.contains(add.constraint().name())) {
        try (Statement st = c.createStatement()) {
          st.execute(
              "ALTER TABLE "
                  + PgNames.qualified(schema, add.tableName())
                  + " DROP CONSTRAINT IF EXISTS "
                  + PgNames.quote(add.constraint().name()));
        }
      }
    }
  }

  /**
   * Drops the invalid indexes named like those the step builds: what a concurrent build that was
   * killed or failed leaves behind. No query uses one, and the inspector does not report it, so the
   * plan builds the index again and would otherwise fail on its name. Inside the transaction the
   * drop is part of it; after the commit it is {@code DROP INDEX CONCURRENTLY}.
   */
  private static void dropInvalidLeftovers(
      Connection c, String schema, MigrationStep step, Set<String> leftovers, boolean concurrently)
      throws SQLException {
    if (leftovers.isEmpty()) {
      return;
    }
    for (CreateIndex create : indexBuilds(step)) {
      String name = create.index().name();
      if (leftovers.contains(name)) {
        LOG.info("schema {}: dropping the invalid index {} a concurrent build left", schema, name);
        try (Statement st = c.createStatement()) {
          st.execute(dropIndex(schema, name, concurrently));
        }
      }
    }
  }

  private static String dropIndex(String schema, String name, boolean concurrently) {
    return "DROP INDEX "
        + (concurrently ? "CONCURRENTLY " : "")
        + "IF EXISTS "
        + PgNames.qualified(schema, name);
  }

  /**
   * Runs a query that finds the rows a step would fail on, in place of the step (which the dry run
   * cannot rehearse without blocking the table); says what it found, naming the step, or null.
   */
  private String rowsFound(
      Connection c, TenantContext tenant, String schema, MigrationStep step, RowCheck check)
      throws LockTimedOut {
    String query = PostgresDialect.bind(check.query(), schema);
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(query)) {
      return rs.next()
          ? named(step)
              + " would fail: "
              + check.finding()
              + " (found by "
              + query
              + ", which the dry run runs instead of the step)"
          : null;
    } catch (SQLException e) {
      if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
        throw new LockTimedOut(step, query, e);
      }
      throw failure(tenant, rehearsal(step), query, e, 1);
    }
  }

  private static void failIfFound(TenantContext tenant, List<String> found) {
    if (!found.isEmpty()) {
      throw new UnableToExecuteStatementException(
          tenant.id(),
          String.join("; ", found) + " — the transaction was rolled back, nothing was changed");
    }
  }

  /**
   * Sets the transaction's timeouts and path in one round trip, creating the schema if missing;
   * returns which of the indexes and constraints the plan builds exist already as leftovers of an
   * interrupted online run (looked up by name in the same round trip).
   */
  private Leftovers prepare(
      Connection c, String schema, RunOptions options, List<MigrationStep> steps)
      throws SQLException {
    boolean exists;
    Set<String> indexes = new HashSet<>();
    Set<String> constraints = new HashSet<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT set_config('lock_timeout', ?, true),"
                // no timeout of ours: the session's own stays
                + " set_config('statement_timeout',"
                + " COALESCE(?, current_setting('statement_timeout')), true),"
                // routines may be created before the tables their bodies read, as pg_dump does
                + " set_config('check_function_bodies', 'off', true),"
                + " set_config('search_path', quote_ident(?), true),"
                + " EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?),"
                + " ARRAY("
                + INVALID_INDEXES
                + "),"
                + " ARRAY(SELECT co.conname::text FROM pg_constraint co"
                + "  JOIN pg_namespace n ON n.oid = co.connamespace"
                + "  WHERE co.conname = ANY(?::name[]) AND n.nspname = ? AND NOT co.convalidated)")) {
      ps.setString(1, String.valueOf(settings.ddlLockTimeout().toMillis()));
      ps.setString(
          2,
          options.statementTimeout().isZero()
              ? null
              : String.valueOf(options.statementTimeout().toMillis()));
      ps.setString(3, schema);
      ps.setString(4, schema);
      ps.setArray(5, c.createArrayOf("text", builtIndexes(steps).toArray()));
      ps.setString(6, schema);
      ps.setArray(
          7,
          c.createArrayOf(
              "text",
              addedConstraints(steps).stream().map(add -> add.constraint().name()).toArray()));
      ps.setString(8, schema);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        exists = rs.getBoolean(5);
        for (Object name : (Object[]) rs.getArray(6).getArray()) {
          indexes.add((String) name);
        }
        for (Object name : (Object[]) rs.getArray(7).getArray()) {
          constraints.add((String) name);
        }
      }
    }
    if (!exists) {
      // only when missing: CREATE SCHEMA needs CREATE on the database even with IF NOT EXISTS
      try (Statement st = c.createStatement()) {
        st.execute("CREATE SCHEMA " + PgNames.quote(schema));
      }
    }
    return new Leftovers(indexes, constraints);
  }

  private void runStep(
      Connection c, TenantContext tenant, String schema, MigrationStep step, RunOptions options)
      throws LockTimedOut {
    long started = System.nanoTime();
    options.listener().stepStarted(tenant, step);
    for (String sql : step.statements()) {
      String bound = PostgresDialect.bind(sql, schema);
      try (Statement st = c.createStatement()) {
        st.execute(bound);
      } catch (SQLException e) {
        if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
          throw new LockTimedOut(step, bound, e);
        }
        throw failure(tenant, step, bound, e, 1);
      }
    }
    options.listener().stepFinished(tenant, step, Duration.ofNanos(System.nanoTime() - started));
  }

  private void runOutsideTransaction(
      Connection c,
      TenantContext tenant,
      String schema,
      MigrationStep step,
      RunOptions options,
      Set<String> leftovers)
      throws SQLException {
    long started = System.nanoTime();
    options.listener().stepStarted(tenant, step);
    try (Statement st = c.createStatement()) {
      // CONCURRENTLY and VALIDATE wait for every older transaction of the database, but their
      // SHARE UPDATE EXCLUSIVE lock blocks no reads or writes: they may wait as long as the
      // tenant lock would
      st.execute(
          "SET lock_timeout = "
              + Math.max(settings.ddlLockTimeout().toMillis(), options.lockTimeout().toMillis()));
      st.execute("SET search_path TO " + PgNames.quote(schema));
      dropInvalidLeftovers(c, schema, step, leftovers, true);
      for (String sql : step.statements()) {
        String bound = PostgresDialect.bind(sql, schema);
        LOG.info("tenant {}: step {} outside the transaction: {}", tenant, step.index(), bound);
        try {
          st.execute(bound);
        } catch (SQLException e) {
          dropInvalidIndex(st, schema, step, e);
          throw failure(tenant, step, bound, e, 1);
        }
      }
    } finally {
      try (Statement st = c.createStatement()) {
        st.execute("RESET lock_timeout");
        st.execute("RESET search_path");
      }
    }
    options.listener().stepFinished(tenant, step, Duration.ofNanos(System.nanoTime() - started));
  }

  /**
   * A failed {@code CREATE INDEX CONCURRENTLY} leaves an invalid index behind that still slows
   * every write; drop it so that the next sync builds it again from scratch.
   */
  private static void dropInvalidIndex(
      Statement st, String schema, MigrationStep step, SQLException failure) {
    List<String> built = builtIndexes(List.of(step));
    if (built.isEmpty()) {
      return;
    }
    try (PreparedStatement invalid = st.getConnection().prepareStatement(INVALID_INDEXES)) {
      invalid.setArray(1, st.getConnection().createArrayOf("text", built.toArray()));
      invalid.setString(2, schema);
      List<String> names = new ArrayList<>();
      try (ResultSet rs = invalid.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
      for (String name : names) {
        st.execute(dropIndex(schema, name, true));
      }
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  /** How errors name a step: {@code step 2 (add index ...)}. */
  private static String named(MigrationStep step) {
    return "step " + step.index() + " (" + step.description() + ")";
  }

  private UnableToExecuteStatementException failure(
      TenantContext tenant, MigrationStep step, String sql, SQLException e, int attempts) {
    String advice;
    if (LOCK_NOT_AVAILABLE.equals(e.getSQLState()) && step.transactional()) {
      advice =
          "another transaction held a conflicting lock through "
              + attempts
              + " attempt(s) of "
              + settings.ddlLockTimeout().toMillis()
              + " ms; nothing was committed. Find the long"
              + " transaction in pg_stat_activity, or retry later";
    } else if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
      advice =
          "older transactions did not finish within the lock timeout; earlier steps were"
              + " committed, this one was not. Sync again once the long transactions in"
              + " pg_stat_activity are done";
    } else if (UNSAFE_NEW_ENUM_VALUE.equals(e.getSQLState())) {
      advice =
          "PostgreSQL cannot use an enum value added in the same transaction; sync the enum"
              + " change alone first, then the rest";
    } else {
      advice =
          step.transactional()
              ? "the transaction was rolled back, nothing was changed"
              : "earlier steps were committed; this step ran outside the transaction";
    }
    return new UnableToExecuteStatementException(
        tenant.id(), named(step) + " failed: " + sql + " — " + advice, e);
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to retry", e);
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is broken; the server rolls the transaction back when it closes
    }
  }
}
