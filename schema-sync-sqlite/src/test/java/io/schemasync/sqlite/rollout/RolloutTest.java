package io.schemasync.sqlite.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.TenantSelection;
import io.schemasync.api.rollout.AttemptOutcome;
import io.schemasync.api.rollout.JobState;
import io.schemasync.api.rollout.Phase;
import io.schemasync.api.rollout.RolloutFailedException;
import io.schemasync.api.rollout.RolloutJob;
import io.schemasync.api.rollout.RolloutListener;
import io.schemasync.api.rollout.RolloutOptions;
import io.schemasync.api.rollout.RolloutReport;
import io.schemasync.api.rollout.RolloutTask;
import io.schemasync.api.rollout.Rollouts;
import io.schemasync.api.rollout.TaskAttempt;
import io.schemasync.api.rollout.TaskState;
import io.schemasync.api.rollout.WorkerOptions;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rollouts over SQLite tenant files with the SQLite control store, in this process. */
class RolloutTest {
  @TempDir Path dir;

  @Test
  void dryRunGateStopsTheJobNamesTheTenantsAndChangesNothing() {
    Fleet fleet = new Fleet(dir).create(20);
    fleet.execute(
        Fleet.id(7), "INSERT INTO users VALUES (3, 'a@x.test', 'Ann again')"); // duplicate email
    fleet.execute(
        Fleet.id(13), "INSERT INTO users VALUES (3, 'c@x.test', NULL)"); // NULL under NOT NULL
    try (SchemaSync engine = fleet.engine();
        Rollouts rollouts = engine.rollouts(fleet.controlUrl())) {
      Map<String, String> before = hashes(engine);
      RolloutReport report =
          rollouts.start(RolloutOptions.of(TenantSelection.all()), WorkerOptions.defaults());

      assertThat(report.job().state()).isEqualTo(JobState.DRY_RUN_FAILED);
      assertThat(report.job().message()).contains("2 of 20 tenant(s) failed the dry run");
      assertThat(report.failures())
          .extracting(RolloutTask::tenantId)
          .containsExactly(Fleet.id(7), Fleet.id(13));
      assertThat(report.failures().get(0).error()).containsIgnoringCase("UNIQUE").contains("users");
      assertThat(report.failures().get(1).error()).contains("NOT NULL").contains("users.name");
      assertThat(report.count(TaskState.DRY_RUN_OK)).isEqualTo(18);
      assertThat(report.attempts()).allMatch(a -> a.phase() == Phase.DRY_RUN);
      assertThat(hashes(engine)).isEqualTo(before);
      for (int i = 0; i < 20; i++) {
        assertThat(fleet.markers(Fleet.id(i))).isEmpty();
      }
      assertThat(report.refusedByPolicy()).isFalse();
      assertThatThrownBy(report::orThrow)
          .isInstanceOf(RolloutFailedException.class)
          .hasMessageContaining(Fleet.id(7));
    }
  }

  @Test
  void bringsEveryTenantToTheTargetOnceWithMarkersAndAnAuditTrail() {
    Fleet fleet = new Fleet(dir).create(30);
    List<String> events = new CopyOnWriteArrayList<>();
    RolloutListener listener =
        new RolloutListener() {
          @Override
          public void jobChanged(io.schemasync.api.rollout.RolloutJob job) {
            events.add(job.state() + "/" + job.wave());
          }
        };
    try (SchemaSync engine = fleet.engine();
        Rollouts rollouts = engine.rollouts(fleet.controlUrl())) {
      RolloutReport report =
          rollouts
              .start(
                  RolloutOptions.of(TenantSelection.glob("t*")).withCanary(3),
                  WorkerOptions.defaults().withParallelism(3).withListener(listener))
              .orThrow();

      assertThat(report.count(TaskState.SUCCEEDED)).isEqualTo(30);
      assertThat(events)
          .containsSubsequence("WAITING_FOR_DRY_RUN/0", "RUNNING/0", "RUNNING/1", "SUCCEEDED/1");
      String target = engine.target().hash();
      for (int i = 0; i < 30; i++) {
        assertThat(engine.inspect(Fleet.id(i)).hash()).isEqualTo(target);
        assertThat(fleet.markers(Fleet.id(i)))
            .containsExactly(report.job().id() + "/" + Fleet.id(i));
        assertThat(fleet.strings(Fleet.id(i), "SELECT count(*) FROM users")).containsExactly("2");
      }
      List<TaskAttempt> runs =
          report.attempts().stream().filter(a -> a.phase() == Phase.RUN).toList();
      assertThat(runs)
          .hasSize(30)
          .allMatch(
              a ->
                  a.outcome() == AttemptOutcome.APPLIED
                      && a.statements() > 0
                      && a.planHash() != null
                      && a.worker().pid() == ProcessHandle.current().pid());
      // the canaries finished before any other tenant started
      java.time.Instant lastCanary =
          runs.stream()
              .filter(a -> a.tenantId().compareTo(Fleet.id(3)) < 0)
              .map(TaskAttempt::finishedAt)
              .max(java.time.Instant::compareTo)
              .orElseThrow();
      assertThat(runs.stream().filter(a -> a.tenantId().compareTo(Fleet.id(3)) >= 0))
          .allMatch(a -> !a.startedAt().isBefore(lastCanary));
      assertThat(rollouts.jobs()).extracting(j -> j.id()).contains(report.job().id());
    }
  }

  @Test
  void aFailingCanaryStopsTheRest() {
    Fleet fleet = new Fleet(dir).create(12);
    try (SchemaSync engine = fleet.engine();
        Rollouts rollouts = engine.rollouts(fleet.controlUrl())) {
      // passes the gate, then fails for real: a row appears between the dry run and the run
      RolloutReport report =
          rollouts.start(
              RolloutOptions.of(TenantSelection.all()).withCanaryTenants(List.of(Fleet.id(5))),
              WorkerOptions.defaults().withListener(breakBeforeRun(fleet, Fleet.id(5))));
      assertThat(report.job().state()).isEqualTo(JobState.FAILED);
      assertThat(report.job().message()).contains("canary");
      assertThat(report.count(TaskState.FAILED)).isEqualTo(1);
      assertThat(report.count(TaskState.DRY_RUN_OK)).isEqualTo(11);
      assertThat(fleet.markers(Fleet.id(0))).isEmpty();
    }
  }

  @Test
  void maxFailuresStopsStartingTenants() {
    Fleet fleet = new Fleet(dir).create(10);
    try (SchemaSync engine = fleet.engine();
        Rollouts rollouts = engine.rollouts(fleet.controlUrl())) {
      RolloutReport report =
          rollouts.start(
              RolloutOptions.of(TenantSelection.all()).withMaxFailures(1),
              new WorkerOptions(1, null, breakBeforeRun(fleet, Fleet.id(2))));
      assertThat(report.job().state()).isEqualTo(JobState.FAILED);
      assertThat(report.job().message())
          .contains("stopped after 1 failed tenant(s)")
          .contains("7 tenant(s) were not started");
      assertThat(report.count(TaskState.SUCCEEDED)).isEqualTo(2);
      assertThat(report.failures()).extracting(RolloutTask::tenantId).containsExactly(Fleet.id(2));
      assertThat(report.failures().get(0).error()).containsIgnoringCase("unique");
      assertThat(fleet.markers(Fleet.id(2))).isEmpty();
      assertThat(fleet.markers(Fleet.id(3))).isEmpty();
    }
  }

  @Test
  void cancelStopsAJobBeforeItRuns() {
    Fleet fleet = new Fleet(dir).create(3);
    try (SchemaSync engine = fleet.engine();
        Rollouts rollouts = engine.rollouts(fleet.controlUrl())) {
      String id = rollouts.enqueue(RolloutOptions.of(TenantSelection.all())).id();
      assertThat(rollouts.cancel(id).state()).isEqualTo(JobState.CANCELLED);
      RolloutReport report = rollouts.resume(id, WorkerOptions.defaults());
      assertThat(report.job().state()).isEqualTo(JobState.CANCELLED);
      assertThat(report.attempts()).isEmpty();
    }
  }

  @Test
  void retryFailedRunsAFailedGateAgainOnceTheDataIsFixed() {
    Fleet fleet = new Fleet(dir).create(6);
    fleet.execute(Fleet.id(4), "INSERT INTO users VALUES (3, 'a@x.test', 'Ann again')");
    try (SchemaSync engine = fleet.engine();
        Rollouts rollouts = engine.rollouts(fleet.controlUrl())) {
      RolloutReport failed =
          rollouts.start(RolloutOptions.of(TenantSelection.all()), WorkerOptions.defaults());
      assertThat(failed.job().state()).isEqualTo(JobState.DRY_RUN_FAILED);
      String id = failed.job().id();

      fleet.execute(Fleet.id(4), "DELETE FROM users WHERE id = 3");
      RolloutJob reopened = rollouts.retryFailed(id);
      assertThat(reopened.state()).isEqualTo(JobState.WAITING_FOR_DRY_RUN);
      assertThat(reopened.message()).isNull();
      RolloutReport report = rollouts.resume(id, WorkerOptions.defaults()).orThrow();

      assertThat(report.count(TaskState.SUCCEEDED)).isEqualTo(6);
      for (int i = 0; i < 6; i++) {
        assertThat(engine.inspect(Fleet.id(i)).hash()).isEqualTo(engine.target().hash());
      }
      assertThat(outcomes(report, Fleet.id(4)))
          .containsExactly(
              AttemptOutcome.DRY_RUN_FAILED, AttemptOutcome.DRY_RUN_OK, AttemptOutcome.APPLIED);
      assertThat(outcomes(report, Fleet.id(0)))
          .containsExactly(AttemptOutcome.DRY_RUN_OK, AttemptOutcome.APPLIED);
    }
  }

  @Test
  void retryFailedRunsFailedTenantsOfTheRealRunOnceAndNoOtherAgain() {
    Fleet fleet = new Fleet(dir).create(8);
    try (SchemaSync engine = fleet.engine();
        Rollouts rollouts = engine.rollouts(fleet.controlUrl())) {
      RolloutReport failed =
          rollouts.start(
              RolloutOptions.of(TenantSelection.all()).withMaxFailures(1),
              new WorkerOptions(1, null, breakBeforeRun(fleet, Fleet.id(2))));
      assertThat(failed.job().state()).isEqualTo(JobState.FAILED);
      String id = failed.job().id();
      assertThatThrownBy(() -> rollouts.retryFailed("no-such-job"))
          .isInstanceOf(io.schemasync.api.rollout.NoSuchRolloutException.class);

      fleet.execute(Fleet.id(2), "DELETE FROM users WHERE id = 9");
      assertThat(rollouts.retryFailed(id).state()).isEqualTo(JobState.RUNNING);
      RolloutReport report = rollouts.resume(id, WorkerOptions.defaults()).orThrow();

      assertThat(report.count(TaskState.SUCCEEDED)).isEqualTo(8);
      for (int i = 0; i < 8; i++) {
        String tenant = Fleet.id(i);
        assertThat(engine.inspect(tenant).hash()).isEqualTo(engine.target().hash());
        assertThat(fleet.markers(tenant)).containsExactly(id + "/" + tenant);
        assertThat(outcomes(report, tenant).stream().filter(o -> o == AttemptOutcome.APPLIED))
            .as("applied once: " + tenant)
            .hasSize(1);
      }
      assertThat(outcomes(report, Fleet.id(2)))
          .containsExactly(
              AttemptOutcome.DRY_RUN_OK, AttemptOutcome.FAILED, AttemptOutcome.APPLIED);
      assertThatThrownBy(() -> rollouts.retryFailed(id))
          .isInstanceOf(io.schemasync.api.rollout.RolloutStateException.class)
          .hasMessageContaining("is SUCCEEDED");
    }
  }

  private static List<AttemptOutcome> outcomes(RolloutReport report, String tenant) {
    return report.attempts().stream()
        .filter(a -> a.tenantId().equals(tenant))
        .map(TaskAttempt::outcome)
        .toList();
  }

  private static RolloutListener breakBeforeRun(Fleet fleet, String tenant) {
    return new RolloutListener() {
      @Override
      public void taskStarted(RolloutTask task, Phase phase) {
        if (phase == Phase.RUN && task.tenantId().equals(tenant)) {
          fleet.execute(tenant, "INSERT INTO users VALUES (9, 'a@x.test', 'dup')");
        }
      }
    };
  }

  private static Map<String, String> hashes(SchemaSync engine) {
    Map<String, String> hashes = new HashMap<>();
    engine
        .tenants(TenantSelection.all())
        .forEach(t -> hashes.put(t.id(), engine.inspect(t.id()).hash()));
    return hashes;
  }
}
