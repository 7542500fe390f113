package io.schemasync.api.rollout;

/** What one worker's attempt at one task ended with. */
public enum AttemptOutcome {
  /** The dry run passed (or there was nothing to change). */
  DRY_RUN_OK,
  /** The dry run failed. */
  DRY_RUN_FAILED,
  /** The policy refused the tenant's plan; it was not run. */
  REFUSED,
  /** The change was committed together with the task's commit marker. */
  APPLIED,
  /** The tenant already held this task's commit marker: an earlier attempt had committed. */
  ALREADY_APPLIED,
  /** The tenant was already at the target; nothing was run. */
  NOTHING_TO_DO,
  /** The run failed and was rolled back where the engine allows. */
  FAILED
}
