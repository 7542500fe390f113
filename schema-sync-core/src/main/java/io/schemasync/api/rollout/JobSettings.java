package io.schemasync.api.rollout;

import io.schemasync.api.plan.PlanPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * What a job was started with and every worker that joins it obeys.
 *
 * @param lastWave the highest wave number: 0 without canary, 1 with one (canary = wave 0)
 * @param maxFailures stop claiming tenants after this many failed; 0 for no limit
 * @param lease how long a claimed task stays with a worker that stops renewing it
 * @param policy the plan policy every tenant's plan is checked against
 */
public record JobSettings(int lastWave, int maxFailures, Duration lease, PlanPolicy policy) {
  public JobSettings {
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(policy, "policy");
    if (lastWave < 0 || maxFailures < 0) {
      throw new IllegalArgumentException("lastWave and maxFailures must not be negative");
    }
    if (lease.toMillis() < 100) {
      throw new IllegalArgumentException("lease must be at least 100ms, was " + lease);
    }
  }
}
