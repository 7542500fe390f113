package io.schemasync.postgres;

import java.util.Locale;
import java.util.Map;

/**
 * How tenants map to the server, from the connection properties (or URL parameters):
 *
 * <ul>
 *   <li>{@code schemasync.tenancy} — {@code schema} (default: a tenant is a schema of the URL's
 *       database) or {@code database} (a tenant is a database of the server);
 *   <li>{@code schemasync.tenantSchema} — with {@code database}, the schema holding every tenant's
 *       objects in its database (default {@code public});
 *   <li>{@code schemasync.databasePools} — with {@code database}, how many per-database connection
 *       pools stay open at most, least recently used closed first (default 8).
 * </ul>
 */
record TenancySettings(boolean databases, String tenantSchema, int databasePools) {
  static final String TENANCY = RunnerSettings.PREFIX + "tenancy";
  static final TenancySettings DEFAULT = new TenancySettings(false, "public", 8);

  TenancySettings {
    if (tenantSchema == null
        || tenantSchema.isBlank()
        || tenantSchema.indexOf('\0') >= 0
        || PgNames.utf8Length(tenantSchema) > PgNames.MAX_BYTES) {
      throw new IllegalArgumentException(
          RunnerSettings.PREFIX
              + "tenantSchema must name a schema (at most "
              + PgNames.MAX_BYTES
              + " bytes), was '"
              + tenantSchema
              + "'");
    }
    if (databasePools < 1 || databasePools > 1000) {
      throw new IllegalArgumentException(
          RunnerSettings.PREFIX + "databasePools must be 1..1000, was " + databasePools);
    }
  }

  static TenancySettings from(Map<String, String> properties) {
    String tenancy = properties.getOrDefault(TENANCY, "schema").toLowerCase(Locale.ROOT);
    if (!tenancy.equals("schema") && !tenancy.equals("database")) {
      throw new IllegalArgumentException(
          TENANCY
              + " must be schema (a tenant per schema) or database (a tenant per database),"
              + " was '"
              + tenancy
              + "'");
    }
    try {
      return new TenancySettings(
          tenancy.equals("database"),
          properties.getOrDefault(RunnerSettings.PREFIX + "tenantSchema", "public"),
          Integer.parseInt(properties.getOrDefault(RunnerSettings.PREFIX + "databasePools", "8")));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          RunnerSettings.PREFIX + "databasePools is not a number: " + e.getMessage());
    }
  }
}
