package io.schemasync.mysql;

import static io.schemasync.mysql.MysqlFixture.count;
import static io.schemasync.mysql.MysqlFixture.engine;
import static io.schemasync.mysql.MysqlFixture.schemaOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.schemasync.api.InvalidTargetException;
import io.schemasync.api.SchemaSync;
import io.schemasync.api.Target;
import io.schemasync.api.TenantContext;
import io.schemasync.api.TenantResult;
import io.schemasync.api.TenantSelection;
import io.schemasync.api.TenantStatus;
import io.schemasync.api.UnableToAcquireLockException;
import io.schemasync.api.UnableToExecuteStatementException;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.plan.MigrationPlan;
import io.schemasync.api.plan.MigrationStep;
import io.schemasync.api.plan.PlanPolicy;
import io.schemasync.internal.diff.DefaultDiffCalculator;
import io.schemasync.internal.execute.DefaultExecutor;
import io.schemasync.internal.plan.DefaultPlanner;
import io.schemasync.spi.CommitMarker;
import io.schemasync.spi.RunOptions;
import io.schemasync.spi.StepListener;
import io.schemasync.spi.TenantLock;
import io.schemasync.testsupport.contract.AsDeclared;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures, locks, dry runs, SQL targets and read-only audits against the real server. */
class MysqlRunnerIT {
  static final String BASE = "CREATE TABLE items (id INT PRIMARY KEY, sku VARCHAR(20) NOT NULL)";

  @Test
  void aStepThatFailsOnTheServerNamesTenantStepAndStatementAndTheJournalShowsWhere()
      throws Exception {
    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases()) {
      String tenant = dbs.create("fail");
      MysqlTestServer.exec(tenant, BASE, "INSERT INTO items VALUES (1, 'dup'), (2, 'dup')");
      SchemaSnapshot target =
          schemaOf(
              "CREATE TABLE items (id INT PRIMARY KEY, sku VARCHAR(20) NOT NULL, UNIQUE KEY uq_sku (sku))",
              "CREATE TABLE audit_log (id INT PRIMARY KEY)");
      try (SchemaSync sync = engine(target, false)) {
        // The rehearsal runs on a scratch copy with the tenant's rows: it finds the duplicates.
        TenantResult rehearsal = sync.plan(TenantSelection.ids(tenant)).results().get(0);
        assertThat(rehearsal.status()).isEqualTo(TenantStatus.FAILED);
        assertThat(rehearsal.failure())
            .hasMessageContaining("dry run: step 2 of 2")
            .hasMessageContaining("Duplicate entry")
            .hasMessageContaining("the tenant was not changed");
        assertThat(
                count(
                    tenant,
                    "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA ="
                        + " DATABASE()"))
            .isEqualTo(1);

        TenantResult result = sync.sync(tenant);
        assertThat(result.status()).isEqualTo(TenantStatus.FAILED);
        assertThat(result.failure())
            .isInstanceOf(UnableToExecuteStatementException.class)
            .hasMessageContaining("tenant " + tenant)
            .hasMessageContaining("step 2 of 2")
            .hasMessageContaining("ADD UNIQUE KEY `uq_sku`")
            .hasMessageContaining("Duplicate entry")
            .hasMessageContaining("_schema_sync_journal");
      }
      assertThat(
              count(tenant, "SELECT COUNT(*) FROM _schema_sync_journal WHERE outcome = 'applied'"))
          .isEqualTo(1);
      assertThat(
              count(
                  tenant,
                  "SELECT COUNT(*) FROM _schema_sync_journal WHERE step_index = 2"
                      + " AND outcome LIKE 'failed: Duplicate entry%' AND finished_at IS NULL"))
          .isEqualTo(1);
      // Fix the data: the next sync plans only what is missing and finishes.
      MysqlTestServer.exec(tenant, "UPDATE items SET sku = 'other' WHERE id = 2");
      try (SchemaSync sync = engine(target, false)) {
        TenantResult result = sync.sync(tenant);
        assertThat(result.failure()).isNull();
        assertThat(result.plan().steps()).hasSize(1);
        assertThat(sync.sync(tenant).status()).isEqualTo(TenantStatus.IN_SYNC);
      }
    }
  }

  @Test
  void droppingTheUniqueKeyInnoDbClustersAKeylessTableOnIsALockingCopyThatConverges()
      throws Exception {
    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases()) {
      String tenant = dbs.create("clust");
      MysqlTestServer.exec(
          tenant,
          "CREATE TABLE tags (id INT NOT NULL, label VARCHAR(20), UNIQUE KEY uq_id (id))",
          "INSERT INTO tags VALUES (1, 'a'), (2, 'b')");
      SchemaSnapshot target = schemaOf("CREATE TABLE tags (id INT NOT NULL, label VARCHAR(20))");
      try (SchemaSync sync = engine(target, true)) {
        TenantResult result = sync.sync(tenant);
        assertThat(result.failure()).isNull();
        assertThat(result.status()).isEqualTo(TenantStatus.APPLIED);
        assertThat(result.plan().steps().get(0).safety())
            .isEqualTo(io.schemasync.api.plan.Safety.LOCKING);
        assertThat(result.plan().steps().get(0).reason()).contains("no primary key", "uq_id");
        assertThat(result.plan().statements().get(0)).doesNotContain("ALGORITHM=INPLACE");
        assertThat(sync.sync(tenant).status()).isEqualTo(TenantStatus.IN_SYNC);
      }
      assertThat(count(tenant, "SELECT COUNT(*) FROM tags")).isEqualTo(2);
    }
  }

  @Test
  void aSecondRunnerWaitsForTheLockOrReportsIt() throws Exception {
    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases();
        MysqlAdapter holder = MysqlFixture.adapter()) {
      String tenant = dbs.create("lock");
      MysqlTestServer.exec(tenant, BASE);
      SchemaSnapshot target = schemaOf(BASE, "CREATE TABLE extra (id INT PRIMARY KEY)");
      try (SchemaSync sync =
          SchemaSync.builder()
              .url(MysqlTestServer.url())
              .target(new Target.Snapshot(target))
              .lockTimeout(Duration.ofSeconds(1))
              .build()) {
        try (TenantLock held = holder.runner().lock(holder.tenant(tenant), Duration.ofSeconds(1))) {
          assertThat(held).isNotNull();
          TenantResult blocked = sync.sync(tenant);
          assertThat(blocked.status()).isEqualTo(TenantStatus.FAILED);
          assertThat(blocked.failure())
              .isInstanceOf(UnableToAcquireLockException.class)
              .hasMessageContaining("another process holds the migration lock")
              .hasMessageContaining("server connection");
          assertThatThrownBy(() -> holder.runner().lock(holder.tenant(tenant), Duration.ZERO))
              .isInstanceOf(UnableToAcquireLockException.class);
        }
        assertThat(
                count(
                    tenant,
                    "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                        + " AND TABLE_NAME = 'extra'"))
            .isZero();
        // Released on close: the next run goes through.
        assertThat(sync.sync(tenant).status()).isEqualTo(TenantStatus.APPLIED);
      }
    }
  }

  @Test
  void theLockWaitsForAStatementAKilledRunLeftExecutingOnTheServer() throws Exception {
    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases();
        MysqlAdapter adapter = MysqlFixture.adapter()) {
      String tenant = dbs.create("orphan");
      String marker = MysqlRunner.marker(MysqlNames.lockName(tenant));
      Thread orphan =
          new Thread(
              () -> {
                try {
                  MysqlTestServer.exec(tenant, marker + "SELECT SLEEP(2)");
                } catch (java.sql.SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      orphan.start();
      Thread.sleep(300);
      assertThatThrownBy(() -> adapter.runner().lock(adapter.tenant(tenant), Duration.ZERO).close())
          .isInstanceOf(UnableToAcquireLockException.class)
          .hasMessageContaining("still executing on the server");
      long start = System.nanoTime();
      try (TenantLock lock =
          adapter.runner().lock(adapter.tenant(tenant), Duration.ofSeconds(10))) {
        assertThat(lock).isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start))
            .isGreaterThan(Duration.ofMillis(1000));
      }
      orphan.join();
    }
  }

  @Test
  void aRolloutMarkerIsWrittenWithTheLastStepAndReadBack() throws Exception {
    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases();
        MysqlAdapter adapter = MysqlFixture.adapter()) {
      String tenant = dbs.create("marker");
      MysqlTestServer.exec(tenant, BASE);
      SchemaSnapshot target =
          adapter
              .dialect()
              .normalize(
                  schemaOf(
                      BASE,
                      "CREATE TABLE a (id INT PRIMARY KEY)",
                      "CREATE TABLE b (id INT PRIMARY KEY)"));
      TenantContext context = adapter.tenant(tenant);
      SchemaSnapshot current = adapter.inspector().inspect(context);
      MigrationPlan plan =
          new DefaultPlanner()
              .plan(
                  context,
                  current,
                  target,
                  new DefaultDiffCalculator().diff(current, target),
                  adapter.dialect(),
                  PlanPolicy.DEFAULT);
      assertThat(adapter.runner().markerOf(context, "job-1")).isEmpty();
      RunOptions options =
          new RunOptions(false, null, null, null, new CommitMarker("job-1", "task-7"));
      new DefaultExecutor().execute(plan, target, adapter, options);
      assertThat(adapter.runner().markerOf(context, "job-1")).isPresent();
      assertThat(adapter.runner().markerOf(context, "job-2")).isEmpty();
      assertThat(AsDeclared.of(adapter.inspector().inspect(context), target).canonical())
          .isEqualTo(target.canonical());
      assertThat(
              count(tenant, "SELECT COUNT(*) FROM _schema_sync_rollout WHERE task_id = 'task-7'"))
          .isEqualTo(1);
      assertThat(adapter.runner().markerOf(adapter.tenant(tenant + "_none"), "job-1")).isEmpty();
    }
  }

  @Test
  void twoThreadsOnOneTenantApplyOnceAndTheOtherWaitsThenFindsNothingToDo() throws Exception {
    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases()) {
      String tenant = dbs.create("race");
      MysqlTestServer.exec(tenant, BASE);
      SchemaSnapshot target =
          schemaOf(
              BASE,
              "CREATE TABLE a (id INT PRIMARY KEY)",
              "CREATE TABLE b (id INT PRIMARY KEY)",
              "CREATE TABLE c (id INT PRIMARY KEY)");
      TenantResult[] results = new TenantResult[2];
      Thread[] threads = new Thread[2];
      for (int i = 0; i < 2; i++) {
        int k = i;
        threads[i] =
            new Thread(
                () -> {
                  try (SchemaSync sync = engine(target, false)) {
                    results[k] = sync.sync(tenant);
                  }
                });
        threads[i].start();
      }
      for (Thread t : threads) {
        t.join(60_000);
      }
      // the second finds the tenant changed under its lock, plans again and has nothing to do
      assertThat(results)
          .extracting(TenantResult::status)
          .containsExactlyInAnyOrder(TenantStatus.APPLIED, TenantStatus.IN_SYNC);
      assertThat(
              count(tenant, "SELECT COUNT(*) FROM _schema_sync_journal WHERE outcome = 'applied'"))
          .isEqualTo(3);
      try (SchemaSync sync = engine(target, false)) {
        assertThat(sync.sync(tenant).status()).isEqualTo(TenantStatus.IN_SYNC);
      }
    }
  }

  @Test
  void ddlBehindALongTransactionTimesOutQuicklyAndIsRetried() throws Exception {
    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases()) {
      String tenant = dbs.create("mdl");
      MysqlTestServer.exec(tenant, BASE, "INSERT INTO items VALUES (1, 'a')");
      SchemaSnapshot target =
          schemaOf(
              "CREATE TABLE items (id INT PRIMARY KEY, sku VARCHAR(20) NOT NULL, qty INT NULL)");
      java.util.concurrent.CountDownLatch stepStarted = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.atomic.AtomicReference<Duration> stepTook =
          new java.util.concurrent.atomic.AtomicReference<>();
      StepListener listener =
          new StepListener() {
            @Override
            public void stepStarted(TenantContext t, MigrationStep step) {
              stepStarted.countDown();
            }

            @Override
            public void stepFinished(TenantContext t, MigrationStep step, Duration took) {
              stepTook.set(took);
            }
          };
      try (Connection reader = MysqlTestServer.connect()) {
        reader.setCatalog(tenant);
        reader.setAutoCommit(false);
        try (Statement st = reader.createStatement()) {
          // An open transaction that read the table holds its metadata lock until it ends.
          st.executeQuery("SELECT * FROM items").close();
        }
        Thread release =
            new Thread(
                () -> {
                  try {
                    stepStarted.await();
                    Thread.sleep(MysqlAdapter.DDL_LOCK_WAIT.toMillis() + 1000);
                    reader.commit();
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });
        release.start();
        try (SchemaSync sync =
            SchemaSync.builder()
                .url(MysqlTestServer.url())
                .target(new Target.Snapshot(target))
                .listener(listener)
                .build()) {
          TenantResult result = sync.sync(tenant);
          assertThat(result.failure()).isNull();
          assertThat(result.status()).isEqualTo(TenantStatus.APPLIED);
        }
        release.join();
      }
      // One attempt gives up after lock_wait_timeout; only a retry can have taken longer.
      assertThat(stepTook.get()).isGreaterThan(MysqlAdapter.DDL_LOCK_WAIT);
      assertThat(count(tenant, "SELECT COUNT(*) FROM items")).isEqualTo(1);
    }
  }

  @Test
  void planRehearsesOnAScratchCopyAndLeavesTheTenantAlone() throws Exception {
    java.util.Set<String> scratchBefore = MysqlFixture.scratchDatabases();
    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases()) {
      String tenant = dbs.create("dry");
      MysqlTestServer.exec(tenant, BASE, "INSERT INTO items VALUES (1, 'a')");
      SchemaSnapshot target =
          schemaOf(
              "CREATE TABLE items (id INT PRIMARY KEY, sku VARCHAR(40) NOT NULL, qty INT NOT NULL DEFAULT 0,"
                  + " KEY ix_sku (sku))",
              "CREATE VIEW stock AS SELECT sku, qty FROM items");
      try (SchemaSync sync = engine(target, false)) {
        SchemaSnapshot before = sync.inspect(tenant);
        TenantResult planned = sync.plan(TenantSelection.ids(tenant)).results().get(0);
        assertThat(planned.failure()).isNull();
        assertThat(planned.status()).isEqualTo(TenantStatus.PLANNED);
        assertThat(planned.execution().committed()).isFalse();
        // The rehearsal's result was verified against the target (a difference fails the plan);
        // its hash also counts the scratch tables' options, which the target leaves open.
        assertThat(planned.execution().resultHash()).isNotEqualTo(before.hash());
        assertThat(sync.inspect(tenant)).isEqualTo(before);
      }
      assertThat(
              count(
                  tenant,
                  "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"))
          .isEqualTo(1);
      MysqlFixture.assertNoScratchLeft(scratchBefore);
    }
  }

  @Test
  void aTableTooBigToCopyIsCheckedInPlaceForTheRowsAStepWouldFailOn() throws Exception {
    java.util.Set<String> scratchBefore = MysqlFixture.scratchDatabases();
    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases()) {
      String tenant = dbs.create("big");
      String digits =
          "(SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3"
              + " UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7"
              + " UNION ALL SELECT 8 UNION ALL SELECT 9)";
      String hundredThousand =
          " FROM " + digits + " a, " + digits + " b, " + digits + " c, " + digits + " d, " + digits
              + " e";
      String n = "a.d + 10 * b.d + 100 * c.d + 1000 * d.d + 10000 * e.d";
      MysqlTestServer.exec(
          tenant,
          "CREATE TABLE big (id INT PRIMARY KEY, code VARCHAR(20) NULL)",
          "INSERT INTO big SELECT " + n + ", CONCAT('c', " + n + ")" + hundredThousand,
          "INSERT INTO big SELECT 100000 + " + n + ", CONCAT('d', " + n + ")" + hundredThousand,
          "UPDATE big SET code = 'same' WHERE id IN (5, 6)",
          "ANALYZE TABLE big");
      assertThat(
              count(
                  tenant,
                  "SELECT TABLE_ROWS FROM information_schema.TABLES"
                      + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'big'"))
          .isGreaterThan(RowCopy.MAX_ROWS);
      SchemaSnapshot unique =
          schemaOf(
              "CREATE TABLE big (id INT PRIMARY KEY, code VARCHAR(20) NULL,"
                  + " UNIQUE KEY uq_code (code))");
      SchemaSnapshot required =
          schemaOf("CREATE TABLE big (id INT PRIMARY KEY, code VARCHAR(20) NOT NULL)");
      try (SchemaSync sync = engine(unique, false)) {
        SchemaSnapshot before = sync.inspect(tenant);
        TenantResult planned = sync.plan(TenantSelection.ids(tenant)).results().get(0);
        assertThat(planned.status()).isEqualTo(TenantStatus.FAILED);
        assertThat(planned.failure())
            .hasMessageContaining("table big (too big to copy")
            .hasMessageContaining("duplicates of (code)")
            .hasMessageContaining("the tenant was not changed");
        assertThat(sync.inspect(tenant)).isEqualTo(before);
      }
      // a unique key over the first two characters: 'c1' and 'c10' share theirs
      try (SchemaSync sync =
          engine(
              schemaOf(
                  "CREATE TABLE big (id INT PRIMARY KEY, code VARCHAR(20) NULL,"
                      + " UNIQUE KEY uq_code_prefix (code(2)))"),
              false)) {
        TenantResult planned = sync.plan(TenantSelection.ids(tenant)).results().get(0);
        assertThat(planned.status()).isEqualTo(TenantStatus.FAILED);
        assertThat(planned.failure()).hasMessageContaining("duplicates of (`code`(2))");
      }
      MysqlTestServer.exec(tenant, "UPDATE big SET code = NULL WHERE id = 6");
      try (SchemaSync sync = engine(unique, false)) {
        // NULLs never collide in a unique key: no false alarm
        TenantResult planned = sync.plan(TenantSelection.ids(tenant)).results().get(0);
        assertThat(planned.failure()).isNull();
        assertThat(planned.status()).isEqualTo(TenantStatus.PLANNED);
      }
      try (SchemaSync sync = engine(required, false)) {
        TenantResult planned = sync.plan(TenantSelection.ids(tenant)).results().get(0);
        assertThat(planned.status()).isEqualTo(TenantStatus.FAILED);
        assertThat(planned.failure()).hasMessageContaining("holds NULL in code");
      }
      MysqlTestServer.exec(
          tenant,
          "CREATE TABLE parents (id INT PRIMARY KEY)",
          "INSERT INTO parents VALUES (1)",
          "ALTER TABLE big ADD COLUMN parent_id INT NULL",
          "UPDATE big SET parent_id = 1 WHERE id < 10",
          "UPDATE big SET parent_id = 99 WHERE id = 20");
      String parents = "CREATE TABLE parents (id INT PRIMARY KEY)";
      try (SchemaSync sync =
          engine(
              schemaOf(
                  parents,
                  "CREATE TABLE big (id INT PRIMARY KEY, code VARCHAR(20) NULL, parent_id INT NULL,"
                      + " KEY fk_parent (parent_id),"
                      + " CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES parents (id))"),
              false)) {
        TenantResult planned = sync.plan(TenantSelection.ids(tenant)).results().get(0);
        assertThat(planned.status()).isEqualTo(TenantStatus.FAILED);
        assertThat(planned.failure())
            .hasMessageContaining("foreign key fk_parent finds no match for in parents");
      }
      try (SchemaSync sync =
          engine(
              schemaOf(
                  parents,
                  "CREATE TABLE big (id INT PRIMARY KEY, code VARCHAR(20) NULL, parent_id INT NULL,"
                      + " CONSTRAINT small_parent CHECK (parent_id < 50))"),
              false)) {
        TenantResult planned = sync.plan(TenantSelection.ids(tenant)).results().get(0);
        assertThat(planned.status()).isEqualTo(TenantStatus.FAILED);
        assertThat(planned.failure()).hasMessageContaining("check small_parent");
      }
      // narrower types, which strict mode refuses half-way through the real run
      for (String narrower :
          List.of(
              "CREATE TABLE big (id INT PRIMARY KEY, code VARCHAR(3) NULL, parent_id INT NULL)",
              "CREATE TABLE big (id SMALLINT PRIMARY KEY, code VARCHAR(20) NULL,"
                  + " parent_id INT NULL)",
              // 'c1' is no number
              "CREATE TABLE big (id INT PRIMARY KEY, code INT NULL, parent_id INT NULL)",
              // 99 needs two digits before the point
              "CREATE TABLE big (id INT PRIMARY KEY, code VARCHAR(20) NULL,"
                  + " parent_id DECIMAL(2,1) NULL)",
              // 'c1' is no date: no condition covers it, the server's own conversion says so
              "CREATE TABLE big (id INT PRIMARY KEY, code DATE NULL, parent_id INT NULL)")) {
        try (SchemaSync sync =
            SchemaSync.builder()
                .url(MysqlTestServer.url())
                .target(new Target.Snapshot(schemaOf(parents, narrower)))
                .policy(new PlanPolicy(true, PlanPolicy.BreakingPolicy.WARN))
                .build()) {
          TenantResult planned = sync.plan(TenantSelection.ids(tenant)).results().get(0);
          assertThat(planned.status()).as(narrower).isEqualTo(TenantStatus.FAILED);
          assertThat(planned.failure())
              .as(narrower)
              .hasMessageContaining("too big to copy")
              .hasMessageContaining("cannot hold");
        }
      }
      try (SchemaSync sync =
          SchemaSync.builder()
              .url(MysqlTestServer.url())
              .target(
                  new Target.Snapshot(
                      schemaOf(
                          parents,
                          "CREATE TABLE big (id INT PRIMARY KEY, code VARCHAR(20) NULL,"
                              + " parent_id DECIMAL(3,1) NULL)")))
              .policy(new PlanPolicy(true, PlanPolicy.BreakingPolicy.WARN))
              .build()) {
        // 99 fits 99.9: no false alarm
        TenantResult planned = sync.plan(TenantSelection.ids(tenant)).results().get(0);
        assertThat(planned.failure()).isNull();
      }
      MysqlTestServer.exec(
          tenant,
          "ALTER TABLE big DROP COLUMN parent_id, ADD COLUMN day VARCHAR(10) NULL",
          "UPDATE big SET day = '2020-01-31'");
      try (SchemaSync sync =
          engine(
              schemaOf(
                  parents,
                  "CREATE TABLE big (id INT PRIMARY KEY, code VARCHAR(20) NULL, day DATE NULL)"),
              false)) {
        // every day converts: the server's conversion finds nothing
        TenantResult planned = sync.plan(TenantSelection.ids(tenant)).results().get(0);
        assertThat(planned.failure()).isNull();
        assertThat(planned.status()).isEqualTo(TenantStatus.PLANNED);
      }
      MysqlFixture.assertNoScratchLeft(scratchBefore);
    }
  }

  @Test
  void onAServerThatTruncatesSilentlyANarrowingChangeFailsInsteadOfCuttingTheData()
      throws Exception {
    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases()) {
      String tenant = dbs.create("lax");
      MysqlTestServer.exec(
          tenant,
          "CREATE TABLE items (id INT PRIMARY KEY, code VARCHAR(20) NULL, qty INT NULL)",
          "INSERT INTO items VALUES (1, 'abcdefghij', NULL)");
      // sessions that start without strict mode, as on many older servers
      String url = MysqlTestServer.url();
      String lax =
          url
              + (url.contains("?") ? "&" : "?")
              // and a driver that does not make them strict itself
              + "sessionVariables=sql_mode=''&jdbcCompliantTruncation=false";
      for (String target :
          List.of(
              "CREATE TABLE items (id INT PRIMARY KEY, code VARCHAR(5) NULL, qty INT NULL)",
              "CREATE TABLE items (id INT PRIMARY KEY, code VARCHAR(20) NULL, qty INT NOT NULL)")) {
        try (SchemaSync sync =
            SchemaSync.builder()
                .url(lax)
                .target(new Target.Snapshot(schemaOf(target)))
                .policy(new PlanPolicy(true, PlanPolicy.BreakingPolicy.WARN))
                .build()) {
          TenantResult planned = sync.plan(TenantSelection.ids(tenant)).results().get(0);
          assertThat(planned.status()).as(target).isEqualTo(TenantStatus.FAILED);
          TenantResult synced = sync.sync(tenant);
          assertThat(synced.status()).as(target).isEqualTo(TenantStatus.FAILED);
          assertThat(planned.failure()).hasMessageContaining("the tenant was not changed");
        }
        assertThat(
                count(
                    tenant, "SELECT COUNT(*) FROM items WHERE code = 'abcdefghij' AND qty IS NULL"))
            .isEqualTo(1);
      }
    }
  }

  @Test
  void sqlFileTargetsWithDelimitersConvergeAndBadOnesNameFileAndLine(@TempDir Path dir)
      throws Exception {
    java.util.Set<String> scratchBefore = MysqlFixture.scratchDatabases();
    Path good = dir.resolve("schema.sql");
    Files.writeString(
        good,
        String.join(
            "\n",
            "-- the shop",
            "CREATE TABLE items (id INT PRIMARY KEY, sku VARCHAR(20) NOT NULL, qty INT NOT NULL DEFAULT 0);",
            "DELIMITER //",
            "CREATE TRIGGER items_qty BEFORE UPDATE ON items FOR EACH ROW",
            "BEGIN",
            "  IF NEW.qty < 0 THEN SET NEW.qty = 0; END IF;",
            "END//",
            "DELIMITER ;",
            "CREATE VIEW skus AS SELECT sku FROM items; /* done */"));
    Path bad = dir.resolve("bad.sql");
    Files.writeString(
        bad,
        "CREATE TABLE a (id INT PRIMARY KEY);\n\nCREATE TABLE b (id INT PRIMARY KEY,\n  x NOTATYPE);\n");
    Path escape = dir.resolve("escape.sql");
    Files.writeString(escape, "CREATE TABLE a (id INT);\nDROP DATABASE test;\n");
    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases()) {
      String tenant = dbs.create("sqlfile");
      MysqlTestServer.exec(tenant, BASE);
      try (SchemaSync sync =
          SchemaSync.builder()
              .url(MysqlTestServer.url())
              .target(Target.of(good))
              .allowDestructive(true)
              .build()) {
        TenantResult result = sync.sync(tenant);
        assertThat(result.failure()).isNull();
        assertThat(result.status()).isEqualTo(TenantStatus.APPLIED);
        assertThat(sync.sync(tenant).status()).isEqualTo(TenantStatus.IN_SYNC);
        assertThat(sync.inspect(tenant).table("items").get().triggers())
            .singleElement()
            .satisfies(t -> assertThat(t.body()).contains("IF NEW.qty < 0"));
      }
      try (SchemaSync sync =
          SchemaSync.builder().url(MysqlTestServer.url()).target(Target.of(bad)).build()) {
        assertThatThrownBy(() -> sync.sync(tenant))
            .isInstanceOf(InvalidTargetException.class)
            .hasMessageContaining("bad.sql:3")
            .hasMessageContaining("NOTATYPE");
      }
      try (SchemaSync sync =
          SchemaSync.builder().url(MysqlTestServer.url()).target(Target.of(escape)).build()) {
        assertThatThrownBy(() -> sync.sync(tenant))
            .isInstanceOf(InvalidTargetException.class)
            .hasMessageContaining("escape.sql:2")
            .hasMessageContaining("only define objects of one database");
      }
      MysqlFixture.assertNoScratchLeft(scratchBefore);
    }
  }

  @Test
  void auditWorksWithAUserThatHasOnlySelect() throws Exception {
    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases()) {
      String tenant = dbs.create("audit");
      MysqlTestServer.exec(
          tenant,
          BASE,
          "CREATE TABLE other (id INT PRIMARY KEY, ref INT,"
              + " CONSTRAINT fk_ref FOREIGN KEY (ref) REFERENCES items (id) ON DELETE CASCADE ON UPDATE SET NULL)");
      SchemaSnapshot target;
      try (MysqlAdapter admin = MysqlFixture.adapter()) {
        target = admin.inspector().inspect(admin.tenant(tenant));
      }
      String user = MysqlTestServer.uniqueName("reader");
      String password = "pw-" + user;
      MysqlTestServer.exec(
          null,
          "CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'",
          "CREATE USER '" + user + "'@'localhost' IDENTIFIED BY '" + password + "'",
          "GRANT SELECT ON `" + tenant + "`.* TO '" + user + "'@'%'",
          "GRANT SELECT ON `" + tenant + "`.* TO '" + user + "'@'localhost'");
      try (SchemaSync audit =
          SchemaSync.builder()
              .url(MysqlTestServer.url().replaceAll("\\?.*$", ""))
              .credentials(user, password)
              .target(new Target.Snapshot(target))
              .build()) {
        var report = audit.audit(TenantSelection.ids(tenant));
        assertThat(report.results().get(0).failure()).isNull();
        assertThat(report.results().get(0).diff().render()).isEmpty();
        assertThat(report.results().get(0).status()).isEqualTo(TenantStatus.IN_SYNC);
        assertThat(audit.tenants(TenantSelection.all()))
            .extracting(t -> t.id())
            .containsExactly(tenant);
      } finally {
        MysqlTestServer.exec(
            null, "DROP USER '" + user + "'@'%'", "DROP USER '" + user + "'@'localhost'");
      }
      assertThat(
              count(
                  tenant,
                  "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                      + " AND TABLE_NAME = '_schema_sync_journal'"))
          .isZero();
    }
  }
}
