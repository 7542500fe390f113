package io.schemasync.sqlite.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.plan.PlanPolicy;
import io.schemasync.api.rollout.AttemptOutcome;
import io.schemasync.api.rollout.JobSettings;
import io.schemasync.api.rollout.JobState;
import io.schemasync.api.rollout.Phase;
import io.schemasync.api.rollout.RolloutJob;
import io.schemasync.api.rollout.RolloutTask;
import io.schemasync.api.rollout.TaskAttempt;
import io.schemasync.api.rollout.TaskState;
import io.schemasync.api.rollout.WorkerRef;
import io.schemasync.internal.rollout.ControlStores;
import io.schemasync.spi.ControlStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite control store: claims never overlap, leases expire, the job moves by compare-and-set.
 */
class SqliteControlStoreTest {
  @TempDir Path dir;

  private ControlStore open() {
    return ControlStores.open("jdbc:sqlite:" + dir.resolve("ctl/control.db"), null, null);
  }

  private static RolloutJob job(String id) {
    return new RolloutJob(
        id,
        JobState.WAITING_FOR_DRY_RUN,
        "t.yaml",
        "h",
        "jdbc:sqlite:x",
        new JobSettings(0, 0, Duration.ofSeconds(30), PlanPolicy.DEFAULT),
        0,
        null,
        null,
        null);
  }

  private static List<RolloutTask> tasks(String job, int n) {
    List<RolloutTask> tasks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      tasks.add(RolloutTask.enqueued(job, String.format("t%03d", i), 0));
    }
    return tasks;
  }

  @Test
  void concurrentClaimsFromSeveralStoresNeverOverlap() throws Exception {
    try (ControlStore setup = open()) {
      setup.createJob(job("j1"), "{}", tasks("j1", 120));
    }
    Set<String> claimed = ConcurrentHashMap.newKeySet();
    List<String> duplicates = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> futures = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      futures.add(
          pool.submit(
              () -> {
                WorkerRef me = WorkerRef.current();
                try (ControlStore store = open()) {
                  List<RolloutTask> mine;
                  while (!(mine =
                          store.claim(
                              "j1",
                              Phase.DRY_RUN,
                              Integer.MAX_VALUE,
                              me,
                              Duration.ofSeconds(30),
                              3))
                      .isEmpty()) {
                    for (RolloutTask t : mine) {
                      if (!claimed.add(t.taskId())) {
                        synchronized (duplicates) {
                          duplicates.add(t.taskId());
                        }
                      }
                      store.finish(t, me, TaskState.DRY_RUN_OK, null, attempt(t, me));
                    }
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    assertThat(duplicates).isEmpty();
    assertThat(claimed).hasSize(120);
    try (ControlStore store = open()) {
      assertThat(store.tasks("j1"))
          .allMatch(t -> t.state() == TaskState.DRY_RUN_OK && t.leaseUntil() == null);
      assertThat(store.attempts("j1")).hasSize(120);
    }
  }

  @Test
  void anExpiredLeaseIsTakenOverAndTheLoserCannotRecordItsResult() throws Exception {
    try (ControlStore store = open()) {
      store.createJob(job("j2"), "{\"x\":1}", tasks("j2", 2));
      assertThat(store.updateJob("j2", JobState.WAITING_FOR_DRY_RUN, 0, JobState.RUNNING, 0, null))
          .isTrue();
      assertThat(store.updateJob("j2", JobState.WAITING_FOR_DRY_RUN, 0, JobState.FAILED, 0, "late"))
          .isFalse();
      for (RolloutTask t : store.tasks("j2")) {
        WorkerRef w = WorkerRef.current();
        store.claim("j2", Phase.DRY_RUN, 0, w, Duration.ofSeconds(30), 10);
        store.finish(t, w, TaskState.DRY_RUN_OK, null, attempt(t, w));
      }
      WorkerRef slow = WorkerRef.current();
      WorkerRef other = WorkerRef.current();
      List<RolloutTask> first = store.claim("j2", Phase.RUN, 0, slow, Duration.ofMillis(100), 1);
      assertThat(first)
          .hasSize(1)
          .allMatch(t -> t.state() == TaskState.RUNNING && t.attempts() == 1);
      assertThat(store.claim("j2", Phase.RUN, 0, other, Duration.ofSeconds(30), 5))
          .extracting(RolloutTask::taskId)
          .doesNotContain(first.get(0).taskId());
      Thread.sleep(150);
      List<RolloutTask> takenOver =
          store.claim("j2", Phase.RUN, 0, other, Duration.ofSeconds(30), 5);
      assertThat(takenOver).extracting(RolloutTask::taskId).containsExactly(first.get(0).taskId());
      assertThat(takenOver.get(0).attempts()).isEqualTo(2);
      assertThat(
              store.finish(
                  first.get(0), slow, TaskState.FAILED, "late", attempt(first.get(0), slow)))
          .isFalse();
      assertThat(
              store.finish(
                  takenOver.get(0), other, TaskState.SUCCEEDED, null, attempt(first.get(0), other)))
          .isTrue();
      assertThat(store.targetDocument("j2")).isEqualTo("{\"x\":1}");
      assertThat(store.jobs()).extracting(RolloutJob::id).contains("j2");
    }
  }

  @Test
  void finishAllRecordsABatchAndNamesTheTasksTheWorkerNoLongerHeld() {
    try (ControlStore store = open()) {
      store.createJob(job("j3"), "{}", tasks("j3", 4));
      WorkerRef mine = WorkerRef.current();
      WorkerRef other = WorkerRef.current();
      List<RolloutTask> held = store.claim("j3", Phase.DRY_RUN, 0, mine, Duration.ofSeconds(30), 3);
      List<RolloutTask> notMine =
          store.claim("j3", Phase.DRY_RUN, 0, other, Duration.ofSeconds(30), 1);
      assertThat(held).hasSize(3);
      assertThat(notMine).hasSize(1);
      List<ControlStore.TaskEnd> ends = new ArrayList<>();
      for (RolloutTask t : held) {
        ends.add(new ControlStore.TaskEnd(t, TaskState.DRY_RUN_OK, null, attempt(t, mine)));
      }
      RolloutTask stolen = notMine.get(0);
      ends.add(
          new ControlStore.TaskEnd(stolen, TaskState.DRY_RUN_FAILED, "x", attempt(stolen, mine)));

      assertThat(store.finishAll(mine, ends))
          .extracting(RolloutTask::taskId)
          .containsExactly(stolen.taskId());
      assertThat(store.tasks("j3"))
          .filteredOn(t -> !t.taskId().equals(stolen.taskId()))
          .hasSize(3)
          .allMatch(t -> t.state() == TaskState.DRY_RUN_OK && t.leaseUntil() == null);
      assertThat(store.tasks("j3"))
          .filteredOn(t -> t.taskId().equals(stolen.taskId()))
          .allMatch(t -> t.leaseUntil() != null && t.worker().id().equals(other.id()));
      // the audit trail keeps every attempt, also the one whose task was lost
      assertThat(store.attempts("j3")).hasSize(4);
      assertThat(store.finishAll(mine, List.of())).isEmpty();
    }
  }

  @Test
  void deletingEndedJobsKeepsTheJobsThatCanStillRunAndTheOnesEndedTooRecently() {
    try (ControlStore store = open()) {
      for (String id : List.of("done", "cancelled", "gate-failed", "running", "waiting")) {
        store.createJob(job(id), "{}", tasks(id, 3));
        WorkerRef me = WorkerRef.current();
        for (RolloutTask t : store.claim(id, Phase.DRY_RUN, 0, me, Duration.ofSeconds(30), 3)) {
          store.finish(t, me, TaskState.DRY_RUN_OK, null, attempt(t, me));
        }
      }
      store.updateJob("done", JobState.WAITING_FOR_DRY_RUN, 0, JobState.SUCCEEDED, 0, null);
      store.updateJob("cancelled", JobState.WAITING_FOR_DRY_RUN, 0, JobState.CANCELLED, 0, "x");
      store.updateJob(
          "gate-failed", JobState.WAITING_FOR_DRY_RUN, 0, JobState.DRY_RUN_FAILED, 0, "y");
      store.updateJob("running", JobState.WAITING_FOR_DRY_RUN, 0, JobState.RUNNING, 0, null);

      // every job changed just now: none ended an hour ago
      assertThat(store.deleteEndedJobs(Duration.ofHours(1))).isEmpty();
      assertThat(store.jobs()).hasSize(5);

      assertThat(store.deleteEndedJobs(Duration.ZERO))
          .extracting(RolloutJob::id)
          .containsExactlyInAnyOrder("done", "cancelled", "gate-failed");
      assertThat(store.jobs())
          .extracting(RolloutJob::id)
          .containsExactlyInAnyOrder("running", "waiting");
      for (String gone : List.of("done", "cancelled", "gate-failed")) {
        assertThat(store.job(gone)).isEmpty();
        assertThat(store.tasks(gone)).isEmpty();
        assertThat(store.attempts(gone)).isEmpty();
      }
      for (String kept : List.of("running", "waiting")) {
        assertThat(store.tasks(kept)).hasSize(3);
        assertThat(store.attempts(kept)).hasSize(3);
      }
      assertThat(store.deleteEndedJobs(Duration.ZERO)).isEmpty();
    }
  }

  private static TaskAttempt attempt(RolloutTask t, WorkerRef w) {
    return new TaskAttempt(
        t.jobId(),
        t.taskId(),
        t.tenantId(),
        Phase.DRY_RUN,
        w,
        Instant.now(),
        Instant.now(),
        AttemptOutcome.DRY_RUN_OK,
        0,
        null,
        null);
  }
}
