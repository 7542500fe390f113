package io.schemasync.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.Target;
import io.schemasync.api.TenantContext;
import io.schemasync.api.TenantSelection;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.PrimaryKey;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.api.rollout.JobState;
import io.schemasync.api.rollout.RolloutOptions;
import io.schemasync.api.rollout.RolloutReport;
import io.schemasync.api.rollout.RolloutTask;
import io.schemasync.api.rollout.Rollouts;
import io.schemasync.api.rollout.TaskState;
import io.schemasync.api.rollout.WorkerOptions;
import io.schemasync.spi.CommitMarker;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fleet rollouts over PostgreSQL schemas, with the control store in a SQLite file. */
class PostgresRolloutTest {
  @TempDir Path dir;
  private final List<String> tenants = new ArrayList<>();

  @AfterEach
  void dropFleet() {
    tenants.forEach(PostgresTestServer::drop);
  }

  /** The rollout tests' target: users gains a column and a unique email; audit is new. */
  static final SchemaSnapshot V2 =
      SchemaSnapshot.ofTables(
          List.of(
              new Table(
                  "users",
                  List.of(
                      Column.of("id", "integer", false),
                      Column.of("email", "character varying(100)", false),
                      Column.of("name", "text", true)),
                  new PrimaryKey("users_pkey", List.of("id")),
                  List.of(
                      new io.schemasync.api.model.UniqueConstraint(
                          "users_email_key", List.of("email"))),
                  List.of(),
                  List.of(),
                  List.of(),
                  List.of(),
                  null),
              Table.of(
                  "audit",
                  List.of(Column.of("id", "integer", false)),
                  new PrimaryKey("audit_pkey", List.of("id")))));

  private void fleet(int size) {
    createFleet(PostgresTestServer.uniqueName("roll"), size, tenants);
  }

  /**
   * Creates {@code size} schemas {@code <base>_<n>} with a two-row users table, each added to
   * {@code created} before it is made, so that a cleanup drops even a half-made fleet.
   */
  static void createFleet(String base, int size, List<String> created) {
    for (int i = 0; i < size; i++) {
      String tenant = base + "_" + i;
      created.add(tenant);
      PostgresTestServer.exec(
          "CREATE SCHEMA " + tenant,
          "CREATE TABLE " + tenant + ".users (id integer PRIMARY KEY, email varchar(100) NOT NULL)",
          "INSERT INTO " + tenant + ".users VALUES (1, 'a@x.test'), (2, 'b@x.test')");
    }
  }

  private SchemaSync engine() {
    return SchemaSync.builder()
        .url(PostgresTestServer.url())
        .target(new Target.Snapshot(V2))
        .build();
  }

  @Test
  void bringsEveryTenantToTheTargetWithACommitMarkerEach() throws Exception {
    fleet(4);
    try (SchemaSync engine = engine();
        Rollouts rollouts = engine.rollouts("jdbc:sqlite:" + dir.resolve("control.db"))) {
      RolloutReport report =
          rollouts
              .start(
                  RolloutOptions.of(TenantSelection.ids(tenants.toArray(String[]::new)))
                      .withCanary(1),
                  WorkerOptions.defaults().withParallelism(2))
              .orThrow();
      assertThat(report.count(TaskState.SUCCEEDED)).isEqualTo(4);
      for (String tenant : tenants) {
        assertThat(engine.inspect(tenant).hash()).isEqualTo(engine.target().hash());
        assertThat(engine.adapter().runner().markerOf(TenantContext.of(tenant), report.job().id()))
            .isPresent();
        assertThat(PostgresTestServer.count("SELECT count(*) FROM " + tenant + ".users"))
            .isEqualTo(2);
        assertThat(markerRows(tenant)).isEqualTo(1);
        // one table for every tenant's markers, outside them: nothing added to the tenant
        assertThat(
                PostgresTestServer.count(
                    "SELECT count(*) FROM pg_class WHERE relnamespace = '"
                        + tenant
                        + "'::regnamespace AND relname = '_schema_sync_rollout'"))
            .isZero();
      }
      assertThat(
              PostgresTestServer.count(
                  "SELECT reltoastrelid::int FROM pg_class WHERE oid = 'schemasync_control.rollout_markers'::regclass"))
          .as("bounded columns: no TOAST table")
          .isZero();
      assertThat(engine.adapter().runner().markerOf(TenantContext.of(tenants.get(0)), "other-job"))
          .isEmpty();
    }
  }

  @Test
  void aRoleThatMayNotUseTheMarkerTableKeepsTheMarkersInItsTenants() throws Exception {
    // the database's marker table exists, made by another role; this one may not create schemas
    try (Connection c = PostgresTestServer.connect()) {
      assertThat(new RolloutMarkers().shared(c)).isTrue();
    }
    String role = PostgresTestServer.uniqueName("migrator");
    fleet(2);
    PostgresTestServer.exec("CREATE ROLE " + role + " LOGIN");
    try {
      for (String tenant : tenants) {
        PostgresTestServer.exec(
            "ALTER SCHEMA " + tenant + " OWNER TO " + role,
            "ALTER TABLE " + tenant + ".users OWNER TO " + role);
      }
      try (SchemaSync engine =
              SchemaSync.builder()
                  .url(PostgresTestServer.withParameter("user", role))
                  .target(new Target.Snapshot(V2))
                  .build();
          Rollouts rollouts = engine.rollouts("jdbc:sqlite:" + dir.resolve("control.db"))) {
        RolloutReport report =
            rollouts
                .start(
                    RolloutOptions.of(TenantSelection.ids(tenants.toArray(String[]::new))),
                    WorkerOptions.defaults().withParallelism(2))
                .orThrow();
        assertThat(report.count(TaskState.SUCCEEDED)).isEqualTo(2);
        for (String tenant : tenants) {
          assertThat(
                  PostgresTestServer.count(
                      "SELECT count(*) FROM " + tenant + "._schema_sync_rollout"))
              .isEqualTo(1);
          assertThat(markerRows(tenant)).isEqualTo(1);
          // a resumed rollout finds them there
          assertThat(
                  engine.adapter().runner().markerOf(TenantContext.of(tenant), report.job().id()))
              .isPresent();
        }
      }
    } finally {
      PostgresTestServer.exec("DROP OWNED BY " + role, "DROP ROLE " + role);
    }
  }

  @Test
  void theMarkerTableIsMadeOncePerDatabaseByARoleThatMayCreateIt() throws Exception {
    String database = PostgresTestServer.uniqueName("markers");
    String role = PostgresTestServer.uniqueName("migrator");
    PostgresTestServer.createDatabase(database);
    PostgresTestServer.exec("CREATE ROLE " + role + " LOGIN");
    try {
      String url = PostgresTestServer.urlOf(database);
      String asRole = url + (url.contains("?") ? "&" : "?") + "user=" + role;
      try (Connection c = java.sql.DriverManager.getConnection(asRole)) {
        // no CREATE on the database: the markers go into the tenants' schemas
        assertThat(new RolloutMarkers().shared(c)).isFalse();
        assertThat(c.getAutoCommit()).isTrue();
      }
      try (Connection c = java.sql.DriverManager.getConnection(url)) {
        RolloutMarkers markers = new RolloutMarkers();
        assertThat(markers.shared(c)).isTrue();
        assertThat(markers.shared(c)).as("known from then on").isTrue();
        assertThat(new RolloutMarkers().shared(c)).as("found by another process").isTrue();
        // dropped by hand while known: the write fails (the tenant's change with it), and the
        // next one makes the table again
        PostgresTestServer.execIn(
            database, "DROP SCHEMA " + PostgresStoreDialect.SCHEMA + " CASCADE");
        CommitMarker marker = new CommitMarker("job", "task");
        assertThatThrownBy(() -> markers.write(c, "public", marker, null, true))
            .isInstanceOf(java.sql.SQLException.class);
        assertThat(markers.shared(c)).isTrue();
        markers.write(c, "public", marker, null, true);
        assertThat(RolloutMarkers.read(c, "public", "job")).isPresent();
      }
      assertThat(
              PostgresTestServer.queryIn(
                  database, "SELECT to_regclass('" + RolloutMarkers.SHARED + "') IS NOT NULL"))
          .isEqualTo("t");
    } finally {
      PostgresTestServer.dropDatabase(database);
      PostgresTestServer.exec("DROP ROLE " + role);
    }
  }

  @Test
  void workersShareAControlStoreInPostgres() throws Exception {
    fleet(3);
    try (SchemaSync engine = engine();
        Rollouts rollouts = engine.rollouts(PostgresTestServer.url())) {
      RolloutReport report =
          rollouts
              .start(
                  RolloutOptions.of(TenantSelection.ids(tenants.toArray(String[]::new))),
                  WorkerOptions.defaults().withParallelism(3))
              .orThrow();
      assertThat(report.count(TaskState.SUCCEEDED)).isEqualTo(3);
      assertThat(
              PostgresTestServer.count(
                  "SELECT count(*) FROM schemasync_control.rollout_tasks WHERE job_id = '"
                      + report.job().id()
                      + "' AND state = 'SUCCEEDED'"))
          .isEqualTo(3);
      assertThat(engine.tenants(TenantSelection.all()))
          .noneMatch(t -> t.id().equals(PostgresStoreDialect.SCHEMA));
      for (String tenant : tenants) {
        assertThat(engine.inspect(tenant).hash()).isEqualTo(engine.target().hash());
      }

      String id = report.job().id();
      String markers =
          "SELECT count(*) FROM " + RolloutMarkers.SHARED + " WHERE job_id = '" + id + "'";
      assertThat(PostgresTestServer.count(markers)).isEqualTo(3);
      assertThat(rollouts.prune(java.time.Duration.ofDays(1))).noneMatch(j -> j.id().equals(id));
      assertThat(PostgresTestServer.count(markers)).as("kept with their job").isEqualTo(3);
      assertThat(rollouts.prune(java.time.Duration.ZERO)).anyMatch(j -> j.id().equals(id));
      assertThat(rollouts.jobs()).noneMatch(j -> j.id().equals(id));
      assertThat(PostgresTestServer.count(markers)).as("deleted with their job").isZero();
      assertThat(
              PostgresTestServer.count(
                  "SELECT count(*) FROM schemasync_control.rollout_tasks WHERE job_id = '"
                      + id
                      + "'"))
          .isZero();
      assertThat(
              PostgresTestServer.count(
                  "SELECT count(*) FROM schemasync_control.rollout_attempts WHERE job_id = '"
                      + id
                      + "'"))
          .isZero();
    }
  }

  @Test
  void aDryRunFailureOnOneTenantStopsTheJobBeforeAnyTenantChanges() throws Exception {
    fleet(3);
    PostgresTestServer.exec("INSERT INTO " + tenants.get(1) + ".users VALUES (3, 'a@x.test')");
    try (SchemaSync engine = engine();
        Rollouts rollouts = engine.rollouts("jdbc:sqlite:" + dir.resolve("control.db"))) {
      RolloutReport report =
          rollouts.start(
              RolloutOptions.of(TenantSelection.ids(tenants.toArray(String[]::new))),
              // one thread: the three tenants are one batch, the failing one in its middle
              WorkerOptions.defaults().withParallelism(1));
      assertThat(report.job().state()).isEqualTo(JobState.DRY_RUN_FAILED);
      assertThat(report.failures())
          .extracting(RolloutTask::tenantId)
          .containsExactly(tenants.get(1));
      assertThat(report.count(TaskState.DRY_RUN_OK)).isEqualTo(2);
      for (String tenant : tenants) {
        assertThat(
                PostgresTestServer.count(
                    "SELECT count(*) FROM pg_class WHERE relnamespace = '"
                        + tenant
                        + "'::regnamespace AND relname IN ('audit', '_schema_sync_rollout')"))
            .isZero();
        assertThat(markerRows(tenant)).isZero();
      }
    }
  }

  @Test
  void withTheOnlineOptionTheGateStillMeetsTheRowsAValidationAfterTheCommitWouldFailOn()
      throws Exception {
    fleet(3);
    for (String tenant : tenants) {
      PostgresTestServer.exec(
          "ALTER TABLE " + tenant + ".users ADD COLUMN nickname text",
          "UPDATE " + tenant + ".users SET nickname = 'n' || id");
    }
    PostgresTestServer.exec("UPDATE " + tenants.get(2) + ".users SET nickname = NULL WHERE id = 2");
    SchemaSnapshot nicknameRequired =
        SchemaSnapshot.ofTables(
            List.of(
                Table.of(
                    "users",
                    List.of(
                        Column.of("id", "integer", false),
                        Column.of("email", "character varying(100)", false),
                        Column.of("nickname", "text", false)),
                    new PrimaryKey("users_pkey", List.of("id")))));
    try (SchemaSync engine =
            SchemaSync.builder()
                .url(PostgresTestServer.url())
                .property("schemasync.online", "true")
                .target(new Target.Snapshot(nicknameRequired))
                .build();
        Rollouts rollouts = engine.rollouts("jdbc:sqlite:" + dir.resolve("control.db"))) {
      RolloutReport gate =
          rollouts.start(
              RolloutOptions.of(TenantSelection.ids(tenants.toArray(String[]::new))),
              WorkerOptions.defaults().withParallelism(2));
      assertThat(gate.job().state()).isEqualTo(JobState.DRY_RUN_FAILED);
      assertThat(gate.failures()).extracting(RolloutTask::tenantId).containsExactly(tenants.get(2));
      assertThat(gate.failures().get(0).error()).contains("users holds NULL in nickname");
      assertThat(nullableNicknamesAndChecks()).isEqualTo(3);

      PostgresTestServer.exec(
          "UPDATE " + tenants.get(2) + ".users SET nickname = 'fixed' WHERE id = 2");
      rollouts.retryFailed(gate.job().id());
      RolloutReport done =
          rollouts.resume(gate.job().id(), WorkerOptions.defaults().withParallelism(2));
      assertThat(done.job().state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(nullableNicknamesAndChecks()).isZero();
      for (String tenant : tenants) {
        assertThat(engine.inspect(tenant).hash()).isEqualTo(engine.target().hash());
        // the marker follows the steps that ran after the commit
        assertThat(markerRows(tenant)).isEqualTo(1);
      }
    }
  }

  /** How many tenants still have a nullable nickname, plus every check left on their users. */
  private long nullableNicknamesAndChecks() throws Exception {
    long n = 0;
    for (String tenant : tenants) {
      n +=
          PostgresTestServer.count(
              "SELECT (SELECT count(*) FROM pg_attribute WHERE attrelid = '"
                  + tenant
                  + ".users'::regclass AND attname = 'nickname' AND NOT attnotnull)"
                  + " + (SELECT count(*) FROM pg_constraint WHERE conrelid = '"
                  + tenant
                  + ".users'::regclass AND contype = 'c')");
    }
    return n;
  }

  @Test
  void aThreadLocksAndReadsItsBatchTogetherAndRunsALockedTenantAfterItsHolder() throws Exception {
    fleet(12);
    String missing = tenants.get(0) + "_new";
    tenants.add(missing);
    try (SchemaSync engine = engine();
        Rollouts rollouts = engine.rollouts("jdbc:sqlite:" + dir.resolve("control.db"))) {
      var runner = engine.adapter().runner();
      assertThat(runner.batchSize()).isEqualTo(16);
      TenantContext busy = TenantContext.of(tenants.get(5));
      var holder = runner.lock(busy, java.time.Duration.ofSeconds(5));
      Thread release =
          new Thread(
              () -> {
                try {
                  Thread.sleep(1500);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                holder.close();
              });
      release.start();
      RolloutReport report =
          rollouts
              .start(
                  RolloutOptions.of(TenantSelection.ids(tenants.toArray(String[]::new))),
                  WorkerOptions.defaults().withParallelism(1))
              .orThrow();
      release.join();
      assertThat(report.count(TaskState.SUCCEEDED)).isEqualTo(13);
      List<TenantContext> all = tenants.stream().map(TenantContext::of).toList();
      assertThat(runner.markersOf(all, report.job().id())).containsOnlyKeys(all);
      assertThat(runner.markersOf(all, "other-job")).isEmpty();
      for (String tenant : tenants) {
        assertThat(engine.inspect(tenant).hash()).isEqualTo(engine.target().hash());
      }
      assertThat(PostgresTestServer.count("SELECT count(*) FROM " + busy.id() + ".users"))
          .isEqualTo(2);
    }
  }

  @Test
  void theDefaultPoolServesTheDefaultParallelism() throws Exception {
    fleet(40);
    try (SchemaSync engine = engine();
        Rollouts rollouts = engine.rollouts("jdbc:sqlite:" + dir.resolve("control.db"))) {
      long start = System.nanoTime();
      RolloutReport report =
          rollouts
              .start(
                  RolloutOptions.of(TenantSelection.ids(tenants.toArray(String[]::new))),
                  WorkerOptions.defaults())
              .orThrow();
      assertThat(report.count(TaskState.SUCCEEDED)).isEqualTo(40);
      // no thread waited for a pooled connection until the pool's timeout
      assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
          .isLessThan(java.time.Duration.ofSeconds(20));
    }
  }

  @Test
  void tryLockAllLeavesOutTenantsLockedElsewhereAndReleasesTheRest() {
    fleet(3);
    try (PostgresAdapter adapter = PostgresTestServer.open()) {
      var runner = adapter.runner();
      List<TenantContext> all = tenants.stream().map(TenantContext::of).toList();
      try (var other = runner.lock(all.get(1), java.time.Duration.ofSeconds(5))) {
        try (var locks = runner.tryLockAll(all)) {
          assertThat(locks.held()).containsExactlyInAnyOrder(all.get(0), all.get(2));
          try (var second = runner.tryLockAll(all)) {
            assertThat(second.held()).isEmpty();
          }
        }
        try (var again = runner.tryLockAll(all)) {
          assertThat(again.held()).containsExactlyInAnyOrder(all.get(0), all.get(2));
        }
      }
      TenantContext gone = TenantContext.of(tenants.get(0) + "_none");
      assertThat(adapter.inspector().inspectExisting(List.of(all.get(0), gone)))
          .containsOnlyKeys(all.get(0));
    }
  }

  /**
   * The rollout markers a tenant schema holds: in the database's marker table, or in its own where
   * the role could not use that one.
   */
  static long markerRows(String tenant) throws Exception {
    long rows = 0;
    if (PostgresTestServer.count(
            "SELECT count(*) FROM pg_class WHERE oid = to_regclass('"
                + RolloutMarkers.SHARED
                + "')")
        > 0) {
      rows +=
          PostgresTestServer.count(
              "SELECT count(*) FROM "
                  + RolloutMarkers.SHARED
                  + " WHERE tenant_schema = '"
                  + tenant
                  + "'");
    }
    if (PostgresTestServer.count(
            "SELECT count(*) FROM pg_class WHERE oid = to_regclass('"
                + tenant
                + "._schema_sync_rollout')")
        > 0) {
      rows += PostgresTestServer.count("SELECT count(*) FROM " + tenant + "._schema_sync_rollout");
    }
    return rows;
  }
}
