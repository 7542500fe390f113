package io.schemasync.internal.rollout;

import io.schemasync.api.rollout.JobState;
import io.schemasync.api.rollout.RolloutJob;
import io.schemasync.api.rollout.RolloutTask;
import io.schemasync.api.rollout.TaskState;
import io.schemasync.spi.ControlStore;
import java.util.List;

/**
 * Steps a job through its states from what its tasks say. Every worker calls it when it has nothing
 * to claim; the store's compare-and-set makes exactly one of them move the job, so there is no
 * coordinator process to lose.
 */
final class JobDriver {
  private final ControlStore store;

  JobDriver(ControlStore store) {
    this.store = store;
  }

  /** Moves the job one step if its tasks allow it; returns whether the job changed. */
  boolean step(RolloutJob job) {
    return switch (job.state()) {
      case WAITING_FOR_DRY_RUN -> afterDryRun(job);
      case DRY_RUN_SUCCEEDED ->
          store.updateJob(job.id(), job.state(), job.wave(), JobState.RUNNING, 0, null);
      case RUNNING -> afterRun(job);
      default -> false;
    };
  }

  private boolean afterDryRun(RolloutJob job) {
    List<RolloutTask> tasks = store.tasks(job.id());
    if (tasks.stream().anyMatch(t -> t.state() == TaskState.ENQUEUED)) {
      return false;
    }
    long failed = tasks.stream().filter(t -> t.state() == TaskState.DRY_RUN_FAILED).count();
    if (failed > 0) {
      return store.updateJob(
          job.id(),
          job.state(),
          job.wave(),
          JobState.DRY_RUN_FAILED,
          job.wave(),
          failed + " of " + tasks.size() + " tenant(s) failed the dry run; no tenant was changed");
    }
    return store.updateJob(
        job.id(), job.state(), job.wave(), JobState.DRY_RUN_SUCCEEDED, job.wave(), null);
  }

  private boolean afterRun(RolloutJob job) {
    List<RolloutTask> tasks = store.tasks(job.id());
    long failed = tasks.stream().filter(t -> t.state() == TaskState.FAILED).count();
    int maxFailures = job.settings().maxFailures();
    if (maxFailures > 0 && failed >= maxFailures) {
      return store.updateJob(
          job.id(),
          job.state(),
          job.wave(),
          JobState.FAILED,
          job.wave(),
          "stopped after "
              + failed
              + " failed tenant(s) (--max-failures "
              + maxFailures
              + "); "
              + tasks.stream().filter(t -> t.state() == TaskState.DRY_RUN_OK).count()
              + " tenant(s) were not started");
    }
    boolean waveDone =
        tasks.stream().filter(t -> t.wave() <= job.wave()).allMatch(t -> t.state().isFinished());
    if (!waveDone) {
      return false;
    }
    if (job.wave() < job.settings().lastWave()) {
      if (failed > 0) {
        return store.updateJob(
            job.id(),
            job.state(),
            job.wave(),
            JobState.FAILED,
            job.wave(),
            failed + " canary tenant(s) failed; the other tenants were not started");
      }
      return store.updateJob(
          job.id(), job.state(), job.wave(), JobState.RUNNING, job.wave() + 1, null);
    }
    if (failed > 0) {
      return store.updateJob(
          job.id(),
          job.state(),
          job.wave(),
          JobState.FAILED,
          job.wave(),
          failed + " of " + tasks.size() + " tenant(s) failed");
    }
    return store.updateJob(job.id(), job.state(), job.wave(), JobState.SUCCEEDED, job.wave(), null);
  }

  /** Cancels the job from whatever non-final state it is in; false when it had already ended. */
  boolean cancel(String jobId) {
    for (int i = 0; i < 10; i++) {
      RolloutJob job = store.job(jobId).orElseThrow();
      if (job.state().isTerminal()) {
        return false;
      }
      if (store.updateJob(
          jobId,
          job.state(),
          job.wave(),
          JobState.CANCELLED,
          job.wave(),
          "cancelled by an operator")) {
        return true;
      }
    }
    return false;
  }
}
