package io.schemasync.api.rollout;

import io.schemasync.api.SchemaSyncException;
import java.util.stream.Collectors;

/** A rollout that did not bring every tenant to the target: names the failed tenants and why. */
public final class RolloutFailedException extends SchemaSyncException {
  private static final long serialVersionUID = 1L;
  private final transient RolloutReport report;

  public RolloutFailedException(RolloutReport report) {
    super(describe(report));
    this.report = report;
  }

  public RolloutReport report() {
    return report;
  }

  @Override
  public ErrorCategory category() {
    return report.refusedByPolicy() ? ErrorCategory.POLICY : ErrorCategory.DATABASE;
  }

  private static String describe(RolloutReport report) {
    RolloutJob job = report.job();
    String failures =
        report.failures().stream()
            .limit(10)
            .map(t -> t.tenantId() + ": " + t.error())
            .collect(Collectors.joining("; "));
    return "rollout "
        + job.id()
        + " ended "
        + job.state()
        + (job.message() == null ? "" : " (" + job.message() + ")")
        + (failures.isEmpty() ? "" : "; " + failures)
        + "; see 'schema-sync rollout status "
        + job.id()
        + "'";
  }
}
