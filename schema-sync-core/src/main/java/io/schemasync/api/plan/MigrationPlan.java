package io.schemasync.api.plan;

import io.schemasync.api.TenantContext;
import java.util.List;
import java.util.Objects;

/**
 * The ordered steps that bring one tenant from its current schema to the target, with warnings and
 * the steps the policy refuses. A plan is a value: it runs nothing by itself.
 *
 * @param fromHash hash of the snapshot the plan was made against; execution re-checks it
 * @param targetHash hash of the target the plan leads to
 */
public record MigrationPlan(
    TenantContext tenant,
    String fromHash,
    String targetHash,
    List<MigrationStep> steps,
    List<String> warnings,
    List<PolicyViolation> violations) {

  public MigrationPlan {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(fromHash, "fromHash");
    Objects.requireNonNull(targetHash, "targetHash");
    steps = List.copyOf(steps);
    warnings = List.copyOf(warnings);
    violations = List.copyOf(violations);
  }

  public boolean isEmpty() {
    return steps.isEmpty();
  }

  /** True when the policy allows every step. */
  public boolean isAllowed() {
    return violations.isEmpty();
  }

  /** The worst safety class of any step; SAFE for an empty plan. */
  public Safety maxSafety() {
    return steps.stream().map(MigrationStep::safety).reduce(Safety.SAFE, Safety::max);
  }

  /** True when some step takes locks or can fail on data: plan a maintenance window. */
  public boolean requiresDowntime() {
    return maxSafety().compareTo(Safety.LOCKING) >= 0;
  }

  /** Every statement of every step, in order. */
  public List<String> statements() {
    return steps.stream().flatMap(s -> s.statements().stream()).toList();
  }
}
