package io.schemasync.api.rollout;

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

  /** The job, its tasks and its audit trail. */
  RolloutReport status(String jobId);

  /** Every job of the store, newest first. */
  List<RolloutJob> jobs();

  /** Stops the job: no task is started any more; tasks in flight finish. */
  RolloutJob cancel(String jobId);

  @Override
  void close();
}
