package io.schemasync.spi;

import io.schemasync.api.ExecutionResult;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.plan.MigrationPlan;

/**
 * Applies a plan to its tenant through an adapter: lock, check the tenant is still where the plan
 * started, run, verify the result equals the target.
 */
public interface Executor {
  /**
   * @param target the schema the plan must produce; verification compares against it
   * @throws io.schemasync.api.PolicyViolationException when the plan holds refused steps
   */
  ExecutionResult execute(
      MigrationPlan plan, SchemaSnapshot target, DatabaseAdapter adapter, RunOptions options);
}
