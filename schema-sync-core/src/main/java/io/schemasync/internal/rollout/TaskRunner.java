package io.schemasync.internal.rollout;

import io.schemasync.api.InvalidTargetException;
import io.schemasync.api.PolicyViolationException;
import io.schemasync.api.SchemaSyncException;
import io.schemasync.api.TenantContext;
import io.schemasync.api.plan.MigrationPlan;
import io.schemasync.api.rollout.AttemptOutcome;
import io.schemasync.api.rollout.Phase;
import io.schemasync.api.rollout.RolloutJob;
import io.schemasync.api.rollout.RolloutTask;
import io.schemasync.api.rollout.TaskAttempt;
import io.schemasync.api.rollout.TaskState;
import io.schemasync.api.rollout.WorkerRef;
import io.schemasync.internal.json.CanonicalJson;
import io.schemasync.spi.CommitMarker;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Does one attempt at one task: the dry run, or the real run that first looks for its marker. */
final class TaskRunner {
  private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);

  private final TenantPipeline pipeline;
  private final RolloutJob job;
  private final JobTarget target;
  private final WorkerRef worker;
  private final Set<String> verifiedStarts = ConcurrentHashMap.newKeySet();

  TaskRunner(TenantPipeline pipeline, RolloutJob job, JobTarget target, WorkerRef worker) {
    this.pipeline = pipeline;
    this.job = job;
    this.target = target;
    this.worker = worker;
  }

  /** What an attempt ended with: the task's new state and the audit line. */
  record Result(TaskState state, TaskAttempt attempt) {}

  Result run(RolloutTask task, Phase phase) {
    Instant start = Instant.now();
    try {
      TenantContext tenant = pipeline.adapter().tenant(task.tenantId());
      return phase == Phase.DRY_RUN ? dryRun(task, tenant, start) : apply(task, tenant, start);
    } catch (PolicyViolationException e) {
      return end(task, phase, start, AttemptOutcome.REFUSED, null, e);
    } catch (RuntimeException e) {
      LOG.warn("tenant {}: {} failed: {}", task.tenantId(), phase, describe(e));
      return end(
          task,
          phase,
          start,
          phase == Phase.DRY_RUN ? AttemptOutcome.DRY_RUN_FAILED : AttemptOutcome.FAILED,
          null,
          e);
    }
  }

  private Result dryRun(RolloutTask task, TenantContext tenant, Instant start) {
    TenantPipeline.Attempt attempt =
        pipeline.attempt(tenant, target, job.settings().policy(), null, verifiedStarts);
    return end(task, Phase.DRY_RUN, start, AttemptOutcome.DRY_RUN_OK, attempt.plan(), null);
  }

  private Result apply(RolloutTask task, TenantContext tenant, Instant start) {
    // Under a crash, the change may have committed while the task still reads RUNNING: the marker
    // written in the same transaction is the truth, and collecting it is what prevents a rerun.
    TenantPipeline.Attempt attempt =
        pipeline.attempt(
            tenant,
            target,
            job.settings().policy(),
            new CommitMarker(job.id(), task.taskId()),
            verifiedStarts);
    AttemptOutcome outcome =
        attempt.alreadyCommitted()
            ? AttemptOutcome.ALREADY_APPLIED
            : attempt.plan().isEmpty() ? AttemptOutcome.NOTHING_TO_DO : AttemptOutcome.APPLIED;
    return end(task, Phase.RUN, start, outcome, attempt.plan(), null);
  }

  private Result end(
      RolloutTask task,
      Phase phase,
      Instant start,
      AttemptOutcome outcome,
      MigrationPlan plan,
      RuntimeException e) {
    if (e instanceof InvalidTargetException invalid) {
      throw invalid; // the stored target is unusable for every tenant: stop the worker
    }
    TaskState state =
        switch (outcome) {
          case DRY_RUN_OK -> TaskState.DRY_RUN_OK;
          case DRY_RUN_FAILED -> TaskState.DRY_RUN_FAILED;
          case REFUSED -> phase == Phase.DRY_RUN ? TaskState.DRY_RUN_FAILED : TaskState.FAILED;
          case APPLIED, ALREADY_APPLIED, NOTHING_TO_DO -> TaskState.SUCCEEDED;
          case FAILED -> TaskState.FAILED;
        };
    int statements = plan == null ? 0 : plan.statements().size();
    String planHash =
        plan == null || plan.isEmpty()
            ? null
            : CanonicalJson.sha256(String.join("\n", plan.statements()));
    TaskAttempt attempt =
        new TaskAttempt(
            job.id(),
            task.taskId(),
            task.tenantId(),
            phase,
            worker,
            start,
            Instant.now(),
            outcome,
            statements,
            planHash,
            e == null ? null : describe(e));
    return new Result(state, attempt);
  }

  private static String describe(RuntimeException e) {
    if (e instanceof SchemaSyncException) {
      return e.getMessage();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
