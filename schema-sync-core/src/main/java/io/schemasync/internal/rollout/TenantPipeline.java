package io.schemasync.internal.rollout;

import io.schemasync.api.PolicyViolationException;
import io.schemasync.api.TenantContext;
import io.schemasync.api.VerificationFailedException;
import io.schemasync.api.change.SchemaDiff;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.plan.MigrationPlan;
import io.schemasync.api.plan.PlanPolicy;
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
import java.time.Duration;

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
   * @throws PolicyViolationException when the policy refuses the plan (nothing ran)
   */
  @SuppressWarnings("try") // the lock is held for the block's duration, not used in it
  Attempt attempt(TenantContext tenant, JobTarget target, PlanPolicy policy, CommitMarker marker) {
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
      RunResult run = runner.run(tenant, plan, options, result -> verify(tenant, result, target));
      if (run.result() == null && !dryRun) {
        // the engine could not inspect inside its run (non-transactional DDL): verify afterwards
        verify(tenant, inspector.inspect(tenant), target);
      }
      return new Attempt(plan, false);
    }
  }

  private void verify(TenantContext tenant, SchemaSnapshot result, JobTarget target) {
    SchemaDiff remaining = diffCalculator.diff(result, target.snapshot());
    if (!remaining.isEmpty()) {
      throw new VerificationFailedException(
          tenant.id(),
          "after the plan ran, the schema still differs from the job's target, so nothing was committed"
              + " where the engine allows; remaining differences:\n"
              + remaining.render());
    }
  }
}
