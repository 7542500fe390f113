package io.schemasync.mysql;

import static io.schemasync.mysql.MysqlFixture.count;
import static io.schemasync.mysql.MysqlFixture.schemaOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.Target;
import io.schemasync.api.TenantSelection;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.rollout.JobState;
import io.schemasync.api.rollout.RolloutOptions;
import io.schemasync.api.rollout.RolloutReport;
import io.schemasync.api.rollout.RolloutTask;
import io.schemasync.api.rollout.Rollouts;
import io.schemasync.api.rollout.TaskState;
import io.schemasync.api.rollout.WorkerOptions;
import io.schemasync.testsupport.contract.AsDeclared;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fleet rollouts over MySQL tenants, with the control store in a SQLite file. */
class MysqlRolloutIT {
  static final String V1 = "CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(100) NOT NULL)";
  static final String[] V2 = {
    "CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(100) NOT NULL, name VARCHAR(50) NULL,"
        + " UNIQUE KEY uq_email (email))",
    "CREATE TABLE audit (id INT PRIMARY KEY, at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6))"
  };

  @TempDir Path dir;

  @Test
  void aDryRunFailureOnOneTenantStopsTheJobBeforeAnyTenantChanges() throws Exception {
    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases()) {
      List<String> tenants = fleet(dbs, "rdry", 5);
      MysqlTestServer.exec(tenants.get(3), "INSERT INTO users VALUES (3, 'a@x.test')"); // duplicate
      try (SchemaSync engine = engine(schemaOf(V2));
          Rollouts rollouts = engine.rollouts("jdbc:sqlite:" + dir.resolve("control.db"))) {
        RolloutReport report =
            rollouts.start(RolloutOptions.of(selection(tenants)), WorkerOptions.defaults());
        assertThat(report.job().state()).isEqualTo(JobState.DRY_RUN_FAILED);
        assertThat(report.failures())
            .extracting(RolloutTask::tenantId)
            .containsExactly(tenants.get(3));
        assertThat(report.failures().get(0).error()).contains("Duplicate entry");
        for (String tenant : tenants) {
          assertThat(
                  count(
                      tenant,
                      "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA"
                          + " = DATABASE() AND TABLE_NAME IN ('audit', '_schema_sync_rollout')"))
              .isZero();
        }
      }
    }
  }

  @Test
  void bringsEveryTenantToTheTargetWithACommitMarkerEach() throws Exception {
    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases()) {
      List<String> tenants = fleet(dbs, "rok", 6);
      try (SchemaSync engine = engine(schemaOf(V2));
          Rollouts rollouts = engine.rollouts("jdbc:sqlite:" + dir.resolve("control.db"))) {
        RolloutReport report =
            rollouts
                .start(
                    RolloutOptions.of(selection(tenants)).withCanary(1),
                    WorkerOptions.defaults().withParallelism(3))
                .orThrow();
        assertThat(report.count(TaskState.SUCCEEDED)).isEqualTo(6);
        for (String tenant : tenants) {
          assertThat(AsDeclared.of(engine.inspect(tenant), engine.target()).hash())
              .isEqualTo(engine.target().hash());
          assertThat(
                  engine
                      .adapter()
                      .runner()
                      .markerOf(engine.adapter().tenant(tenant), report.job().id()))
              .isPresent();
          assertThat(count(tenant, "SELECT COUNT(*) FROM users")).isEqualTo(2);
        }
      }
    }
  }

  @Test
  void moreThreadsThanTheDefaultPoolServesStillFindConnections() throws Exception {
    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases()) {
      List<String> tenants = fleet(dbs, "rpool", 16);
      try (SchemaSync engine = engine(schemaOf(V2));
          Rollouts rollouts = engine.rollouts("jdbc:sqlite:" + dir.resolve("control.db"))) {
        long start = System.nanoTime();
        // eight threads each hold a GET_LOCK connection and one or two working ones: more than
        // the pool's 10
        RolloutReport report =
            rollouts
                .start(
                    RolloutOptions.of(selection(tenants)),
                    WorkerOptions.defaults().withParallelism(8))
                .orThrow();
        assertThat(report.count(TaskState.SUCCEEDED)).isEqualTo(16);
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
            .as("no thread waited out the pool's connection timeout")
            .isLessThan(java.time.Duration.ofSeconds(20));
      }
    }
  }

  private static List<String> fleet(MysqlTestServer.Databases dbs, String prefix, int size)
      throws Exception {
    String base = MysqlTestServer.uniqueName(prefix);
    List<String> tenants = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      String tenant = dbs.reserve(base + "_" + i);
      MysqlTestServer.exec(null, "CREATE DATABASE " + MysqlNames.quote(tenant));
      MysqlTestServer.exec(tenant, V1, "INSERT INTO users VALUES (1, 'a@x.test'), (2, 'b@x.test')");
      tenants.add(tenant);
    }
    return tenants;
  }

  private static TenantSelection selection(List<String> tenants) {
    return TenantSelection.ids(tenants.toArray(String[]::new));
  }

  private static SchemaSync engine(SchemaSnapshot target) {
    return SchemaSync.builder()
        .url(MysqlTestServer.url())
        .target(new Target.Snapshot(target))
        .build();
  }
}
