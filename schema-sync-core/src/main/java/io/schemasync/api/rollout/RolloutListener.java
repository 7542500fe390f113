package io.schemasync.api.rollout;

/**
 * Receives a rollout's progress from the worker threads of this process; must be quick and
 * thread-safe. Events of other worker processes are not seen here: read the control store for
 * those.
 */
public interface RolloutListener {
  /** The job moved to a new state (or wave). */
  default void jobChanged(RolloutJob job) {}

  /** This process claimed a task and starts working on it. */
  default void taskStarted(RolloutTask task, Phase phase) {}

  /** This process finished an attempt at a task. */
  default void taskFinished(TaskAttempt attempt) {}

  RolloutListener NONE = new RolloutListener() {};
}
