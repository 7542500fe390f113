package io.schemasync.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * How a runner executes a plan.
 *
 * @param dryRun run everything, then roll back (on engines with transactional DDL)
 * @param lockTimeout how long to wait for the tenant's migration lock
 * @param statementTimeout upper bound for one statement; zero for none
 * @param listener told when each step starts and ends
 * @param marker when not null, written into the tenant atomically with the change (never on a dry
 *     run); see {@link CommitMarker}
 */
public record RunOptions(
    boolean dryRun,
    Duration lockTimeout,
    Duration statementTimeout,
    StepListener listener,
    CommitMarker marker) {
  public RunOptions {
    lockTimeout = lockTimeout == null ? ConnectionSettings.DEFAULT_LOCK_TIMEOUT : lockTimeout;
    statementTimeout = statementTimeout == null ? Duration.ZERO : statementTimeout;
    listener = listener == null ? StepListener.NONE : listener;
    Objects.requireNonNull(listener);
  }

  /** Options without a commit marker. */
  public RunOptions(
      boolean dryRun, Duration lockTimeout, Duration statementTimeout, StepListener listener) {
    this(dryRun, lockTimeout, statementTimeout, listener, null);
  }

  public static RunOptions apply() {
    return new RunOptions(false, null, null, null);
  }

  public static RunOptions dryRunOnly() {
    return new RunOptions(true, null, null, null);
  }

  /** The same options, recording {@code commitMarker} with the change. */
  public RunOptions withMarker(CommitMarker commitMarker) {
    return new RunOptions(dryRun, lockTimeout, statementTimeout, listener, commitMarker);
  }
}
