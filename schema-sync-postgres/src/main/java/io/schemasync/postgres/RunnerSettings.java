package io.schemasync.postgres;

import java.time.Duration;
import java.util.Map;

/**
 * The adapter's own settings, read from connection properties prefixed {@code schemasync.} (which
 * are never passed to the driver):
 *
 * <ul>
 *   <li>{@code schemasync.online} — build indexes CONCURRENTLY, add constraints NOT VALID and set
 *       NOT NULL through a validated check on existing tables (default false);
 *   <li>{@code schemasync.ddlLockTimeout} — milliseconds one DDL statement may wait for a table
 *       lock before it gives up and is retried (default 2000);
 *   <li>{@code schemasync.ddlAttempts} — how often a statement is tried before the run fails
 *       (default 5);
 *   <li>{@code schemasync.poolSize} — connections in the adapter's own pool (default 4);
 *   <li>{@code schemasync.extensionSchema} — the schema {@code CREATE EXTENSION} puts a missing
 *       extension's objects in (default {@code public}): never a tenant's, because an extension
 *       belongs to the whole database and every tenant uses the same one.
 * </ul>
 */
record RunnerSettings(
    boolean online,
    Duration ddlLockTimeout,
    int maxAttempts,
    int poolSize,
    String extensionSchema,
    int rolloutBatch) {
  static final String PREFIX = "schemasync.";
  static final RunnerSettings DEFAULT =
      new RunnerSettings(false, Duration.ofSeconds(2), 5, 4, "public", 16);

  RunnerSettings {
    if (ddlLockTimeout.isNegative() || ddlLockTimeout.isZero()) {
      throw new IllegalArgumentException(
          PREFIX
              + "ddlLockTimeout must be positive (milliseconds), was "
              + ddlLockTimeout.toMillis());
    }
    if (maxAttempts < 1 || maxAttempts > 100) {
      throw new IllegalArgumentException(PREFIX + "ddlAttempts must be 1..100, was " + maxAttempts);
    }
    if (extensionSchema == null
        || extensionSchema.isBlank()
        || PgNames.utf8Length(extensionSchema) > PgNames.MAX_BYTES
        || extensionSchema.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          PREFIX
              + "extensionSchema must name a schema (at most "
              + PgNames.MAX_BYTES
              + " bytes), was '"
              + extensionSchema
              + "'");
    }
    if (rolloutBatch < 1 || rolloutBatch > CatalogQueries.FEW_SCHEMAS) {
      throw new IllegalArgumentException(
          PREFIX
              + "rolloutBatch must be 1.."
              + CatalogQueries.FEW_SCHEMAS
              + " (tenants a rollout thread locks and reads at once), was "
              + rolloutBatch);
    }
    if (poolSize < 2 || poolSize > 100) {
      throw new IllegalArgumentException(
          PREFIX
              + "poolSize must be 2..100 (one connection holds the tenant lock), was "
              + poolSize);
    }
  }

  static RunnerSettings from(Map<String, String> properties) {
    try {
      return new RunnerSettings(
          Boolean.parseBoolean(properties.getOrDefault(PREFIX + "online", "false")),
          Duration.ofMillis(
              Long.parseLong(properties.getOrDefault(PREFIX + "ddlLockTimeout", "2000"))),
          Integer.parseInt(properties.getOrDefault(PREFIX + "ddlAttempts", "5")),
          Integer.parseInt(properties.getOrDefault(PREFIX + "poolSize", "4")),
          properties.getOrDefault(PREFIX + "extensionSchema", "public"),
          Integer.parseInt(properties.getOrDefault(PREFIX + "rolloutBatch", "16")));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "a " + PREFIX + "* property is not a number: " + e.getMessage());
    }
  }

  /** Exponential backoff with jitter, capped at two seconds. */
  Duration backoff(int attempt) {
    long base = Math.min(2000, 100L << Math.min(attempt, 5));
    return Duration.ofMillis(base / 2 + (long) (Math.random() * base / 2));
  }
}
