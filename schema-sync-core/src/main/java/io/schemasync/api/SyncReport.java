package io.schemasync.api;

import java.util.List;
import java.util.Objects;

/**
 * The per-tenant results of one operation over a selection of tenants, and the overall outcome.
 *
 * @param targetHash hash of the resolved target, null for an audit without target
 */
public record SyncReport(
    Operation operation, String target, String targetHash, List<TenantResult> results) {
  public SyncReport {
    Objects.requireNonNull(operation, "operation");
    results = List.copyOf(results);
  }

  /** The worst outcome over all tenants; {@link Outcome#OK} for an empty selection. */
  public Outcome outcome() {
    Outcome worst = Outcome.OK;
    for (TenantResult result : results) {
      Outcome o =
          switch (result.status()) {
            case IN_SYNC, INSPECTED, PLANNED, APPLIED, SKIPPED -> Outcome.OK;
            case DRIFT -> Outcome.DRIFT;
            case REFUSED -> Outcome.REFUSED;
            case FAILED ->
                result.failure() != null
                        && result.failure().category()
                            == SchemaSyncException.ErrorCategory.INVALID_INPUT
                    ? Outcome.INVALID_INPUT
                    : Outcome.FAILED;
          };
      worst = o.compareTo(worst) > 0 ? o : worst;
    }
    return worst;
  }

  public long count(TenantStatus status) {
    return results.stream().filter(r -> r.status() == status).count();
  }

  /**
   * Throws the first failure, or a {@link PolicyViolationException} when refused: what an
   * application calling {@code sync} at startup wants before it takes traffic.
   */
  public SyncReport orThrow() {
    for (TenantResult result : results) {
      if (result.failure() != null) {
        throw result.failure();
      }
    }
    return this;
  }

  /** The operations the engine offers. */
  public enum Operation {
    INSPECT,
    DIFF,
    PLAN,
    SYNC,
    VALIDATE,
    AUDIT
  }

  /** The overall result, ordered from best to worst; the CLI maps it to exit codes 0..4. */
  public enum Outcome {
    OK,
    DRIFT,
    INVALID_INPUT,
    REFUSED,
    FAILED
  }
}
