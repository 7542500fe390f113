package io.schemasync.api.rollout;

import java.time.Instant;
import java.util.Objects;

/**
 * A rollout job as its control store holds it.
 *
 * @param id unique id, e.g. {@code r20261121-084502-3fa1}
 * @param target the target as the user gave it (a path, {@code tenant:ID}, ...)
 * @param targetHash hash of the resolved target snapshot the job brings tenants to
 * @param url the tenants' JDBC URL, password masked
 * @param wave the wave whose tasks may run now (0 = canary when there is one)
 * @param message why the job stopped, for failed, refused and cancelled jobs; null otherwise
 */
public record RolloutJob(
    String id,
    JobState state,
    String target,
    String targetHash,
    String url,
    JobSettings settings,
    int wave,
    Instant createdAt,
    Instant updatedAt,
    String message) {
  public RolloutJob {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(settings, "settings");
  }
}
