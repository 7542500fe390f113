package io.schemasync.examples;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.SyncReport;
import io.schemasync.api.Target;
import io.schemasync.api.TenantResult;
import io.schemasync.api.TenantSelection;
import java.nio.file.Path;

/**
 * An application's {@code main} that brings every tenant to the declared schema before it takes
 * traffic: build {@link SchemaSync} once, {@code sync} all tenants, and refuse to start when any
 * tenant cannot be brought there ({@link SyncReport#orThrow()}).
 *
 * <p>Run it from the repository root after {@code mvn -q -DskipTests -pl examples -am package}:
 *
 * <pre>
 * java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" \
 *     io.schemasync.examples.StartupSync jdbc:sqlite:demo/tenants examples/schema
 * </pre>
 *
 * <p>With PostgreSQL or MySQL, an application usually hands over its pool instead of a URL: {@code
 * SchemaSync.builder().dataSource(hikariDataSource)}; the adapter is then chosen by the database
 * product and the application keeps ownership of the pool.
 */
public final class StartupSync {
  private StartupSync() {}

  /**
   * Syncs every tenant at {@code url} to the schema at {@code schema}.
   *
   * @return the report, in which every tenant is APPLIED or IN_SYNC
   * @throws io.schemasync.api.SchemaSyncException when any tenant failed, or its plan was refused
   *     by the safety policy (then no tenant was changed)
   */
  public static SyncReport syncAllTenants(String url, Path schema) {
    try (SchemaSync schemaSync = SchemaSync.builder().url(url).target(Target.of(schema)).build()) {
      return schemaSync.sync(TenantSelection.all()).orThrow();
    }
  }

  /** Arguments: the tenants' JDBC URL and the schema path. */
  public static void main(String[] args) {
    String url = args.length > 0 ? args[0] : "jdbc:sqlite:demo/tenants";
    Path schema = Path.of(args.length > 1 ? args[1] : "examples/schema");
    SyncReport report = syncAllTenants(url, schema);
    for (TenantResult result : report.results()) {
      System.out.println("tenant " + result.tenant().id() + ": " + result.status());
    }
    System.out.println(
        "schema " + report.targetHash().substring(0, 12) + " everywhere; starting to serve");
  }
}
