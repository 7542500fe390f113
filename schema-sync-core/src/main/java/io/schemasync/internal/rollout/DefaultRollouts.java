package io.schemasync.internal.rollout;

import io.schemasync.api.TenantContext;
import io.schemasync.api.TenantSelection;
import io.schemasync.api.plan.PlanPolicy;
import io.schemasync.api.rollout.JobSettings;
import io.schemasync.api.rollout.JobState;
import io.schemasync.api.rollout.NoSuchRolloutException;
import io.schemasync.api.rollout.RolloutJob;
import io.schemasync.api.rollout.RolloutOptions;
import io.schemasync.api.rollout.RolloutReport;
import io.schemasync.api.rollout.RolloutStateException;
import io.schemasync.api.rollout.RolloutTask;
import io.schemasync.api.rollout.Rollouts;
import io.schemasync.api.rollout.WorkerOptions;
import io.schemasync.internal.JdbcUrls;
import io.schemasync.spi.ControlStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Rollouts} over one control store and one engine's pipeline. */
public final class DefaultRollouts implements Rollouts {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultRollouts.class);

  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final ControlStore store;
  private final boolean ownsStore;
  private final TenantPipeline pipeline;
  private final Supplier<TargetSpec> target;
  private final Function<TenantSelection, List<TenantContext>> tenants;
  private final PlanPolicy policy;
  private final String url;

  /**
   * The engine's target, resolved, as a new job records it.
   *
   * @param description the target as the user gave it
   */
  public record TargetSpec(
      String description,
      io.schemasync.api.model.SchemaSnapshot snapshot,
      io.schemasync.api.change.RenameHints renames) {}

  public DefaultRollouts(
      ControlStore store,
      boolean ownsStore,
      TenantPipeline pipeline,
      Supplier<TargetSpec> target,
      Function<TenantSelection, List<TenantContext>> tenants,
      PlanPolicy policy,
      String url) {
    this.store = store;
    this.ownsStore = ownsStore;
    this.pipeline = pipeline;
    this.target = target;
    this.tenants = tenants;
    this.policy = policy;
    this.url = url;
  }

  /**
   * Status and cancel only, without an engine: what an operator's console needs. Starting or
   * resuming through it throws {@link IllegalStateException}.
   */
  public static Rollouts withoutEngine(ControlStore store, boolean ownsStore) {
    return new DefaultRollouts(
        store,
        ownsStore,
        null,
        () -> {
          throw new IllegalStateException(
              "this view of the control store has no engine; open one with SchemaSync.rollouts");
        },
        s -> List.of(),
        PlanPolicy.DEFAULT,
        "none");
  }

  @Override
  public RolloutReport start(RolloutOptions options, WorkerOptions worker) {
    RolloutJob job = enqueue(options);
    return resume(job.id(), worker);
  }

  @Override
  public RolloutJob enqueue(RolloutOptions options) {
    TargetSpec spec = target.get(); // resolves and validates the target before anything is created
    List<TenantContext> selected = tenants.apply(options.tenants());
    Set<String> canary = new HashSet<>(options.canaryTenants());
    Set<String> known = new HashSet<>(selected.stream().map(TenantContext::id).toList());
    for (String id : canary) {
      if (!known.contains(id)) {
        throw new NoSuchRolloutException(
            "canary tenant '"
                + id
                + "' is not among the selected tenants; pick canaries from the --tenants selection");
      }
    }
    for (int i = 0; i < Math.min(options.canary(), selected.size()); i++) {
      canary.add(selected.get(i).id());
    }
    int lastWave = canary.isEmpty() || canary.size() == selected.size() ? 0 : 1;
    String id =
        "r" + ID_TIME.format(Instant.now()) + "-" + UUID.randomUUID().toString().substring(0, 4);
    JobTarget jobTarget = new JobTarget(spec.snapshot(), spec.renames());
    RolloutJob job =
        new RolloutJob(
            id,
            JobState.WAITING_FOR_DRY_RUN,
            spec.description(),
            spec.snapshot().hash(),
            JdbcUrls.mask(url),
            new JobSettings(lastWave, options.maxFailures(), options.lease(), policy),
            0,
            null,
            null,
            null);
    List<RolloutTask> tasks =
        selected.stream()
            .map(
                t ->
                    RolloutTask.enqueued(
                        id, t.id(), lastWave == 1 && !canary.contains(t.id()) ? 1 : 0))
            .toList();
    store.createJob(job, jobTarget.toDocument(), tasks);
    return store.job(id).orElseThrow();
  }

  @Override
  public RolloutReport resume(String jobId, WorkerOptions worker) {
    return join(jobId, worker, true);
  }

  @Override
  public RolloutReport work(String jobId, WorkerOptions worker) {
    return join(jobId, worker, false);
  }

  private RolloutReport join(String jobId, WorkerOptions worker, boolean takeOverDeadLocalWorkers) {
    if (pipeline == null) {
      throw new IllegalStateException(
          "this view of the control store has no engine; open one with SchemaSync.rollouts");
    }
    job(jobId); // an unknown job is an error before any worker starts
    new WorkerLoop(store, pipeline, jobId, worker, takeOverDeadLocalWorkers).run();
    return status(jobId);
  }

  @Override
  public RolloutReport status(String jobId) {
    return new RolloutReport(job(jobId), store.tasks(jobId), store.attempts(jobId));
  }

  /** The job, without its tasks and audit trail. */
  private RolloutJob job(String jobId) {
    return store.job(jobId).orElseThrow(() -> NoSuchRolloutException.noJob(jobId, null));
  }

  @Override
  public List<RolloutJob> jobs() {
    return store.jobs();
  }

  @Override
  public RolloutJob retryFailed(String jobId) {
    RolloutJob job = job(jobId);
    int reopened = store.reopenFailed(jobId);
    if (reopened < 0) {
      throw new RolloutStateException(
          "rollout "
              + jobId
              + " is "
              + job.state()
              + "; only a job that ended FAILED or DRY_RUN_FAILED has failed tenants to retry"
              + (job.state().isTerminal() ? "" : " (resume it to let it finish)"));
    }
    LOG.info("rollout {}: {} failed tenant(s) back in the queue", jobId, reopened);
    return store.job(jobId).orElseThrow();
  }

  @Override
  public List<RolloutJob> prune(Duration age) {
    if (age.isNegative()) {
      throw new IllegalArgumentException("the age of the jobs to delete is negative: " + age);
    }
    List<RolloutJob> deleted = store.deleteEndedJobs(age);
    LOG.info("deleted {} rollout job(s) that ended {} ago or more", deleted.size(), age);
    if (pipeline != null && !deleted.isEmpty()) {
      try {
        pipeline.adapter().runner().forgetMarkers(deleted.stream().map(RolloutJob::id).toList());
      } catch (RuntimeException e) {
        // the jobs are gone: their markers are only dead weight, deleted by the next prune
        LOG.warn("could not delete the commit markers of the deleted jobs: {}", e.getMessage());
      }
    }
    return deleted;
  }

  @Override
  public RolloutJob cancel(String jobId) {
    job(jobId);
    new JobDriver(store).cancel(jobId);
    return store.job(jobId).orElseThrow();
  }

  @Override
  public void close() {
    if (ownsStore) {
      store.close();
    }
  }
}
