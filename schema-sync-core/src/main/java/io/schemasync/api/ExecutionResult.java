package io.schemasync.api;

import io.schemasync.api.plan.MigrationPlan;
import java.time.Duration;

/**
 * The outcome of executing a plan on one tenant.
 *
 * @param committed false for a dry run or an empty plan
 * @param resultHash hash of the tenant's schema after execution (as verified)
 */
public record ExecutionResult(
    TenantContext tenant,
    MigrationPlan plan,
    int stepsRun,
    boolean committed,
    String resultHash,
    Duration took) {}
