package io.schemasync.spi;

import io.schemasync.api.TenantContext;
import io.schemasync.api.plan.MigrationPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Executes a plan's statements on one tenant, the way the engine allows: in one transaction where
 * DDL is transactional, journaled step by step where it is not.
 */
public interface MigrationRunner {
  /**
   * Takes the tenant's migration lock, waiting at most {@code timeout}.
   *
   * @throws io.schemasync.api.UnableToAcquireLockException naming the holder when known
   */
  TenantLock lock(TenantContext tenant, Duration timeout);

  /**
   * Runs the plan's steps in order. Where the engine is transactional, the {@code verifier} is
   * called inside the transaction with the resulting schema, and the transaction commits only if it
   * returns normally and {@code options.dryRun()} is false.
   *
   * @throws io.schemasync.api.UnableToExecuteStatementException naming step and statement
   */
  RunResult run(TenantContext tenant, MigrationPlan plan, RunOptions options, Verifier verifier);

  /**
   * When the tenant holds the {@link CommitMarker} of a task of {@code jobId}, the time it was
   * committed. Runners that write markers override this; the default knows of none, so a resumed
   * rollout re-plans such tenants from their live schema (which is safe, only slower).
   *
   * @throws io.schemasync.api.UnableToInspectSchemaException when the tenant cannot be read
   */
  default Optional<Instant> markerOf(TenantContext tenant, String jobId) {
    return Optional.empty();
  }
}
