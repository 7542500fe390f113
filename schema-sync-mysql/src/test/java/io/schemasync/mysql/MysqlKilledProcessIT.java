package io.schemasync.mysql;

import static io.schemasync.mysql.MysqlFixture.count;
import static io.schemasync.mysql.MysqlFixture.engine;
import static io.schemasync.mysql.MysqlFixture.schemaOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.SyncReport;
import io.schemasync.api.TenantResult;
import io.schemasync.api.TenantSelection;
import io.schemasync.api.TenantStatus;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.rollout.AttemptOutcome;
import io.schemasync.api.rollout.JobState;
import io.schemasync.api.rollout.Phase;
import io.schemasync.api.rollout.RolloutReport;
import io.schemasync.api.rollout.RolloutTask;
import io.schemasync.api.rollout.Rollouts;
import io.schemasync.api.rollout.TaskAttempt;
import io.schemasync.api.rollout.TaskState;
import io.schemasync.api.rollout.WorkerOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kills real worker processes ({@code destroyForcibly}) at chosen points of a multi-step plan over
 * three tenants — before the first step, inside a step, between steps, between tenants, after the
 * last step, during the rollout's marker transaction, while the server still runs a step's DDL —
 * then runs the next sync (or rollout resume) in a fresh engine: every tenant reaches the target,
 * the journal shows no statement applied twice, and nobody has to clean anything up by hand.
 *
 * <p>Each tenant needs four steps (one ALTER TABLE, three CREATE TABLE), so over three tenants
 * occurrences 1-4 fall in the first tenant, 5-8 in the second, 9-12 in the third.
 */
class MysqlKilledProcessIT {
  private static final int STEPS = 4;
  private static final int TENANTS = 3;
  private static final String RELEASE_1 =
      "CREATE TABLE items (id INT PRIMARY KEY, sku VARCHAR(20) NOT NULL)";
  private static final String OPEN =
      "SELECT COUNT(*) FROM _schema_sync_journal WHERE finished_at IS NULL AND outcome IS NULL";
  private static final String APPLIED =
      "SELECT COUNT(*) FROM _schema_sync_journal WHERE outcome = 'applied'";

  @TempDir static Path dir;
  private static Path targetFile;
  private static SchemaSnapshot target;

  @BeforeAll
  static void release2() throws IOException {
    List<String> ddl = new ArrayList<>();
    ddl.add(
        "CREATE TABLE items (id INT PRIMARY KEY, sku VARCHAR(20) NOT NULL, note VARCHAR(50) NULL)");
    for (int i = 1; i < STEPS; i++) {
      ddl.add("CREATE TABLE part_" + i + " (id INT PRIMARY KEY, item_id INT NOT NULL)");
    }
    target = schemaOf(ddl.toArray(String[]::new));
    targetFile = dir.resolve("target.json");
    Files.writeString(targetFile, target.toJson());
  }

  static Stream<Arguments> killPoints() {
    return Stream.of(
        Arguments.of("before the first step", "before:journal_start:1"),
        Arguments.of("a step journaled, its statement not sent", "before:step:2"),
        Arguments.of("a step applied, its journal entry still open", "after:step:3"),
        Arguments.of("between two tenants", "after:journal_end:4"),
        Arguments.of("between two steps of the second tenant", "after:journal_end:6"),
        Arguments.of("the last step of a tenant applied, its journal entry open", "after:step:8"),
        Arguments.of("every step done, before verification", "after:journal_end:12"));
  }

  @ParameterizedTest(name = "{0} ({1})")
  @MethodSource("killPoints")
  void aSyncKilledHereIsFinishedByTheNextSync(String what, String where) throws Exception {
    KillSwitch.Point point = KillSwitch.Point.parse(where);
    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases()) {
      List<String> tenants = fleet(dbs);
      assertPlannedSteps(tenants);

      killAt(point, "sync", "-", tenants, dir.resolve("sync-" + where.replace(':', '-') + ".log"));
      // The kill landed where it was meant to: so many steps recorded, one entry open or none.
      int done =
          point.kind() == KillSwitch.Kind.JOURNAL_END ? point.occurrence() : point.occurrence() - 1;
      boolean open = point.kind() == KillSwitch.Kind.STEP;
      assertThat(sum(tenants, APPLIED)).isEqualTo(done);
      assertThat(sum(tenants, OPEN)).isEqualTo(open ? 1 : 0);

      // A step that ran but was never recorded is the one the next sync must not repeat.
      int ranUnrecorded = point.kind() == KillSwitch.Kind.STEP && !point.before() ? 1 : 0;
      try (SchemaSync sync = engine(target, false)) {
        SyncReport report = sync.sync(selection(tenants));
        for (TenantResult r : report.results()) {
          assertThat(r.failure()).as(r.tenant().id()).isNull();
          assertThat(r.status()).isIn(TenantStatus.APPLIED, TenantStatus.IN_SYNC);
        }
        assertAtTarget(sync, tenants);
      }
      assertAppliedOnce(tenants, STEPS * TENANTS - ranUnrecorded);
      // An entry left open is closed (as interrupted) by the tenant's next run with steps; only
      // a tenant whose last step was the one killed has none and keeps it open.
      boolean lastOfTenant = ranUnrecorded == 1 && point.occurrence() % STEPS == 0;
      assertThat(sum(tenants, OPEN)).isEqualTo(lastOfTenant ? 1 : 0);
      assertThat(
              sum(
                  tenants,
                  "SELECT COUNT(*) FROM _schema_sync_journal WHERE outcome LIKE 'interrupted%'"))
          .isEqualTo(open && !lastOfTenant ? 1 : 0);
    }
  }

  /**
   * The rollout writes the last step's journal end and its commit marker in one transaction. Killed
   * after the marker's insert but before the commit, the server rolls both back; killed after the
   * commit, the marker is there but the control store never heard of it. Resume finishes both.
   */
  @ParameterizedTest(name = "rollout killed {0}")
  @MethodSource("markerPoints")
  void aRolloutKilledAroundItsCommitMarkerIsFinishedByResume(String where, boolean committed)
      throws Exception {
    KillSwitch.Point point = KillSwitch.Point.parse(where);
    String control = "jdbc:sqlite:" + dir.resolve("control-" + point.kind() + ".db");
    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases()) {
      List<String> tenants = fleet(dbs);
      killAt(point, "rollout", control, tenants, dir.resolve("rollout-" + point.kind() + ".log"));
      try (SchemaSync sync = engine(target, false);
          Rollouts rollouts = sync.rollouts(control)) {
        String job = rollouts.jobs().get(0).id();
        // The worker ran tasks one at a time: one finished, one killed, one not started.
        List<RolloutTask> tasks = rollouts.status(job).tasks();
        assertThat(tasks)
            .extracting(RolloutTask::state)
            .containsExactlyInAnyOrder(
                TaskState.SUCCEEDED, TaskState.RUNNING, TaskState.DRY_RUN_OK);
        String killed = tenantIn(tasks, TaskState.RUNNING);
        // The killed tenant's steps all ran; its marker is there only if the commit happened.
        assertThat(count(killed, APPLIED)).isEqualTo(committed ? STEPS : STEPS - 1);
        assertThat(count(killed, OPEN)).isEqualTo(committed ? 0 : 1);
        assertThat(markerCount(killed)).isEqualTo(committed ? 1 : 0);

        RolloutReport report = rollouts.resume(job, WorkerOptions.defaults().withParallelism(1));
        assertThat(report.job().state()).isEqualTo(JobState.SUCCEEDED);
        List<AttemptOutcome> killedRuns =
            report.attempts().stream()
                .filter(a -> a.tenantId().equals(killed) && a.phase() == Phase.RUN)
                .map(TaskAttempt::outcome)
                .toList();
        // The killed worker never recorded its attempt: the resumed one is the only run.
        assertThat(killedRuns)
            .containsExactly(
                committed ? AttemptOutcome.ALREADY_APPLIED : AttemptOutcome.NOTHING_TO_DO);
        assertAtTarget(sync, tenants);
        for (String tenant : tenants) {
          assertThat(markerCount(tenant)).isEqualTo(tenant.equals(killed) && !committed ? 0 : 1);
        }
      }
      assertAppliedOnce(tenants, STEPS * TENANTS - (committed ? 0 : 1));
    }
  }

  private static String tenantIn(List<RolloutTask> tasks, TaskState state) {
    return tasks.stream().filter(t -> t.state() == state).findFirst().orElseThrow().tenantId();
  }

  static Stream<Arguments> markerPoints() {
    return Stream.of(
        Arguments.of("after:marker:2", false), // inside the transaction, before its commit
        Arguments.of("after:commit:2", true)); // committed, the store not yet told
  }

  /**
   * Killed while the server still waits to run a step's DDL (a reader holds the table's metadata
   * lock): the orphaned statement runs, or times out, on the server after the process is gone.
   * Either way the next sync finds a consistent tenant and finishes it.
   */
  @Test
  void aSyncKilledWhileTheServerStillRunsItsDdlIsFinishedByTheNextSync() throws Exception {
    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases()) {
      List<String> tenants = fleet(dbs);
      String second = tenants.get(1);
      try (Connection reader = MysqlTestServer.connect()) {
        reader.setCatalog(second);
        reader.setAutoCommit(false);
        try (Statement st = reader.createStatement()) {
          st.executeQuery("SELECT COUNT(*) FROM items").close();
        }
        // A point a sync never reaches: the kill comes from the test, when the DDL waits.
        Process worker =
            start(
                KillSwitch.Point.parse("before:marker:1"),
                "sync",
                "-",
                tenants,
                dir.resolve("ddl.log"),
                true);
        try {
          awaitDdlWaiting(second, worker, dir.resolve("ddl.log"));
        } finally {
          worker.destroyForcibly();
          assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        reader.commit();
      }
      awaitNoStatementOf(second);
      boolean orphanApplied =
          count(
                  second,
                  "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                      + " AND TABLE_NAME = 'items' AND COLUMN_NAME = 'note'")
              == 1;
      boolean secondHadStepsLeft;
      try (SchemaSync sync = engine(target, false)) {
        List<TenantResult> results = sync.sync(selection(tenants)).results();
        for (TenantResult r : results) {
          assertThat(r.failure()).as(r.tenant().id()).isNull();
        }
        secondHadStepsLeft = results.get(1).status() == TenantStatus.APPLIED;
        assertAtTarget(sync, tenants);
      }
      assertAppliedOnce(tenants, STEPS * TENANTS - (orphanApplied ? 1 : 0));
      // The killed step's entry is closed by the tenant's next run with steps, if it had one.
      assertThat(sum(tenants, OPEN)).isEqualTo(secondHadStepsLeft ? 0 : 1);
    }
  }

  // --- fleet and processes ---------------------------------------------------------------------

  /** Three tenants at release 1, with rows. */
  private static List<String> fleet(MysqlTestServer.Databases dbs) throws SQLException {
    List<String> tenants = new ArrayList<>();
    String base = MysqlTestServer.uniqueName("killed");
    for (int i = 0; i < TENANTS; i++) {
      String tenant = dbs.reserve(base + "_" + i);
      MysqlTestServer.exec(null, "CREATE DATABASE " + MysqlNames.quote(tenant));
      MysqlTestServer.exec(
          tenant, RELEASE_1, "INSERT INTO items VALUES (1, 'a'), (2, 'b'), (3, 'c')");
      tenants.add(tenant);
    }
    return tenants;
  }

  private static void assertPlannedSteps(List<String> tenants) {
    try (SchemaSync sync = engine(target, false)) {
      for (TenantResult r : sync.diff(selection(tenants)).results()) {
        assertThat(r.diff().changes()).hasSize(STEPS);
      }
    }
  }

  private static TenantSelection selection(List<String> tenants) {
    return TenantSelection.ids(tenants.toArray(String[]::new));
  }

  /** Starts a worker, waits until it stops at the point, and kills it hard. */
  private static void killAt(
      KillSwitch.Point point, String mode, String control, List<String> tenants, Path log)
      throws Exception {
    Process worker = start(point, mode, control, tenants, log, false);
    try {
      CompletableFuture<Boolean> reached =
          CompletableFuture.supplyAsync(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
                  StringBuilder seen = new StringBuilder();
                  for (String line; (line = in.readLine()) != null; ) {
                    seen.append(line).append('\n');
                    Files.writeString(log, seen.toString());
                    if (line.startsWith(KillSwitch.REACHED)) {
                      return true;
                    }
                  }
                  return false;
                } catch (IOException e) {
                  return false;
                }
              });
      boolean stopped = reached.get(90, TimeUnit.SECONDS);
      assertThat(stopped)
          .as(() -> "the worker never reached " + point + ":\n" + read(log))
          .isTrue();
    } finally {
      worker.destroyForcibly();
      assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  /** Starts a worker; its output goes to {@code log} when {@code toLog}, else to a pipe. */
  private static Process start(
      KillSwitch.Point point,
      String mode,
      String control,
      List<String> tenants,
      Path log,
      boolean toLog)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(SyncChild.class.getName());
    command.add(mode);
    command.add(MysqlTestServer.url());
    command.add(targetFile.toString());
    command.add(point.toString());
    command.add(control);
    command.addAll(tenants);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    if (toLog) {
      pb.redirectOutput(log.toFile());
    }
    return pb.start();
  }

  /** Waits until a statement of the worker waits for the table's metadata lock in the tenant. */
  private static void awaitDdlWaiting(String tenant, Process worker, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!worker.isAlive()) {
        throw new AssertionError("the worker ended before it was killed:\n" + read(log));
      }
      if (statementsOf(tenant, "AND STATE LIKE '%metadata lock%'") > 0) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the worker's DDL never waited:\n" + read(log));
  }

  /** Waits until the dead worker's orphaned statement is gone from the server. */
  private static void awaitNoStatementOf(String tenant) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (statementsOf(tenant, "") > 0) {
      assertThat(System.nanoTime()).as("orphaned statement still running").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static long statementsOf(String tenant, String condition) throws SQLException {
    return count(
        tenant,
        "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = DATABASE()"
            + " AND ID <> CONNECTION_ID() AND INFO LIKE '/* schema-sync:%' "
            + condition);
  }

  // --- assertions ------------------------------------------------------------------------------

  private static void assertAtTarget(SchemaSync sync, List<String> tenants) throws SQLException {
    for (TenantResult r : sync.diff(selection(tenants)).results()) {
      assertThat(r.diff().isEmpty()).as(() -> r.tenant() + ":\n" + r.diff().render()).isTrue();
    }
    assertThat(sync.sync(selection(tenants)).results())
        .allSatisfy(r -> assertThat(r.status()).isEqualTo(TenantStatus.IN_SYNC));
    for (String tenant : tenants) {
      assertThat(count(tenant, "SELECT COUNT(*) FROM items")).isEqualTo(3);
    }
  }

  /**
   * Every statement is recorded as applied at most once per tenant, and the applied ones plus those
   * that ran unrecorded (killed after the statement, before its journal end) are the whole plan.
   */
  private static void assertAppliedOnce(List<String> tenants, long expectedApplied)
      throws SQLException {
    for (String tenant : tenants) {
      assertThat(
              count(
                  tenant,
                  "SELECT COUNT(*) FROM (SELECT statement_hash FROM _schema_sync_journal"
                      + " WHERE outcome = 'applied' GROUP BY statement_hash HAVING COUNT(*) > 1) d"))
          .as("statements applied twice in " + tenant)
          .isZero();
    }
    assertThat(sum(tenants, APPLIED)).isEqualTo(expectedApplied);
  }

  private static long sum(List<String> tenants, String query) throws SQLException {
    long total = 0;
    for (String tenant : tenants) {
      if (hasTable(tenant, MysqlNames.JOURNAL_TABLE)) {
        total += count(tenant, query);
      }
    }
    return total;
  }

  private static long markerCount(String tenant) throws SQLException {
    return hasTable(tenant, io.schemasync.spi.CommitMarker.TABLE)
        ? count(
            tenant,
            "SELECT COUNT(*) FROM " + MysqlNames.quote(io.schemasync.spi.CommitMarker.TABLE))
        : 0;
  }

  private static boolean hasTable(String tenant, String table) throws SQLException {
    return count(
            tenant,
            "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                + " AND TABLE_NAME = '"
                + table
                + "'")
        > 0;
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "(no output)";
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }
}
