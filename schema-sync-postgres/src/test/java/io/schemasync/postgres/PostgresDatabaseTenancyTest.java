package io.schemasync.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.schemasync.api.InvalidTenantException;
import io.schemasync.api.SchemaSync;
import io.schemasync.api.SyncReport;
import io.schemasync.api.Target;
import io.schemasync.api.TenantContext;
import io.schemasync.api.TenantResult;
import io.schemasync.api.TenantSelection;
import io.schemasync.api.TenantStatus;
import io.schemasync.api.UnableToAcquireLockException;
import io.schemasync.api.rollout.RolloutOptions;
import io.schemasync.api.rollout.RolloutReport;
import io.schemasync.api.rollout.Rollouts;
import io.schemasync.api.rollout.TaskState;
import io.schemasync.api.rollout.WorkerOptions;
import io.schemasync.internal.diff.DefaultDiffCalculator;
import io.schemasync.spi.ConnectionSettings;
import io.schemasync.spi.TenantLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Database-per-tenant ({@code schemasync.tenancy=database}): the databases of a server are the
 * tenants, each with its objects in {@code public}, read with the same catalog queries one database
 * at a time through a bounded set of pools. Runs on throwaway databases.
 */
class PostgresDatabaseTenancyTest {
  private static final String RELEASE_1 =
      """
      tables:
        - name: accounts
          columns:
            - {name: id, type: integer, primaryKey: true}
            - {name: email, type: varchar(100), unique: true}
          indexes:
            - {name: accounts_email_lower, columns: [{expression: lower(email)}]}
      views:
        - name: account_emails
          definition: SELECT email FROM accounts
      """;

  private static final String RELEASE_2 =
      RELEASE_1.replace(
          "      - {name: email, type: varchar(100), unique: true}\n",
          "      - {name: email, type: varchar(100), unique: true}\n"
              + "      - {name: note, type: text, nullable: true}\n");

  @TempDir Path dir;
  private final String prefix = PostgresTestServer.uniqueName("dbt");
  private final List<String> databases = List.of(prefix + "_a", prefix + "_b", prefix + "_c");
  private PostgresAdapter adapter;

  @BeforeEach
  void setUp() {
    PostgresTestServer.url();
    databases.forEach(PostgresTestServer::createDatabase);
    // the tenancy as a URL parameter, the pool bound as a property: both spellings work
    String url = PostgresTestServer.urlOf("").replace("?", "?schemasync.tenancy=database&");
    adapter =
        (PostgresAdapter)
            new PostgresAdapterProvider()
                .open(
                    new ConnectionSettings(
                        url, null, null, Map.of("schemasync.databasePools", "2"), null));
  }

  @AfterEach
  void tearDown() {
    String scratch = adapter == null ? null : adapter.scratch().scratchDatabaseName();
    if (adapter != null) {
      adapter.close();
    }
    databases.forEach(PostgresTestServer::dropDatabase);
    if (scratch != null) {
      assertThat(
              PostgresTestServer.query(
                  "SELECT count(*) FROM pg_database WHERE datname = '" + scratch + "'"))
          .as("the scratch database is dropped with the adapter")
          .isEqualTo("0");
    }
  }

  private SchemaSync engine(String yaml) throws Exception {
    Path file = dir.resolve("schema-" + Integer.toHexString(yaml.hashCode()) + ".yaml");
    Files.writeString(file, yaml);
    return SchemaSync.builder().adapter(adapter).target(new Target.SchemaFile(file)).build();
  }

  @Test
  void aRolloutKeepsEachDatabasesMarkersInThatDatabase() throws Exception {
    TenantSelection mine = TenantSelection.glob(prefix + "_*");
    try (SchemaSync sync = engine(RELEASE_1);
        Rollouts rollouts = sync.rollouts("jdbc:sqlite:" + dir.resolve("control.db"))) {
      RolloutReport report =
          rollouts.start(RolloutOptions.of(mine), WorkerOptions.defaults()).orThrow();
      assertThat(report.count(TaskState.SUCCEEDED)).isEqualTo(databases.size());
      for (String database : databases) {
        assertThat(
                PostgresTestServer.queryIn(
                    database,
                    "SELECT count(*) FROM "
                        + RolloutMarkers.SHARED
                        + " WHERE job_id = '"
                        + report.job().id()
                        + "' AND tenant_schema = 'public'"))
            .as(database)
            .isEqualTo("1");
        assertThat(adapter.runner().markerOf(TenantContext.of(database), report.job().id()))
            .isPresent();
      }
      // the markers' schema is no part of a tenant
      assertThat(sync.validate(mine).outcome()).isEqualTo(SyncReport.Outcome.OK);
    }
  }

  @Test
  void everyDatabaseIsATenantAndConverges() throws Exception {
    List<String> listed =
        adapter.inspector().listTenants().stream().map(TenantContext::id).toList();
    assertThat(listed).containsAll(databases).doesNotContain("template0", "template1", "postgres");
    assertThatThrownBy(() -> adapter.tenant("template1"))
        .isInstanceOf(InvalidTenantException.class);

    TenantSelection mine = TenantSelection.glob(prefix + "_*");
    try (SchemaSync sync = engine(RELEASE_1)) {
      SyncReport first = sync.sync(mine);
      assertThat(first.results())
          .extracting(TenantResult::tenant)
          .extracting(TenantContext::id)
          .containsExactlyElementsOf(databases);
      assertThat(first.results()).allMatch(r -> r.status() == TenantStatus.APPLIED, "applied");
      assertThat(first.results().get(0).plan().statements())
          .as("objects in the fixed schema of each database")
          .anyMatch(sql -> sql.startsWith("CREATE TABLE \"public\".\"accounts\""));
      for (TenantContext tenant :
          adapter
              .inspector()
              .inspectAll(databases.stream().map(TenantContext::of).toList())
              .keySet()) {
        assertThat(
                new DefaultDiffCalculator().diff(sync.inspect(tenant.id()), sync.target()).render())
            .isEmpty();
      }
      assertThat(sync.sync(mine).results())
          .allMatch(r -> r.status() == TenantStatus.IN_SYNC && r.plan().steps().isEmpty());
    }
    assertThat(((DatabaseTenancy) adapter.tenancy()).openPools())
        .as("pools beyond schemasync.databasePools are closed once idle")
        .isLessThanOrEqualTo(2);

    PostgresTestServer.execIn(
        databases.get(1), "INSERT INTO accounts (id, email) VALUES (1, 'a@x'), (2, 'b@x')");
    try (SchemaSync sync = engine(RELEASE_2)) {
      assertThat(sync.sync(mine).results())
          .allMatch(r -> r.status() == TenantStatus.APPLIED, "applied");
      assertThat(sync.validate(mine).outcome()).isEqualTo(SyncReport.Outcome.OK);
    }
    assertThat(PostgresTestServer.queryIn(databases.get(1), "SELECT count(*) FROM accounts"))
        .isEqualTo("2");
  }

  @Test
  void locksAreKeyedByDatabaseAndSchema() {
    TenantContext a = adapter.tenant(databases.get(0));
    TenantContext b = adapter.tenant(databases.get(1));
    try (TenantLock held = adapter.runner().lock(a, Duration.ofSeconds(5))) {
      try (TenantLock other = adapter.runner().lock(b, Duration.ofMillis(500))) {
        assertThat(other).as("another database's public is another tenant").isNotNull();
      }
      assertThatThrownBy(() -> adapter.runner().lock(a, Duration.ofMillis(300)))
          .isInstanceOf(UnableToAcquireLockException.class);
    }
  }

  @Test
  void aMissingDatabaseIsNamed() {
    TenantContext missing = adapter.tenant(prefix + "_nope");
    assertThat(adapter.inspector().exists(missing)).isFalse();
    assertThatThrownBy(() -> adapter.inspector().inspect(missing))
        .isInstanceOf(InvalidTenantException.class)
        .hasMessageContaining("no such database");
  }
}
