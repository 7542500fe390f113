package io.schemasync.api.rollout;

import java.util.List;
import java.util.Objects;

/**
 * A job with its tasks and audit trail, as read from the control store.
 *
 * @param attempts every attempt at every task, oldest first
 */
public record RolloutReport(RolloutJob job, List<RolloutTask> tasks, List<TaskAttempt> attempts) {
  public RolloutReport {
    Objects.requireNonNull(job, "job");
    tasks = List.copyOf(tasks);
    attempts = List.copyOf(attempts);
  }

  public long count(TaskState state) {
    return tasks.stream().filter(t -> t.state() == state).count();
  }

  /** Whether every tenant reached the target. */
  public boolean succeeded() {
    return job.state() == JobState.SUCCEEDED;
  }

  /** The tasks that failed their dry run or their run, with their errors. */
  public List<RolloutTask> failures() {
    return tasks.stream()
        .filter(t -> t.state() == TaskState.FAILED || t.state() == TaskState.DRY_RUN_FAILED)
        .toList();
  }

  /**
   * Whether the job stopped at the gate only because plans were refused by the policy (no dry run
   * failed on the database): the CLI exits 3 then, 4 otherwise.
   */
  public boolean refusedByPolicy() {
    if (job.state() != JobState.DRY_RUN_FAILED) {
      return false;
    }
    List<String> failed = failures().stream().map(RolloutTask::taskId).toList();
    return !failed.isEmpty()
        && failed.stream()
            .allMatch(
                id ->
                    attempts.stream()
                        .anyMatch(
                            a -> a.taskId().equals(id) && a.outcome() == AttemptOutcome.REFUSED));
  }

  /** This report, or a {@link RolloutFailedException} naming the failed tenants. */
  public RolloutReport orThrow() {
    if (!succeeded()) {
      throw new RolloutFailedException(this);
    }
    return this;
  }
}
