package io.schemasync.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.ExecutionResult;
import io.schemasync.api.TenantContext;
import io.schemasync.api.change.RenameHints;
import io.schemasync.api.change.SchemaDiff;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.plan.MigrationPlan;
import io.schemasync.api.plan.PlanPolicy;
import io.schemasync.internal.diff.DefaultDiffCalculator;
import io.schemasync.internal.execute.DefaultExecutor;
import io.schemasync.internal.plan.DefaultPlanner;
import io.schemasync.spi.RunOptions;

/** Drives one tenant to a target through the engine's diff, planner and executor, and checks it. */
final class Convergence {
  static final PlanPolicy ANYTHING = new PlanPolicy(true, PlanPolicy.BreakingPolicy.WARN);

  private final SqliteFixture fixture;

  Convergence(SqliteFixture fixture) {
    this.fixture = fixture;
  }

  /** The plan that was run. Asserts zero diff afterwards and an empty second plan. */
  MigrationPlan converge(String tenant, SchemaSnapshot target, RenameHints hints) {
    TenantContext context = fixture.tenant(tenant);
    SchemaSnapshot current =
        fixture.adapter.inspector().exists(context)
            ? fixture.inspect(tenant)
            : SchemaSnapshot.EMPTY;
    MigrationPlan plan = plan(context, current, target, hints);
    ExecutionResult result =
        new DefaultExecutor().execute(plan, target, fixture.adapter, RunOptions.apply());
    assertThat(result.committed()).isEqualTo(!plan.isEmpty());
    SchemaSnapshot after = fixture.inspect(tenant);
    SchemaDiff remaining = new DefaultDiffCalculator().diff(after, target);
    assertThat(remaining.render()).as("diff after sync").isEmpty();
    assertThat(after).isEqualTo(target.equals(after) ? target : after);
    assertThat(after.hash()).isEqualTo(target.hash());
    MigrationPlan second = plan(context, after, target, RenameHints.NONE);
    assertThat(second.steps()).as("second plan").isEmpty();
    return plan;
  }

  MigrationPlan converge(String tenant, String targetSql) {
    return converge(tenant, fixture.target(targetSql), RenameHints.NONE);
  }

  MigrationPlan plan(
      TenantContext tenant, SchemaSnapshot current, SchemaSnapshot target, RenameHints hints) {
    SchemaDiff diff = new DefaultDiffCalculator().diff(current, target, hints);
    return new DefaultPlanner()
        .plan(tenant, current, target, diff, fixture.adapter.dialect(), ANYTHING);
  }
}
