package io.schemasync.api;

import io.schemasync.api.plan.PolicyViolation;
import java.util.List;
import java.util.stream.Collectors;

/** A plan holds steps its policy refuses (destructive, or breaking under {@code block}). */
public class PolicyViolationException extends SchemaSyncException {
  private static final long serialVersionUID = 1L;
  private final transient List<PolicyViolation> violations;
  private final String tenant;

  public PolicyViolationException(String tenant, List<PolicyViolation> violations) {
    super(
        "tenant "
            + tenant
            + ": plan refused by policy, nothing was changed:\n"
            + violations.stream()
                .map(
                    v ->
                        "  step "
                            + v.step()
                            + " ["
                            + v.safety()
                            + "] "
                            + v.message()
                            + " — "
                            + v.remedy())
                .collect(Collectors.joining("\n")));
    this.tenant = tenant;
    this.violations = List.copyOf(violations);
  }

  public String tenant() {
    return tenant;
  }

  public List<PolicyViolation> violations() {
    return violations;
  }

  @Override
  public ErrorCategory category() {
    return ErrorCategory.POLICY;
  }
}
