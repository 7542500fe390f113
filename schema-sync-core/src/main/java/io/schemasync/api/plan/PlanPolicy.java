package io.schemasync.api.plan;

import java.util.Objects;

/**
 * What a plan may do: whether destructive steps are allowed and how breaking steps are treated.
 * Immutable; the default refuses destructive steps and runs breaking ones with a warning (the dry
 * run catches those that fail on the data at hand): an application that syncs at startup should not
 * refuse to start over a new unique index. The command line is stricter on purpose and blocks
 * breaking steps unless {@code --breaking warn} is given, because there a person can decide.
 */
public record PlanPolicy(boolean allowDestructive, BreakingPolicy breaking) {
  public static final PlanPolicy DEFAULT = new PlanPolicy(false, BreakingPolicy.WARN);

  public PlanPolicy {
    Objects.requireNonNull(breaking, "breaking");
  }

  public PlanPolicy withAllowDestructive(boolean allow) {
    return new PlanPolicy(allow, breaking);
  }

  public PlanPolicy withBreaking(BreakingPolicy policy) {
    return new PlanPolicy(allowDestructive, policy);
  }

  /** How a breaking step is treated. */
  public enum BreakingPolicy {
    /** Refuse the plan. */
    BLOCK,
    /** Run it, with a warning in the plan. */
    WARN
  }
}
