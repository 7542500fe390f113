package io.schemasync.api.rollout;

import java.time.Duration;
import java.util.List;

/**
 * Fleet rollouts over one control store: start a job, join or resume one as a worker, read its
 * status, cancel it. Obtained from {@link io.schemasync.api.SchemaSync#rollouts}; thread-safe;
 * closing it closes the control store it opened.
 */
public interface Rollouts extends AutoCloseable {
  /**
   * Creates a job for the engine's target over the selected tenants and works on it in this process
   * until it ends: dry-runs every tenant (the gate), then runs them wave by wave.
   *
   * @throws io.schemasync.api.InvalidTargetException when the target is invalid (no job is created)
   */
  RolloutReport start(RolloutOptions options, WorkerOptions worker);

  /** Creates the job without working on it, for separate worker processes to pick up. */
  RolloutJob enqueue(RolloutOptions options);

  /**
   * Works on an existing job in this process until it ends, alongside any other workers: after a
   * crash, tasks held by dead processes of this machine are taken over at once, those of other
   * machines when their lease expires. Committed tasks are collected by their commit marker and
   * never run twice.
   *
   * @throws NoSuchRolloutException when there is no such job
   */
  RolloutReport resume(String jobId, WorkerOptions worker);

  /**
   * Works on an existing job in this process until it ends, as one more worker: tasks of workers
   * that stopped are taken over when their lease expires. What {@code rollout worker} runs.
   *
   * @throws NoSuchRolloutException when there is no such job
   */
  RolloutReport work(String jobId, WorkerOptions worker);

  /**
   * Puts the failed tenants of a job that ended {@link JobState#FAILED} (the real run) or {@link
   * JobState#DRY_RUN_FAILED} (the gate) back in the queue, once their cause is fixed (the rows a
   * dry run stumbled on, a long transaction that held a lock): the job returns to that phase, and
   * {@link #resume} or {@link #work} then runs them. Tenants that succeeded are not run again; the
   * audit trail keeps the failed attempts.
   *
   * @return the job, back in its phase
   * @throws NoSuchRolloutException when there is no such job
   * @throws RolloutStateException when the job did not end in one of those states
   */
  RolloutJob retryFailed(String jobId);

  /** The job, its tasks and its audit trail. */
  RolloutReport status(String jobId);

  /** Every job of the store, newest first. */
  List<RolloutJob> jobs();

  /**
   * Deletes the jobs that ended (succeeded, failed, failed their dry run or were cancelled) and
   * have not changed for at least {@code age}, with their tasks and audit trails, so that a store
   * that applications roll out through at every start stays small. Jobs still waiting or running
   * are kept whatever their age; a failed job deleted here can no longer be retried. Commit markers
   * kept outside the tenants (PostgreSQL schemas: one table per database) are deleted with their
   * jobs; those in the tenants stay (a row per job and tenant). They only matter to a job that can
   * resume.
   *
   * @return the deleted jobs, newest first
   */
  List<RolloutJob> prune(Duration age);

  /** Stops the job: no task is started any more; tasks in flight finish. */
  RolloutJob cancel(String jobId);

  @Override
  void close();
}
