package io.schemasync.api;

import io.schemasync.api.change.SchemaDiff;
import io.schemasync.api.plan.MigrationPlan;

/**
 * The outcome of an operation on one tenant. Fields that the operation did not produce are null (no
 * plan for {@code validate}, no execution for {@code plan}).
 *
 * @param currentHash hash of the tenant's schema as inspected before any change
 * @param failure the error for FAILED and REFUSED tenants, null otherwise
 */
public record TenantResult(
    TenantContext tenant,
    TenantStatus status,
    String currentHash,
    SchemaDiff diff,
    MigrationPlan plan,
    ExecutionResult execution,
    SchemaSyncException failure) {

  public boolean isFailure() {
    return status == TenantStatus.FAILED;
  }

  TenantResult withStatus(TenantStatus newStatus, SchemaSyncException newFailure) {
    return new TenantResult(tenant, newStatus, currentHash, diff, plan, execution, newFailure);
  }
}
