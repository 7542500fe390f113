package io.schemasync.api.rollout;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a rollout's audit trail: which worker did what to which tenant, when, and how it
 * ended.
 *
 * @param planHash SHA-256 of the plan's statements, null when there was no plan
 * @param statements how many statements the plan held
 * @param error the failure, null unless the outcome is a failure
 */
public record TaskAttempt(
    String jobId,
    String taskId,
    String tenantId,
    Phase phase,
    WorkerRef worker,
    Instant startedAt,
    Instant finishedAt,
    AttemptOutcome outcome,
    int statements,
    String planHash,
    String error) {
  public TaskAttempt {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(worker, "worker");
    Objects.requireNonNull(outcome, "outcome");
  }
}
