package io.schemasync.api.rollout;

import io.schemasync.api.TenantSelection;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a new rollout covers and how it proceeds. Immutable; start from {@link #of} and adjust with
 * the {@code withX} methods.
 *
 * @param tenants the tenants the job covers, fixed when the job is created
 * @param canary run the first this-many tenants (in selection order) first; 0 for no canary wave
 * @param canaryTenants run these tenants first (instead of, or in addition to, the first K)
 * @param maxFailures stop starting tenants once this many failed; 0 for no limit
 * @param lease how long a worker's claim on a task holds without renewal (renewed every third of
 *     it); a worker that dies loses its tasks to the others after at most this long
 */
public record RolloutOptions(
    TenantSelection tenants,
    int canary,
    List<String> canaryTenants,
    int maxFailures,
    Duration lease) {
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

  public RolloutOptions {
    Objects.requireNonNull(tenants, "tenants");
    canaryTenants = List.copyOf(canaryTenants == null ? List.of() : canaryTenants);
    lease = lease == null ? DEFAULT_LEASE : lease;
    if (canary < 0) {
      throw new IllegalArgumentException("canary must not be negative, was " + canary);
    }
    if (maxFailures < 0) {
      throw new IllegalArgumentException("maxFailures must not be negative, was " + maxFailures);
    }
    if (lease.toMillis() < 100) {
      throw new IllegalArgumentException("lease must be at least 100ms, was " + lease);
    }
  }

  /** Every selected tenant in one wave, no failure limit, the default lease. */
  public static RolloutOptions of(TenantSelection tenants) {
    return new RolloutOptions(tenants, 0, List.of(), 0, null);
  }

  public RolloutOptions withCanary(int count) {
    return new RolloutOptions(tenants, count, canaryTenants, maxFailures, lease);
  }

  public RolloutOptions withCanaryTenants(List<String> ids) {
    return new RolloutOptions(tenants, canary, ids, maxFailures, lease);
  }

  public RolloutOptions withMaxFailures(int count) {
    return new RolloutOptions(tenants, canary, canaryTenants, count, lease);
  }

  public RolloutOptions withLease(Duration duration) {
    return new RolloutOptions(tenants, canary, canaryTenants, maxFailures, duration);
  }
}
