package io.schemasync.api.rollout;

/** The two passes of a rollout over its tenants. */
public enum Phase {
  /** Plan and run in a rolled-back transaction: the gate. */
  DRY_RUN,
  /** Plan from the live schema and commit, with the task's commit marker. */
  RUN
}
