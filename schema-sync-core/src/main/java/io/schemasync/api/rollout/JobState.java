package io.schemasync.api.rollout;

/** Where a rollout job stands; see {@link #isTerminal()}. */
public enum JobState {
  /** Tenants are being dry-run; none has been changed. */
  WAITING_FOR_DRY_RUN,
  /** Every tenant passed its dry run; the real run is about to start. */
  DRY_RUN_SUCCEEDED,
  /** At least one tenant failed its dry run (or its plan was refused); no tenant was changed. */
  DRY_RUN_FAILED,
  /** Tenants are being changed, wave by wave. */
  RUNNING,
  /** Every tenant reached the target. */
  SUCCEEDED,
  /** Tenants failed (a canary, or more than the allowed number); the others were left alone. */
  FAILED,
  /** Cancelled by an operator; tasks already committed stay committed. */
  CANCELLED;

  /** Whether no worker will do anything more for a job in this state. */
  public boolean isTerminal() {
    return this == DRY_RUN_FAILED || this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
