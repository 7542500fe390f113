package io.schemasync.api.rollout;

/** Where one tenant's task of a rollout stands. */
public enum TaskState {
  /** Waiting for its dry run. */
  ENQUEUED,
  /** The dry run passed; waiting for the real run. */
  DRY_RUN_OK,
  /** The dry run failed or the plan was refused; the error is kept. */
  DRY_RUN_FAILED,
  /** Claimed by a worker for the real run (or interrupted in it, until resumed). */
  RUNNING,
  /** The tenant is at the target (changed by this job, or found there). */
  SUCCEEDED,
  /** The real run failed and was rolled back where the engine allows; the error is kept. */
  FAILED;

  /** Whether the real run of this task is over. */
  public boolean isFinished() {
    return this == SUCCEEDED || this == FAILED;
  }
}
