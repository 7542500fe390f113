package io.schemasync.api.rollout;

import java.time.Instant;
import java.util.Objects;

/**
 * One tenant's task of a rollout.
 *
 * @param taskId unique within the job (the tenant id)
 * @param wave 0 for canary tenants, 1 for the rest (0 for all without canary)
 * @param attempts how many times a worker claimed it for the real run
 * @param worker the worker holding or last holding it, null before any claim
 * @param leaseUntil until when the worker's claim holds, null when not claimed
 * @param error why the dry run or the run failed, null otherwise
 */
public record RolloutTask(
    String jobId,
    String taskId,
    String tenantId,
    int wave,
    TaskState state,
    int attempts,
    WorkerRef worker,
    Instant leaseUntil,
    Instant startedAt,
    Instant finishedAt,
    String error) {
  public RolloutTask {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(state, "state");
  }

  /** A fresh task, before any dry run. */
  public static RolloutTask enqueued(String jobId, String tenantId, int wave) {
    return new RolloutTask(
        jobId, tenantId, tenantId, wave, TaskState.ENQUEUED, 0, null, null, null, null, null);
  }
}
