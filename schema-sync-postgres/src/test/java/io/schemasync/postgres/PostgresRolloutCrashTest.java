package io.schemasync.postgres;

import static io.schemasync.testsupport.rollout.ChildWorkers.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.Target;
import io.schemasync.api.TenantSelection;
import io.schemasync.api.rollout.JobState;
import io.schemasync.api.rollout.RolloutOptions;
import io.schemasync.api.rollout.RolloutReport;
import io.schemasync.api.rollout.RolloutTask;
import io.schemasync.api.rollout.Rollouts;
import io.schemasync.api.rollout.TaskState;
import io.schemasync.testsupport.rollout.ChildWorkers;
import io.schemasync.testsupport.rollout.CrashOutcomes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

  @TempDir Path dir;
  private final List<String> tenants = new ArrayList<>();

  @AfterEach
  void dropFleet() {
    tenants.forEach(PostgresTestServer::drop);
  }

  @Test
  void killedBatchWorkersAreResumedAndEverySchemaIsChangedExactlyOnce() throws Exception {
    PostgresRolloutTest.createFleet(PostgresTestServer.uniqueName("crash"), TENANTS, tenants);
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
    List<String> kills = workers.kills();

    workers.killWhen("gate 20", STEP_DELAY_MS, tasks -> count(tasks, TaskState.DRY_RUN_OK) >= 20);
    workers.killWhen("gate 50", STEP_DELAY_MS, tasks -> count(tasks, TaskState.DRY_RUN_OK) >= 50);
    workers.killWhen("run 8", STEP_DELAY_MS, tasks -> count(tasks, TaskState.SUCCEEDED) >= 8);
    workers.killWhen("run 30", STEP_DELAY_MS, tasks -> count(tasks, TaskState.SUCCEEDED) >= 30);
    workers.killAfter(1500, STEP_DELAY_MS);
    Process last = workers.start(4, 0);
    assertThat(ChildWorkers.exitCode(last, 120)).isZero();
    assertThat(kills).as("kills that hit a live worker").hasSizeGreaterThanOrEqualTo(3);

    try (SchemaSync engine = engine();
        Rollouts rollouts = engine.rollouts(control)) {
      RolloutReport report = rollouts.status(jobId);
      assertThat(report.job().state())
          .as("job after " + kills + ": " + report.job().message() + " " + report.failures())
          .isEqualTo(JobState.SUCCEEDED);
      for (String tenant : tenants) {
        assertThat(engine.inspect(tenant).hash()).as(tenant).isEqualTo(engine.target().hash());
        assertThat(PostgresRolloutTest.markerRows(tenant)).as(tenant).isEqualTo(1);
        assertThat(PostgresTestServer.query("SELECT count(*) FROM " + tenant + ".users"))
            .isEqualTo("2");
      }
      CrashOutcomes.assertAppliedOnceEach(report, tenants);
      assertThat(report.tasks()).extracting(RolloutTask::state).containsOnly(TaskState.SUCCEEDED);
      System.out.println(CrashOutcomes.summary("postgres rollout crash test", kills, report));
    }
  }

  private static SchemaSync engine() {
    return SchemaSync.builder()
        .url(PostgresTestServer.url())
        .target(new Target.Snapshot(PostgresRolloutTest.V2))
        .build();
  }
}
