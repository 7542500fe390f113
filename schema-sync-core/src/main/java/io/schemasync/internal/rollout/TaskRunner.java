package io.schemasync.internal.rollout;

import io.schemasync.api.InvalidTargetException;
import io.schemasync.api.PolicyViolationException;
import io.schemasync.api.SchemaSyncException;
import io.schemasync.api.TenantContext;
import io.schemasync.api.plan.MigrationPlan;
import io.schemasync.api.plan.PlanPolicy;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
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

  /** What an attempt at a task ended with: the task's new state and the audit line. */
  record Result(RolloutTask task, TaskState state, TaskAttempt attempt) {}

  /** Runs one task on its own, waiting for the tenant's lock. */
  Result run(RolloutTask task, Phase phase) {
    return run(task, phase, pipeline::attempt);
  }

  /**
   * Runs the tasks one after another, those of tenants that can be locked at once as one batch
   * (locked and read together), the rest on their own. {@code started} is told before each task,
   * {@code finished} after it.
   */
  void runAll(
      List<RolloutTask> tasks,
      Phase phase,
      Consumer<RolloutTask> started,
      Consumer<Result> finished) {
    List<RolloutTask> alone = new ArrayList<>(tasks);
    if (tasks.size() > 1) {
      Map<TenantContext, RolloutTask> byTenant = new LinkedHashMap<>();
      for (RolloutTask task : tasks) {
        try {
          byTenant.put(pipeline.adapter().tenant(task.tenantId()), task);
        } catch (RuntimeException invalid) {
          // run alone, where the error is reported as the task's
        }
      }
      TenantPipeline.Batch batch = null;
      try {
        batch =
            byTenant.size() < 2
                ? null
                : pipeline.lockAndRead(
                    List.copyOf(byTenant.keySet()), phase == Phase.RUN ? job.id() : null);
      } catch (RuntimeException e) {
        LOG.info(
            "cannot lock and read {} tenants together ({}); running them one by one",
            byTenant.size(),
            describe(e));
      }
      if (batch != null) {
        try (TenantPipeline.Batch held = batch) {
          for (var entry : byTenant.entrySet()) {
            if (held.held().contains(entry.getKey())) {
              alone.remove(entry.getValue());
              started.accept(entry.getValue());
              finished.accept(run(entry.getValue(), phase, held::attempt));
            }
          }
        }
      }
    }
    for (RolloutTask task : alone) {
      started.accept(task);
      finished.accept(run(task, phase));
    }
  }

  /** One way to attempt a task's tenant: on its own, or within a batch. */
  @FunctionalInterface
  private interface Attempter {
    TenantPipeline.Attempt attempt(
        TenantContext tenant,
        JobTarget target,
        PlanPolicy policy,
        CommitMarker marker,
        Set<String> verifiedStarts);
  }

  private Result run(RolloutTask task, Phase phase, Attempter attempter) {
    Instant start = Instant.now();
    try {
      TenantContext tenant = pipeline.adapter().tenant(task.tenantId());
      // Under a crash, the change may have committed while the task still reads RUNNING: the
      // marker written in the same transaction is the truth, and collecting it is what prevents a
      // rerun.
      CommitMarker marker = phase == Phase.RUN ? new CommitMarker(job.id(), task.taskId()) : null;
      TenantPipeline.Attempt attempt =
          attempter.attempt(tenant, target, job.settings().policy(), marker, verifiedStarts);
      AttemptOutcome outcome =
          phase == Phase.DRY_RUN
              ? AttemptOutcome.DRY_RUN_OK
              : attempt.alreadyCommitted()
                  ? AttemptOutcome.ALREADY_APPLIED
                  : attempt.plan().isEmpty()
                      ? AttemptOutcome.NOTHING_TO_DO
                      : AttemptOutcome.APPLIED;
      return end(task, phase, start, outcome, attempt.plan(), null);
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
    return new Result(task, state, attempt);
  }

  private static String describe(RuntimeException e) {
    if (e instanceof SchemaSyncException) {
      return e.getMessage();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
