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
 */
public record RunOptions(
    boolean dryRun, Duration lockTimeout, Duration statementTimeout, StepListener listener) {
  public RunOptions {
    lockTimeout = lockTimeout == null ? ConnectionSettings.DEFAULT_LOCK_TIMEOUT : lockTimeout;
    statementTimeout = statementTimeout == null ? Duration.ZERO : statementTimeout;
    listener = listener == null ? StepListener.NONE : listener;
    Objects.requireNonNull(listener);
  }

  public static RunOptions apply() {
    return new RunOptions(false, null, null, null);
  }

  public static RunOptions dryRunOnly() {
    return new RunOptions(true, null, null, null);
  }
}
