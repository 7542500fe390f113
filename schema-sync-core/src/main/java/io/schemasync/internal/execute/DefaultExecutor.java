package io.schemasync.internal.execute;

import io.schemasync.api.ConcurrentChangeException;
import io.schemasync.api.ExecutionResult;
import io.schemasync.api.PolicyViolationException;
import io.schemasync.api.TenantContext;
import io.schemasync.api.VerificationFailedException;
import io.schemasync.api.change.SchemaDiff;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.plan.MigrationPlan;
import io.schemasync.internal.diff.DefaultDiffCalculator;
import io.schemasync.spi.DatabaseAdapter;
import io.schemasync.spi.DiffCalculator;
import io.schemasync.spi.Executor;
import io.schemasync.spi.RunOptions;
import io.schemasync.spi.RunResult;
import io.schemasync.spi.SchemaInspector;
import io.schemasync.spi.TenantLock;
import io.schemasync.spi.Verifier;
import java.time.Duration;

/**
 * The default executor: refuses plans the policy rejected, takes the tenant's lock, checks that the
 * tenant still has the schema the plan was made against, runs it, and verifies that the result is
 * the target — inside the transaction where the engine allows, so a wrong result never commits.
 */
public final class DefaultExecutor implements Executor {
  private final DiffCalculator diffCalculator;

  public DefaultExecutor() {
    this(new DefaultDiffCalculator());
  }

  public DefaultExecutor(DiffCalculator diffCalculator) {
    this.diffCalculator = diffCalculator;
  }

  @Override
  @SuppressWarnings("try") // the lock is held for the block's duration, not used in it
  public ExecutionResult execute(
      MigrationPlan plan, SchemaSnapshot target, DatabaseAdapter adapter, RunOptions options) {
    TenantContext tenant = plan.tenant();
    if (!plan.isAllowed()) {
      throw new PolicyViolationException(tenant.id(), plan.violations());
    }
    long start = System.nanoTime();
    if (plan.isEmpty()) {
      return new ExecutionResult(tenant, plan, 0, false, plan.fromHash(), Duration.ZERO);
    }
    SchemaInspector inspector = adapter.inspector();
    try (TenantLock lock = adapter.runner().lock(tenant, options.lockTimeout())) {
      SchemaSnapshot now =
          inspector.exists(tenant) ? inspector.inspect(tenant) : SchemaSnapshot.EMPTY;
      if (!now.hash().equals(plan.fromHash())) {
        throw new ConcurrentChangeException(
            tenant.id(),
            "the schema changed after the plan was made (planned against "
                + abbreviate(plan.fromHash())
                + ", found "
                + abbreviate(now.hash())
                + "); plan again");
      }
      Verifier verifier = result -> verify(tenant, result, target);
      RunResult run = adapter.runner().run(tenant, plan, options, verifier);
      SchemaSnapshot result = run.result();
      if (result == null) {
        // The engine could not inspect inside its run (non-transactional DDL): verify afterwards.
        result = inspector.inspect(tenant);
        if (!options.dryRun()) {
          verify(tenant, result, target);
        }
      }
      return new ExecutionResult(
          tenant,
          plan,
          run.stepsRun(),
          run.committed(),
          result.hash(),
          Duration.ofNanos(System.nanoTime() - start));
    }
  }

  private void verify(TenantContext tenant, SchemaSnapshot result, SchemaSnapshot target) {
    verify(diffCalculator, tenant, result, target, "the target");
  }

  /**
   * Throws when {@code result} differs from {@code target}: the one check every run makes before it
   * commits, for {@code sync} and for rollouts.
   *
   * @param targetName how the message names the target
   * @throws VerificationFailedException naming the tenant and the remaining differences
   */
  public static void verify(
      DiffCalculator diffCalculator,
      TenantContext tenant,
      SchemaSnapshot result,
      SchemaSnapshot target,
      String targetName) {
    SchemaDiff remaining = diffCalculator.diff(result, target);
    if (!remaining.isEmpty()) {
      throw new VerificationFailedException(
          tenant.id(),
          "after the plan ran, the schema still differs from "
              + targetName
              + ", so nothing was committed where the engine allows; remaining differences:\n"
              + remaining.render());
    }
  }

  private static String abbreviate(String hash) {
    return hash.length() > 12 ? hash.substring(0, 12) : hash;
  }
}
