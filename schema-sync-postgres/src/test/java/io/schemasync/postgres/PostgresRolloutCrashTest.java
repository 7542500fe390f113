package io.schemasync.postgres;

import static io.schemasync.testsupport.rollout.ChildWorkers.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.Target;
import io.schemasync.api.TenantSelection;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.PrimaryKey;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.UniqueConstraint;
import io.schemasync.api.rollout.AttemptOutcome;
import io.schemasync.api.rollout.JobState;
import io.schemasync.api.rollout.Phase;
import io.schemasync.api.rollout.RolloutOptions;
import io.schemasync.api.rollout.RolloutReport;
import io.schemasync.api.rollout.RolloutTask;
import io.schemasync.api.rollout.Rollouts;
import io.schemasync.api.rollout.TaskAttempt;
import io.schemasync.api.rollout.TaskState;
import io.schemasync.testsupport.rollout.ChildWorkers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worker processes killed hard during a PostgreSQL rollout, whose threads lock, read and change
 * their tenants in batches: after a resume every schema is at the target, changed exactly once.
 */
class PostgresRolloutCrashTest {
  private static final int TENANTS = 64;
  private static final long STEP_DELAY_MS = 15;

  private static final SchemaSnapshot V2 =
      SchemaSnapshot.ofTables(
          List.of(
              new Table(
                  "users",
                  List.of(
                      Column.of("id", "integer", false),
                      Column.of("email", "character varying(100)", false),
                      Column.of("name", "text", true)),
                  new PrimaryKey("users_pkey", List.of("id")),
                  List.of(new UniqueConstraint("users_email_key", List.of("email"))),
                  List.of(),
                  List.of(),
                  List.of(),
                  List.of(),
                  null),
              Table.of(
                  "audit",
                  List.of(Column.of("id", "integer", false)),
                  new PrimaryKey("audit_pkey", List.of("id")))));

  @TempDir Path dir;
  private final List<String> tenants = new ArrayList<>();

  @AfterEach
  void dropFleet() {
    tenants.forEach(PostgresTestServer::drop);
  }

  @Test
  void killedBatchWorkersAreResumedAndEverySchemaIsChangedExactlyOnce() throws Exception {
    String base = PostgresTestServer.uniqueName("crash");
    for (int i = 0; i < TENANTS; i++) {
      String tenant = String.format("%s_%02d", base, i);
      tenants.add(tenant);
      PostgresTestServer.exec(
          "CREATE SCHEMA " + tenant,
          "CREATE TABLE " + tenant + ".users (id integer PRIMARY KEY, email varchar(100) NOT NULL)",
          "INSERT INTO " + tenant + ".users VALUES (1, 'a@x.test'), (2, 'b@x.test')");
    }
    String control = "jdbc:sqlite:" + dir.resolve("control.db");
    String jobId;
    try (SchemaSync engine = engine();
        Rollouts rollouts = engine.rollouts(control)) {
      jobId =
          rollouts
              .enqueue(RolloutOptions.of(TenantSelection.ids(tenants.toArray(String[]::new))))
              .id();
    }
    ChildWorkers workers = new ChildWorkers(PostgresTestServer.url(), control, jobId, dir);
    List<String> kills = new ArrayList<>();

    killWhen(workers, kills, "gate 20", tasks -> count(tasks, TaskState.DRY_RUN_OK) >= 20);
    killWhen(workers, kills, "gate 50", tasks -> count(tasks, TaskState.DRY_RUN_OK) >= 50);
    killWhen(workers, kills, "run 8", tasks -> count(tasks, TaskState.SUCCEEDED) >= 8);
    killWhen(workers, kills, "run 30", tasks -> count(tasks, TaskState.SUCCEEDED) >= 30);
    killAfter(workers, kills, 1500);
    Process last = workers.start(4, 0);
    assertThat(ChildWorkers.exitCode(last, 120)).isZero();
    assertThat(kills).as("kills that hit a live worker").hasSizeGreaterThanOrEqualTo(3);

    try (SchemaSync engine = engine();
        Rollouts rollouts = engine.rollouts(control)) {
      RolloutReport report = rollouts.status(jobId);
      assertThat(report.job().state())
          .as("job after " + kills + ": " + report.job().message() + " " + report.failures())
          .isEqualTo(JobState.SUCCEEDED);
      Map<String, List<TaskAttempt>> runs =
          report.attempts().stream()
              .filter(a -> a.phase() == Phase.RUN)
              .collect(Collectors.groupingBy(TaskAttempt::tenantId));
      for (String tenant : tenants) {
        assertThat(engine.inspect(tenant).hash()).as(tenant).isEqualTo(engine.target().hash());
        assertThat(
                PostgresTestServer.query(
                    "SELECT count(*) FROM " + tenant + "._schema_sync_rollout"))
            .as(tenant)
            .isEqualTo("1");
        assertThat(PostgresTestServer.query("SELECT count(*) FROM " + tenant + ".users"))
            .isEqualTo("2");
        assertThat(runs.get(tenant))
            .as(tenant)
            .hasSize(1)
            .allMatch(
                a ->
                    a.outcome() == AttemptOutcome.APPLIED
                        || a.outcome() == AttemptOutcome.ALREADY_APPLIED);
      }
      assertThat(report.tasks()).extracting(RolloutTask::state).containsOnly(TaskState.SUCCEEDED);
      System.out.println(
          "postgres rollout crash test: kills "
              + kills
              + "; run outcomes "
              + report.attempts().stream()
                  .filter(a -> a.phase() == Phase.RUN)
                  .collect(Collectors.groupingBy(TaskAttempt::outcome, Collectors.counting()))
              + "; tasks claimed more than once: "
              + report.tasks().stream().filter(t -> t.attempts() > 1).count());
    }
  }

  private static SchemaSync engine() {
    return SchemaSync.builder()
        .url(PostgresTestServer.url())
        .target(new Target.Snapshot(V2))
        .build();
  }

  private static void killWhen(
      ChildWorkers workers, List<String> kills, String name, Predicate<List<RolloutTask>> when) {
    Process process = workers.start(4, STEP_DELAY_MS);
    if (workers.awaitTasks(process, when, 60_000) && ChildWorkers.kill(process)) {
      kills.add(name);
    }
    ChildWorkers.kill(process);
  }

  private static void killAfter(ChildWorkers workers, List<String> kills, long millis) {
    Process process = workers.start(4, STEP_DELAY_MS);
    ChildWorkers.sleep(millis);
    if (ChildWorkers.kill(process)) {
      kills.add("after " + millis + " ms");
    }
  }
}
