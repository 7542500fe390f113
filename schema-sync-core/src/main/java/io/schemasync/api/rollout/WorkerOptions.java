package io.schemasync.api.rollout;

import java.time.Duration;
import java.util.Objects;

/**
 * How this process works on a rollout: each worker process has its own.
 *
 * @param parallelism how many tenants this process works on at once
 * @param poll how often an idle worker looks for claimable tasks and job changes
 * @param listener told about this process's progress
 */
public record WorkerOptions(int parallelism, Duration poll, RolloutListener listener) {
  /** Four tenants at a time. */
  public static final int DEFAULT_PARALLELISM = 4;

  public WorkerOptions {
    poll = poll == null ? Duration.ofMillis(200) : poll;
    listener = listener == null ? RolloutListener.NONE : listener;
    Objects.requireNonNull(listener);
    if (parallelism < 1 || parallelism > 256) {
      throw new IllegalArgumentException(
          "parallelism must be between 1 and 256, was " + parallelism);
    }
  }

  public static WorkerOptions defaults() {
    return new WorkerOptions(DEFAULT_PARALLELISM, null, null);
  }

  public WorkerOptions withParallelism(int n) {
    return new WorkerOptions(n, poll, listener);
  }

  public WorkerOptions withListener(RolloutListener l) {
    return new WorkerOptions(parallelism, poll, l);
  }
}
