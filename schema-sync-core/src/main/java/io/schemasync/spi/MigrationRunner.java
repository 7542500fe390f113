package io.schemasync.spi;

import io.schemasync.api.TenantContext;
import io.schemasync.api.UnableToAcquireLockException;
import io.schemasync.api.plan.MigrationPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

  /**
   * How many tenants a rollout worker thread takes at once: locked together by {@link #tryLockAll},
   * read in one catalog pass, then changed one after another. Engines that can lock many tenants in
   * one round trip (PostgreSQL: one session holding many advisory locks) return more than one; the
   * default of one keeps each tenant's lock, connection and reads separate.
   */
  default int batchSize() {
    return 1;
  }

  /**
   * Takes, without waiting, the locks of those of the tenants that no one else holds. The caller
   * runs the others on their own, through {@link #lock}, which waits. The default takes them one by
   * one.
   */
  default TenantLocks tryLockAll(Collection<TenantContext> tenants) {
    List<TenantLock> locks = new ArrayList<>();
    Set<TenantContext> held = new LinkedHashSet<>();
    TenantLock releaseAll = () -> locks.forEach(TenantLock::close);
    try {
      for (TenantContext tenant : tenants) {
        try {
          locks.add(lock(tenant, Duration.ZERO));
          held.add(tenant);
        } catch (UnableToAcquireLockException busy) {
          // another migration has it: the caller waits for it separately
        }
      }
    } catch (RuntimeException e) {
      releaseAll.close();
      throw e;
    }
    return new TenantLocks(held, releaseAll);
  }

  /**
   * Deletes the commit markers of jobs that can never resume (pruned from the control store), where
   * the runner keeps them outside the tenants, in a table of their database; markers inside a
   * tenant stay. The default keeps them all.
   */
  default void forgetMarkers(Collection<String> jobIds) {}

  /**
   * {@link #markerOf} for several tenants: those holding a marker of {@code jobId}, with the time
   * it was committed. The default asks tenant by tenant.
   */
  default Map<TenantContext, Instant> markersOf(Collection<TenantContext> tenants, String jobId) {
    Map<TenantContext, Instant> markers = new LinkedHashMap<>();
    for (TenantContext tenant : tenants) {
      markerOf(tenant, jobId).ifPresent(at -> markers.put(tenant, at));
    }
    return markers;
  }
}
