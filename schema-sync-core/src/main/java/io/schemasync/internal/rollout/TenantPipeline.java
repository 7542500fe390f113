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
import io.schemasync.spi.Verifier;
import java.time.Duration;
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
   * Runs one attempt on the tenant.
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
      RunResult run = runner.run(tenant, plan, options, verifier);
      boolean verified = run.result() != null;
      if (!verified && !dryRun && !known) {
        // the engine could not inspect inside its run (non-transactional DDL): verify afterwards
        verify(tenant, inspector.inspect(tenant), target);
        verified = true;
      }
      if (verified) {
        verifiedStarts.add(plan.fromHash());
      }
      return new Attempt(plan, false);
    }
  }

  private void verify(TenantContext tenant, SchemaSnapshot result, JobTarget target) {
    DefaultExecutor.verify(diffCalculator, tenant, result, target.snapshot(), "the job's target");
  }
}
