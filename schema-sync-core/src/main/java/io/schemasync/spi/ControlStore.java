package io.schemasync.spi;

import io.schemasync.api.rollout.JobState;
import io.schemasync.api.rollout.Phase;
import io.schemasync.api.rollout.RolloutJob;
import io.schemasync.api.rollout.RolloutTask;
import io.schemasync.api.rollout.TaskAttempt;
import io.schemasync.api.rollout.TaskState;
import io.schemasync.api.rollout.WorkerRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where rollout jobs, their tasks and the audit trail live, shared by every worker process of a
 * rollout. Every method is atomic; implementations must be safe for several threads and several
 * processes at once. Times for leases come from the store's own clock, so that workers on machines
 * with skewed clocks agree.
 */
public interface ControlStore extends AutoCloseable {
  /**
   * Creates a job with its tasks in one transaction.
   *
   * @param targetDocument the resolved target as the engine serialized it; returned by {@link
   *     #targetDocument}
   */
  void createJob(RolloutJob job, String targetDocument, List<RolloutTask> tasks);

  Optional<RolloutJob> job(String jobId);

  /** Every job, newest first. */
  List<RolloutJob> jobs();

  /** The target document the job was created with. */
  String targetDocument(String jobId);

  /** The job's tasks, ordered by wave, then task id. */
  List<RolloutTask> tasks(String jobId);

  /** The job's audit trail, oldest first. */
  List<TaskAttempt> attempts(String jobId);

  /**
   * Moves the job from ({@code from}, {@code fromWave}) to ({@code to}, {@code toWave}) only if it
   * is still there: of several workers trying the same step, exactly one succeeds.
   *
   * @return whether this call made the change
   */
  boolean updateJob(
      String jobId, JobState from, int fromWave, JobState to, int toWave, String message);

  /**
   * Claims up to {@code limit} unclaimed tasks (or tasks whose lease expired) for {@code worker}:
   * for {@link Phase#DRY_RUN} tasks in {@link TaskState#ENQUEUED}; for {@link Phase#RUN} tasks in
   * {@link TaskState#DRY_RUN_OK} or an abandoned {@link TaskState#RUNNING}, of waves up to {@code
   * maxWave}, which are set to RUNNING with one more attempt. No task is ever claimed by two live
   * workers.
   */
  List<RolloutTask> claim(
      String jobId, Phase phase, int maxWave, WorkerRef worker, Duration lease, int limit);

  /** Extends every lease {@code worker} holds in the job to now + {@code lease}. */
  void renew(String jobId, WorkerRef worker, Duration lease);

  /**
   * Records the end of an attempt: the task moves to {@code state} (with {@code error}) and is
   * released, if {@code worker} still holds it; the attempt is added to the audit trail either way.
   *
   * @return whether the worker still held the task
   */
  boolean finish(
      RolloutTask task, WorkerRef worker, TaskState state, String error, TaskAttempt attempt);

  /** The end of one attempt at a task, as {@link #finish} records it. */
  record TaskEnd(RolloutTask task, TaskState state, String error, TaskAttempt attempt) {}

  /**
   * {@link #finish} for several attempts of one worker in one transaction: a worker thread that ran
   * a batch of tenants records their ends together, not with one store transaction each.
   *
   * @return the tasks among them that the worker no longer held
   */
  default List<RolloutTask> finishAll(WorkerRef worker, List<TaskEnd> ends) {
    List<RolloutTask> lost = new ArrayList<>();
    for (TaskEnd end : ends) {
      if (!finish(end.task(), worker, end.state(), end.error(), end.attempt())) {
        lost.add(end.task());
      }
    }
    return lost;
  }

  /**
   * Re-opens a job that ended {@link JobState#FAILED} or {@link JobState#DRY_RUN_FAILED}, in one
   * transaction: its failed tasks go back to the queue of their phase ({@code FAILED} tasks to
   * {@code DRY_RUN_OK}, {@code DRY_RUN_FAILED} ones to {@code ENQUEUED}, errors and leases
   * cleared), and the job back to that phase ({@code RUNNING} at the same wave, or {@code
   * WAITING_FOR_DRY_RUN}), its message cleared. The audit trail keeps every attempt.
   *
   * @return how many tasks went back to the queue, or -1 when the job was in neither state
   */
  int reopenFailed(String jobId);

  /** Expires every lease the worker with this id holds in the job (its process is known dead). */
  int expireLeases(String jobId, String workerId);

  /**
   * Deletes, in one transaction, the jobs that ended ({@link JobState#isTerminal}) and have not
   * changed for at least {@code age} by the store's clock, with their tasks and audit trails. A job
   * still waiting or running is never deleted, however old.
   *
   * @return the deleted jobs, newest first
   */
  List<RolloutJob> deleteEndedJobs(Duration age);

  @Override
  void close();
}
