package io.schemasync.postgres;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
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

  private static final SchemaSnapshot V2 =
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
    String base = PostgresTestServer.uniqueName("roll");
    for (int i = 0; i < size; i++) {
      String tenant = base + "_" + i;
      tenants.add(tenant);
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
        assertThat(count("SELECT count(*) FROM " + tenant + ".users")).isEqualTo(2);
      }
      assertThat(engine.adapter().runner().markerOf(TenantContext.of(tenants.get(0)), "other-job"))
          .isEmpty();
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
              count(
                  "SELECT count(*) FROM schemasync_control.rollout_tasks WHERE job_id = '"
                      + report.job().id()
                      + "' AND state = 'SUCCEEDED'"))
          .isEqualTo(3);
      assertThat(engine.tenants(TenantSelection.all()))
          .noneMatch(t -> t.id().equals(PostgresStoreDialect.SCHEMA));
      for (String tenant : tenants) {
        assertThat(engine.inspect(tenant).hash()).isEqualTo(engine.target().hash());
      }
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
              WorkerOptions.defaults());
      assertThat(report.job().state()).isEqualTo(JobState.DRY_RUN_FAILED);
      assertThat(report.failures())
          .extracting(RolloutTask::tenantId)
          .containsExactly(tenants.get(1));
      for (String tenant : tenants) {
        assertThat(
                count(
                    "SELECT count(*) FROM pg_class WHERE relnamespace = '"
                        + tenant
                        + "'::regnamespace AND relname IN ('audit', '_schema_sync_rollout')"))
            .isZero();
      }
    }
  }

  private static long count(String sql) throws Exception {
    try (Connection c = PostgresTestServer.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
