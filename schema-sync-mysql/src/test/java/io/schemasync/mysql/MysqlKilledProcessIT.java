package io.schemasync.mysql;

import static io.schemasync.mysql.MysqlFixture.count;
import static io.schemasync.mysql.MysqlFixture.engine;
import static io.schemasync.mysql.MysqlFixture.schemaOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.TenantResult;
import io.schemasync.api.TenantSelection;
import io.schemasync.api.TenantStatus;
import io.schemasync.api.model.SchemaSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills real worker processes ({@code destroyForcibly}) in the middle of a multi-step plan, at
 * several points, then syncs again: the tenant reaches the target, no step is applied twice, and
 * nobody has to clean anything up by hand.
 */
class MysqlKilledProcessIT {
  private static final long PAUSE_MILLIS = 300;

  @Test
  void killedWorkersLeaveATenantTheNextSyncFinishesWithoutRepeatingAStep(@TempDir Path dir)
      throws Exception {
    List<String> ddl = new ArrayList<>();
    ddl.add(
        "CREATE TABLE items (id INT PRIMARY KEY, sku VARCHAR(20) NOT NULL, note VARCHAR(50) NULL)");
    for (int i = 1; i <= 5; i++) {
      ddl.add("CREATE TABLE part_" + i + " (id INT PRIMARY KEY, item_id INT NOT NULL)");
    }
    SchemaSnapshot target = schemaOf(ddl.toArray(String[]::new));
    Path targetFile = dir.resolve("target.json");
    Files.writeString(targetFile, target.toJson());

    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases()) {
      String tenant = dbs.create("killed");
      MysqlTestServer.exec(
          tenant,
          "CREATE TABLE items (id INT PRIMARY KEY, sku VARCHAR(20) NOT NULL)",
          "INSERT INTO items VALUES (1, 'a'), (2, 'b'), (3, 'c')");
      int planned;
      try (SchemaSync sync = engine(target, false)) {
        planned = sync.diff(TenantSelection.ids(tenant)).results().get(0).diff().changes().size();
      }
      assertThat(planned).isEqualTo(6);

      // 1st worker: killed while step 2 is journaled as started but has not run yet.
      killWhen(
          tenant,
          targetFile,
          dir.resolve("w1.log"),
          "SELECT COUNT(*) FROM _schema_sync_journal WHERE finished_at IS NULL AND outcome IS NULL"
              + " AND step_index = 2",
          1,
          0);
      // 2nd worker: resumes from the live schema and is killed between two steps.
      killWhen(
          tenant,
          targetFile,
          dir.resolve("w2.log"),
          "SELECT COUNT(*) FROM _schema_sync_journal WHERE outcome = 'applied'",
          3,
          0);

      long appliedBefore =
          count(tenant, "SELECT COUNT(*) FROM _schema_sync_journal WHERE outcome = 'applied'");
      assertThat(appliedBefore).isBetween(3L, 5L);
      try (SchemaSync sync = engine(target, false)) {
        TenantResult last = sync.sync(tenant);
        assertThat(last.failure()).isNull();
        assertThat(last.status()).isEqualTo(TenantStatus.APPLIED);
        assertThat(last.plan().steps()).hasSize((int) (6 - appliedBefore));
        assertThat(sync.sync(tenant).status()).isEqualTo(TenantStatus.IN_SYNC);
        assertThat(sync.diff(TenantSelection.ids(tenant)).results().get(0).diff().isEmpty())
            .isTrue();
      }
      // Every statement applied exactly once, across three processes.
      assertThat(
              count(tenant, "SELECT COUNT(*) FROM _schema_sync_journal WHERE outcome = 'applied'"))
          .isEqualTo(6);
      assertThat(
              count(
                  tenant,
                  "SELECT COUNT(DISTINCT statement_hash) FROM _schema_sync_journal"
                      + " WHERE outcome = 'applied'"))
          .isEqualTo(6);
      assertThat(
              count(
                  tenant,
                  "SELECT COUNT(*) FROM _schema_sync_journal WHERE outcome LIKE 'interrupted%'"))
          .isGreaterThanOrEqualTo(1);
      assertThat(
              count(
                  tenant,
                  "SELECT COUNT(*) FROM _schema_sync_journal WHERE finished_at IS NULL AND outcome IS NULL"))
          .isZero();
      assertThat(count(tenant, "SELECT COUNT(*) FROM items")).isEqualTo(3);
    }
  }

  /**
   * Starts a worker and kills it hard once {@code query} reaches {@code threshold} (plus a delay).
   */
  private static void killWhen(
      String tenant, Path targetFile, Path log, String query, long threshold, long extraDelayMillis)
      throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            SyncChild.class.getName(),
            MysqlTestServer.url(),
            tenant,
            targetFile.toString(),
            Long.toString(PAUSE_MILLIS));
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    Process worker = pb.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        if (!worker.isAlive()) {
          throw new AssertionError(
              "the worker ended before it was killed:\n" + Files.readString(log));
        }
        if (journalCount(tenant, query) >= threshold) {
          Thread.sleep(extraDelayMillis);
          worker.destroyForcibly();
          assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
          return;
        }
        Thread.sleep(20);
      }
      throw new AssertionError(
          "the worker never reached the kill point:\n" + Files.readString(log));
    } finally {
      worker.destroyForcibly();
    }
  }

  private static long journalCount(String tenant, String query) {
    try {
      return count(tenant, query);
    } catch (SQLException e) {
      return -1; // the journal does not exist yet
    }
  }
}
