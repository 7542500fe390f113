package io.schemasync.internal.rollout;

import io.schemasync.api.PolicyViolationException;
import io.schemasync.api.TenantContext;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.plan.MigrationPlan;
import io.schemasync.api.plan.PlanPolicy;
import io.schemasync.internal.execute.DefaultExecutor;
import io.schemasync.spi.CommitMarker;
import io.schemasync.spi.DatabaseAdapter;
import io.schemasync.spi.DiffCalculator;
import io.schemasync.spi.MigrationRunner;
import io.schemasync.spi.Planner;
import io.schemasync.spi.RunOptions;
import io.schemasync.spi.RunResult;
import io.schemasync.spi.SchemaInspector;
import io.schemasync.spi.StepListener;
import io.schemasync.spi.TenantLock;
import io.schemasync.spi.TenantLocks;
import io.schemasync.spi.Verifier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a rollout does to one tenant, with the same inspector, diff, planner, runner and
 * verification as {@code plan} and {@code sync}: under the tenant's lock, look for the task's
 * commit marker, inspect, plan, run (rolled back for the dry run, with the marker for the real
 * run), and verify the result equals the target before it commits.
 *
 * <p>Unlike {@code sync}, which plans every tenant first and re-inspects under the lock to check
 * the plan is still current, a rollout task plans under the lock: the tenant cannot move between
 * plan and run, so one inspection is saved per tenant and phase — on PostgreSQL fleets, inspection
 * is most of a task's cost.
 *
 * <p>Where the engine can lock several tenants in one round trip ({@link
 * MigrationRunner#batchSize}), a worker thread takes a batch of tenants: one lock call, one read of
 * their commit markers and one catalog pass for all of them, then each tenant's own transaction,
 * one after another, while the locks are held.
 *
 * <p>For the same reason, the result is inspected and compared to the target only the first time a
 * job's plan runs from a given starting schema (by hash). The plan is a function of the starting
 * schema and the target, and DDL's effect on the schema does not depend on the rows, so once one
 * tenant was seen to reach the target from a starting schema, every tenant starting from it does:
 * what rows can change is whether a statement fails, and that still happens in every tenant.
 */
public record TenantPipeline(
    DatabaseAdapter adapter,
    DiffCalculator diffCalculator,
    Planner planner,
    Duration lockTimeout,
    StepListener listener) {

  /** What one attempt found and did. */
  record Attempt(MigrationPlan plan, boolean alreadyCommitted) {}

  /**
   * Runs one attempt on the tenant, waiting for its lock.
   *
   * @param marker null for the dry run; for the real run, written with the change, and looked for
   *     first: when present, nothing runs
   * @param verifiedStarts hashes of the starting schemas from which the job's plan was seen to
   *     reach the target; this attempt reads it, and adds its own when it verified one
   * @throws PolicyViolationException when the policy refuses the plan (nothing ran)
   */
  @SuppressWarnings("try") // the lock is held for the block's duration, not used in it
  Attempt attempt(
      TenantContext tenant,
      JobTarget target,
      PlanPolicy policy,
      CommitMarker marker,
      Set<String> verifiedStarts) {
    MigrationRunner runner = adapter.runner();
    SchemaInspector inspector = adapter.inspector();
    try (TenantLock lock = runner.lock(tenant, lockTimeout)) {
      boolean exists = inspector.exists(tenant);
      if (marker != null && exists && runner.markerOf(tenant, marker.jobId()).isPresent()) {
        return new Attempt(null, true);
      }
      SchemaSnapshot current = exists ? inspector.inspect(tenant) : SchemaSnapshot.EMPTY;
      return change(tenant, current, target, policy, marker, verifiedStarts);
    }
  }

  /**
   * Locks those of the tenants that no one else holds, in one go, and reads them (and, for the real
   * run, their commit markers of {@code jobId}) in one catalog pass. The caller runs the tenants it
   * holds through the batch, the others through {@link #attempt}, then closes it.
   *
   * @param jobId the job whose markers to look for; null for the dry run
   */
  Batch lockAndRead(List<TenantContext> tenants, String jobId) {
    MigrationRunner runner = adapter.runner();
    TenantLocks locks = runner.tryLockAll(tenants);
    try {
      List<TenantContext> held = tenants.stream().filter(locks.held()::contains).toList();
      Set<TenantContext> committed =
          jobId == null || held.isEmpty() ? Set.of() : runner.markersOf(held, jobId).keySet();
      List<TenantContext> toRead = held.stream().filter(t -> !committed.contains(t)).toList();
      Map<TenantContext, SchemaSnapshot> current =
          toRead.isEmpty() ? Map.of() : adapter.inspector().inspectExisting(toRead);
      return new Batch(locks, committed, current);
    } catch (RuntimeException e) {
      locks.close();
      throw e;
    }
  }

  /**
   * Tenants locked and read together; each is then changed on its own, as {@link #attempt} would,
   * from what was read. Holding the locks from the read to the change keeps that read current.
   */
  final class Batch implements AutoCloseable {
    private final TenantLocks locks;
    private final Set<TenantContext> committed;
    private final Map<TenantContext, SchemaSnapshot> current;

    private Batch(
        TenantLocks locks,
        Set<TenantContext> committed,
        Map<TenantContext, SchemaSnapshot> current) {
      this.locks = locks;
      this.committed = Set.copyOf(committed);
      this.current = current;
    }

    /** The tenants this batch holds the locks of. */
    Set<TenantContext> held() {
      return locks.held();
    }

    /** {@link TenantPipeline#attempt} on a tenant this batch holds, from what the batch read. */
    Attempt attempt(
        TenantContext tenant,
        JobTarget target,
        PlanPolicy policy,
        CommitMarker marker,
        Set<String> verifiedStarts) {
      if (!held().contains(tenant)) {
        throw new IllegalArgumentException("tenant " + tenant.id() + " is not in this batch");
      }
      if (marker != null && committed.contains(tenant)) {
        return new Attempt(null, true);
      }
      SchemaSnapshot snapshot = current.getOrDefault(tenant, SchemaSnapshot.EMPTY);
      return change(tenant, snapshot, target, policy, marker, verifiedStarts);
    }

    @Override
    public void close() {
      locks.close();
    }
  }

  /** Plans from the tenant's current schema and runs the plan; the tenant's lock is held. */
  private Attempt change(
      TenantContext tenant,
      SchemaSnapshot current,
      JobTarget target,
      PlanPolicy policy,
      CommitMarker marker,
      Set<String> verifiedStarts) {
    MigrationPlan plan =
        planner.plan(
            tenant,
            current,
            target.snapshot(),
            diffCalculator.diff(current, target.snapshot(), target.renames()),
            adapter.dialect(),
            policy);
    if (!plan.isAllowed()) {
      throw new PolicyViolationException(tenant.id(), plan.violations());
    }
    if (plan.isEmpty()) {
      return new Attempt(plan, false);
    }
    boolean dryRun = marker == null;
    RunOptions options = new RunOptions(dryRun, lockTimeout, Duration.ZERO, listener, marker);
    boolean known = verifiedStarts.contains(plan.fromHash());
    Verifier verifier = known ? Verifier.NONE : result -> verify(tenant, result, target);
    RunResult run = adapter.runner().run(tenant, plan, options, verifier);
    boolean verified = run.result() != null;
    if (!verified && !dryRun && !known) {
      // the engine could not inspect inside its run (non-transactional DDL): verify afterwards
      verify(tenant, adapter.inspector().inspect(tenant), target);
      verified = true;
    }
    if (verified) {
      verifiedStarts.add(plan.fromHash());
    }
    return new Attempt(plan, false);
  }

  private void verify(TenantContext tenant, SchemaSnapshot result, JobTarget target) {
    DefaultExecutor.verify(diffCalculator, tenant, result, target.snapshot(), "the job's target");
  }
}
