package io.schemasync.internal.rollout;

import io.schemasync.api.ExecutionResult;
import io.schemasync.api.TenantContext;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.plan.MigrationPlan;
import io.schemasync.api.plan.PlanPolicy;
import io.schemasync.spi.CommitMarker;
import io.schemasync.spi.DatabaseAdapter;
import io.schemasync.spi.DiffCalculator;
import io.schemasync.spi.Executor;
import io.schemasync.spi.Planner;
import io.schemasync.spi.RunOptions;
import io.schemasync.spi.SchemaInspector;
import io.schemasync.spi.StepListener;
import java.time.Duration;

/**
 * The engine pieces a rollout drives per tenant — the same inspector, diff, planner and executor as
 * {@code SchemaSync.plan} and {@code sync}, so a rollout's dry run is exactly the {@code plan}
 * command's rehearsal.
 */
public record TenantPipeline(
    DatabaseAdapter adapter,
    DiffCalculator diffCalculator,
    Planner planner,
    Executor executor,
    Duration lockTimeout,
    StepListener listener) {

  /** Inspects the tenant now (empty when it does not exist yet) and plans it to the target. */
  MigrationPlan plan(TenantContext tenant, JobTarget target, PlanPolicy policy) {
    SchemaInspector inspector = adapter.inspector();
    SchemaSnapshot current = inspector.exists(tenant) ? inspector.inspect(tenant) : SchemaSnapshot.EMPTY;
    return planner.plan(tenant, current, target.snapshot(),
        diffCalculator.diff(current, target.snapshot(), target.renames()), adapter.dialect(), policy);
  }

  /** Runs the plan and rolls it back: the gate. */
  ExecutionResult rehearse(MigrationPlan plan, JobTarget target) {
    return executor.execute(plan, target.snapshot(), adapter,
        new RunOptions(true, lockTimeout, Duration.ZERO, listener));
  }

  /** Runs the plan for real, with the task's commit marker written in the same transaction. */
  ExecutionResult apply(MigrationPlan plan, JobTarget target, CommitMarker marker) {
    return executor.execute(plan, target.snapshot(), adapter,
        new RunOptions(false, lockTimeout, Duration.ZERO, listener, marker));
  }

  /** Whether an earlier attempt already committed this job's change in the tenant. */
  boolean committed(TenantContext tenant, String jobId) {
    return adapter.inspector().exists(tenant) && adapter.runner().markerOf(tenant, jobId).isPresent();
  }
}
