package io.schemasync.spi;

import java.util.Objects;

/**
 * Asks a runner to record, inside the tenant and in the same transaction as the change (or as the
 * last journaled step where DDL is not transactional), that this rollout task committed. After a
 * crash the marker tells a resumed rollout whether the tenant's change is already in.
 *
 * <p>Runners write it into {@link #TABLE} (job id, task id, target hash, commit time) in the
 * tenant, or where many tenants share a database, into one table of the database outside every
 * tenant (PostgreSQL: {@code schemasync_control.rollout_markers}); inspectors never report either.
 *
 * @param jobId the rollout job
 * @param taskId the task of that job for this tenant
 */
public record CommitMarker(String jobId, String taskId) {
  /** The bookkeeping table a runner keeps the markers in, inside a tenant. */
  public static final String TABLE = "_schema_sync_rollout";

  public CommitMarker {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(taskId, "taskId");
  }
}
