package io.schemasync.sqlite.rollout;

import static io.schemasync.testsupport.rollout.ChildWorkers.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.SchemaSync;
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
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worker processes killed hard at many moments of a 200-tenant rollout (during the gate, inside
 * tenants' transactions, between a commit and its record in the control store), then resumed: every
 * tenant ends at the target, each change applied exactly once, the job SUCCEEDED.
 */
class RolloutCrashTest {
  private static final int TENANTS = 200;

  /**
   * Slows each step a little so that kills land inside tenants' transactions on fast machines too.
   */
  private static final long STEP_DELAY_MS = 6;

  @TempDir Path dir;

  @Test
  void killedWorkersAreResumedAndEveryTenantIsMigratedExactlyOnce() {
    Fleet fleet = new Fleet(dir).create(TENANTS);
    String jobId;
    try (SchemaSync engine = fleet.engine();
        Rollouts rollouts = engine.rollouts(fleet.controlUrl())) {
      jobId = rollouts.enqueue(RolloutOptions.of(TenantSelection.all()).withCanary(5)).id();
    }
    ChildWorkers workers = new ChildWorkers(fleet.url(), fleet.controlUrl(), jobId, dir);
    Random random = new Random(Long.getLong("rollout.seed", System.nanoTime()));
    List<String> kills = workers.kills();

    // During the gate: after some dry runs, then at a random moment.
    workers.killWhen(
        "dry-run 40", STEP_DELAY_MS, tasks -> count(tasks, TaskState.DRY_RUN_OK) >= 40);
    workers.killAfter(600 + random.nextInt(700), STEP_DELAY_MS);
    // During the real run: the canary wave, then alternately after a few more tenants committed
    // and after a random delay, until enough kills landed or few tenants are left.
    workers.killWhen(
        "canary running",
        STEP_DELAY_MS,
        tasks -> count(tasks, TaskState.RUNNING, TaskState.SUCCEEDED) >= 2);
    for (int cycle = 0; cycle < 40 && kills.size() < 13 && workers.remaining() > 30; cycle++) {
      if (cycle % 2 == 0) {
        long done = workers.succeeded();
        int k = 3 + random.nextInt(8);
        workers.killWhen(
            "succeeded +" + k,
            STEP_DELAY_MS,
            tasks -> count(tasks, TaskState.SUCCEEDED) >= done + k);
      } else {
        workers.killAfter(500 + random.nextInt(700), STEP_DELAY_MS);
      }
    }
    // Two workers at once on the SQLite store, one of them killed: the other takes its tasks over.
    Process survivor = workers.start(2, STEP_DELAY_MS);
    workers.killWhen(
        "one of two", STEP_DELAY_MS, tasks -> count(tasks, TaskState.SUCCEEDED) >= TENANTS - 15);
    assertThat(ChildWorkers.exitCode(survivor, 120)).isZero();
    Process last = workers.start(4, 0);
    assertThat(ChildWorkers.exitCode(last, 120)).isZero();

    assertThat(kills).as("kills that hit a live worker").hasSizeGreaterThanOrEqualTo(10);
    try (SchemaSync engine = fleet.engine();
        Rollouts rollouts = engine.rollouts(fleet.controlUrl())) {
      RolloutReport report = rollouts.status(jobId);
      assertThat(report.job().state())
          .as("job after " + kills + ": " + report.job().message() + " " + report.failures())
          .isEqualTo(JobState.SUCCEEDED);
      assertThat(report.count(TaskState.SUCCEEDED)).isEqualTo(TENANTS);
      String target = engine.target().hash();
      for (int i = 0; i < TENANTS; i++) {
        String tenant = Fleet.id(i);
        assertThat(engine.inspect(tenant).hash()).as(tenant).isEqualTo(target);
        assertThat(fleet.markers(tenant)).as(tenant).containsExactly(jobId + "/" + tenant);
        assertThat(fleet.strings(tenant, "SELECT count(*) FROM users")).containsExactly("2");
      }
      CrashOutcomes.assertAppliedOnceEach(
          report, IntStream.range(0, TENANTS).mapToObj(Fleet::id).toList());
      assertThat(report.tasks()).extracting(RolloutTask::attempts).allMatch(n -> n >= 1);
      System.out.println(CrashOutcomes.summary("rollout crash test", kills, report));
    }
  }
}
