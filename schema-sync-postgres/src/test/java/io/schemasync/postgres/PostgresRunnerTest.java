package io.schemasync.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.Target;
import io.schemasync.api.TenantContext;
import io.schemasync.api.TenantResult;
import io.schemasync.api.TenantStatus;
import io.schemasync.api.UnableToAcquireLockException;
import io.schemasync.api.UnableToExecuteStatementException;
import io.schemasync.api.model.CheckConstraint;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.PrimaryKey;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.api.plan.MigrationStep;
import io.schemasync.api.plan.Safety;
import io.schemasync.spi.StepListener;
import io.schemasync.spi.TenantLock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Locks, timeouts, retries, concurrency and the online option against the real server. */
class PostgresRunnerTest {
  private final String tenant = PostgresTestServer.uniqueName("run");
  private PostgresAdapter adapter;

  @BeforeEach
  void setUp() {
    PostgresTestServer.url();
    adapter =
        PostgresTestServer.open(
            Map.of("schemasync.ddlLockTimeout", "200", "schemasync.ddlAttempts", "4"));
    PostgresTestServer.exec(
        "CREATE SCHEMA " + tenant,
        "CREATE TABLE " + tenant + ".items (id integer PRIMARY KEY, name text)",
        "INSERT INTO " + tenant + ".items SELECT g, 'n' || g FROM generate_series(1, 100) g");
  }

  @AfterEach
  void tearDown() {
    adapter.close();
    PostgresTestServer.drop(tenant);
  }

  private static SchemaSnapshot withColumn(String column) {
    return SchemaSnapshot.ofTables(
        List.of(
            Table.of(
                "items",
                List.of(
                    Column.of("id", "integer", false),
                    Column.of("name", "text", true),
                    Column.of(column, "integer", true)),
                new PrimaryKey("items_pkey", List.of("id")))));
  }

  private SchemaSync sync(SchemaSnapshot target, StepListener listener) {
    return SchemaSync.builder()
        .adapter(adapter)
        .target(new Target.Snapshot(target))
        .listener(listener)
        .build();
  }

  @Test
  void ddlBlockedByALongTransactionIsRetriedAndSucceedsOnceReleased() throws Exception {
    Connection blocker = PostgresTestServer.connect();
    blocker.setAutoCommit(false);
    try (Statement st = blocker.createStatement()) {
      st.execute("SELECT * FROM " + tenant + ".items LIMIT 1"); // ACCESS SHARE until commit
    }
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (SchemaSync sync = sync(withColumn("extra"), StepListener.NONE)) {
      Future<TenantResult> result = pool.submit(() -> sync.sync(tenant));
      Thread.sleep(400); // the first attempts time out on the lock
      blocker.commit();
      TenantResult r = result.get();
      assertThat(r.failure()).isNull();
      assertThat(r.status()).isEqualTo(TenantStatus.APPLIED);
    } finally {
      blocker.close();
      pool.shutdown();
    }
    assertThat(
            adapter
                .inspector()
                .inspect(TenantContext.of(tenant))
                .table("items")
                .orElseThrow()
                .hasColumn("extra"))
        .isTrue();
  }

  /**
   * A lock timeout rolls the whole transaction back before the retry: the tables its earlier
   * statements had locked are free while it waits, so the application's queries on them go through.
   */
  @Test
  void whileARetryWaitsTheTablesAlreadyAlteredAreNotLocked() throws Exception {
    PostgresTestServer.exec("CREATE TABLE " + tenant + ".others (id integer PRIMARY KEY)");
    Table others =
        Table.of(
            "others",
            List.of(Column.of("id", "integer", false), Column.of("extra", "integer", true)),
            new PrimaryKey("others_pkey", List.of("id")));
    SchemaSnapshot target =
        SchemaSnapshot.ofTables(List.of(withColumn("extra").tables().get(0), others));
    List<String> started = Collections.synchronizedList(new ArrayList<>());
    StepListener listener =
        new StepListener() {
          @Override
          public void stepStarted(TenantContext t, MigrationStep step) {
            started.add(step.description());
          }
        };
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (PostgresAdapter patient =
            PostgresTestServer.open(
                Map.of("schemasync.ddlLockTimeout", "200", "schemasync.ddlAttempts", "8"));
        SchemaSync sync =
            SchemaSync.builder()
                .adapter(patient)
                .target(new Target.Snapshot(target))
                .listener(listener)
                .build();
        Connection blocker = PostgresTestServer.connect();
        Connection reader = PostgresTestServer.connect()) {
      blocker.setAutoCommit(false);
      try (Statement st = blocker.createStatement()) {
        st.execute("SELECT * FROM " + tenant + ".others LIMIT 1"); // ACCESS SHARE until commit
      }
      Future<TenantResult> result = pool.submit(() -> sync.sync(tenant));
      try (Statement st = reader.createStatement()) {
        st.execute("SET lock_timeout = '1000ms'");
        long until = System.nanoTime() + Duration.ofMillis(1200).toNanos();
        int reads = 0;
        while (System.nanoTime() < until) {
          Thread.sleep(100);
          // would wait for the whole retry, and time out, if "items" stayed locked between tries
          try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + tenant + ".items")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(100);
          }
          reads++;
        }
        assertThat(reads).isGreaterThan(3);
      }
      blocker.commit();
      TenantResult r = result.get(30, TimeUnit.SECONDS);
      assertThat(r.failure()).isNull();
      assertThat(r.status()).isEqualTo(TenantStatus.APPLIED);
    } finally {
      pool.shutdown();
    }
    // "items" is altered first, so it was locked, released and altered again on each attempt
    assertThat(started.get(0)).contains("items");
    assertThat(started.stream().filter(d -> d.contains("items")).count()).isGreaterThan(1);
    SchemaSnapshot after = adapter.inspector().inspect(TenantContext.of(tenant));
    assertThat(after.table("items").orElseThrow().hasColumn("extra")).isTrue();
    assertThat(after.table("others").orElseThrow().hasColumn("extra")).isTrue();
  }

  @Test
  void ddlBlockedForTooLongFailsCleanlyAndLeavesTheTenantUnchanged() throws Exception {
    SchemaSnapshot before = adapter.inspector().inspect(TenantContext.of(tenant));
    try (Connection blocker = PostgresTestServer.connect()) {
      blocker.setAutoCommit(false);
      try (Statement st = blocker.createStatement()) {
        st.execute("SELECT * FROM " + tenant + ".items LIMIT 1");
      }
      long start = System.nanoTime();
      try (SchemaSync sync = sync(withColumn("extra"), StepListener.NONE)) {
        TenantResult r = sync.sync(tenant);
        assertThat(r.status()).isEqualTo(TenantStatus.FAILED);
        assertThat(r.failure())
            .isInstanceOf(UnableToExecuteStatementException.class)
            .hasMessageContaining("55P03")
            .hasMessageContaining("4 attempt(s)");
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
      blocker.rollback();
    }
    assertThat(adapter.inspector().inspect(TenantContext.of(tenant))).isEqualTo(before);
  }

  @Test
  void lockHolderIsNamedWhenTheTenantLockTimesOut() {
    try (TenantLock held = adapter.runner().lock(TenantContext.of(tenant), Duration.ofSeconds(1))) {
      try (PostgresAdapter other = PostgresTestServer.open()) {
        assertThatThrownBy(
                () -> other.runner().lock(TenantContext.of(tenant), Duration.ofMillis(300)))
            .isInstanceOf(UnableToAcquireLockException.class)
            .hasMessageContaining("tenant " + tenant + " is locked by another migration (pid ");
      }
    }
    try (TenantLock again =
        adapter.runner().lock(TenantContext.of(tenant), Duration.ofMillis(300))) {
      assertThat(again).isNotNull();
    }
  }

  @Test
  void twoConcurrentSyncsOfOneTenantApplyTheChangeOnce() throws Exception {
    List<MigrationStep> started = Collections.synchronizedList(new ArrayList<>());
    StepListener listener =
        new StepListener() {
          @Override
          public void stepStarted(TenantContext t, MigrationStep step) {
            started.add(step);
          }
        };
    List<TenantStatus> statuses =
        syncTwiceAtOnce(Map.of(), withColumn("once"), listener, null).stream()
            .map(TenantResult::status)
            .toList();
    // one applies; the other either saw the result or found the schema changed under its plan
    assertThat(statuses).containsOnlyOnce(TenantStatus.APPLIED);
    assertThat(started).hasSize(1);
  }

  /**
   * Syncs the tenant to {@code target} from two adapters of these settings at the same moment, and
   * returns both results (each within a minute).
   */
  private List<TenantResult> syncTwiceAtOnce(
      Map<String, String> settings, SchemaSnapshot target, StepListener listener, Duration lockWait)
      throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<PostgresAdapter> adapters =
        List.of(PostgresTestServer.open(settings), PostgresTestServer.open(settings));
    try {
      List<Future<TenantResult>> futures = new ArrayList<>();
      for (PostgresAdapter a : adapters) {
        futures.add(
            pool.submit(
                () -> {
                  SchemaSync.Builder builder =
                      SchemaSync.builder()
                          .adapter(a)
                          .target(new Target.Snapshot(target))
                          .listener(listener);
                  if (lockWait != null) {
                    builder.lockTimeout(lockWait);
                  }
                  try (SchemaSync s = builder.build()) {
                    go.await();
                    return s.sync(tenant);
                  }
                }));
      }
      go.countDown();
      List<TenantResult> results = new ArrayList<>();
      for (Future<TenantResult> f : futures) {
        results.add(f.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdown();
      adapters.forEach(PostgresAdapter::close);
    }
  }

  @Test
  void twoOnlineSyncsOfOneTenantNeitherDeadlockNorApplyTwice() throws Exception {
    // steps after the commit (a concurrent build, a validation, NOT NULL) wait for older
    // transactions of the database: the other runner must never be one of them for long
    Table items = withNameRequired().table("items").orElseThrow();
    SchemaSnapshot target =
        SchemaSnapshot.ofTables(
            List.of(
                items
                    .withColumns(
                        List.of(
                            items.columns().get(0),
                            items.columns().get(1),
                            Column.of("rank", "integer", true)))
                    .withIndexes(List.of(Index.on("items_rank", false, List.of("rank"))))));
    List<TenantStatus> statuses = new ArrayList<>();
    for (TenantResult r :
        syncTwiceAtOnce(
            Map.of("schemasync.online", "true"),
            target,
            StepListener.NONE,
            Duration.ofSeconds(30))) {
      assertThat(r.failure()).as("%s", r.failure()).isNull();
      statuses.add(r.status());
    }
    assertThat(statuses).containsOnlyOnce(TenantStatus.APPLIED);
    try (SchemaSync check =
        SchemaSync.builder().adapter(adapter).target(new Target.Snapshot(target)).build()) {
      assertThat(check.sync(tenant).status()).isEqualTo(TenantStatus.IN_SYNC);
    }
  }

  @Test
  void twoProcessesSyncingOneTenantApplyTheChangeOnce() throws Exception {
    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      processes.add(
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  SyncProcessMain.class.getName(),
                  PostgresTestServer.url(),
                  tenant)
              .redirectErrorStream(true)
              .start());
    }
    List<String> outputs = new ArrayList<>();
    for (Process p : processes) {
      String out = new String(p.getInputStream().readAllBytes());
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      outputs.add(out.lines().filter(l -> l.startsWith("STATUS")).findFirst().orElse(out));
    }
    assertThat(outputs).filteredOn(o -> o.equals("STATUS APPLIED STEPS 1")).hasSize(1);
    assertThat(outputs).filteredOn(o -> o.contains("STEPS 0")).hasSize(1);
    assertThat(
            adapter
                .inspector()
                .inspect(TenantContext.of(tenant))
                .table("items")
                .orElseThrow()
                .hasColumn("by_process"))
        .isTrue();
  }

  @Test
  void onlineIndexIsBuiltConcurrentlyAfterTheCommit() throws Exception {
    try (PostgresAdapter online = PostgresTestServer.open(Map.of("schemasync.online", "true"))) {
      SchemaSnapshot target = withColumn("rank");
      Table items = target.table("items").orElseThrow();
      target =
          target.withTables(
              List.of(items.withIndexes(List.of(Index.on("items_rank", false, List.of("rank"))))));
      TenantResult r = Convergence.converge(online, tenant, target);
      MigrationStep index =
          r.plan().steps().stream()
              .filter(s -> s.description().contains("items_rank"))
              .findFirst()
              .orElseThrow();
      assertThat(index.transactional()).isFalse();
      assertThat(index.statements().get(0)).contains("CREATE INDEX CONCURRENTLY");
    }
    try (Connection c = PostgresTestServer.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT i.indisvalid FROM pg_index i JOIN pg_class c"
                    + " ON c.oid = i.indexrelid WHERE c.relname = 'items_rank'"
                    + " AND c.relnamespace = '"
                    + tenant
                    + "'::regnamespace")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getBoolean(1)).isTrue();
    }
  }

  /** {@link #withColumn} {@code rank}, and a unique index {@code items_name} on {@code name}. */
  private static SchemaSnapshot withUniqueName() {
    SchemaSnapshot ranked = withColumn("rank");
    return ranked.withTables(
        List.of(
            ranked
                .table("items")
                .orElseThrow()
                .withIndexes(List.of(Index.on("items_name", true, List.of("name"))))));
  }

  /** The tenant's items with {@code name} NOT NULL. */
  private static SchemaSnapshot withNameRequired() {
    return SchemaSnapshot.ofTables(
        List.of(
            Table.of(
                "items",
                List.of(Column.of("id", "integer", false), Column.of("name", "text", false)),
                new PrimaryKey("items_pkey", List.of("id")))));
  }

  @Test
  void onlineNotNullIsCheckedAfterTheCommitAndLeavesNoCheckBehind() throws Exception {
    try (PostgresAdapter online = PostgresTestServer.open(Map.of("schemasync.online", "true"))) {
      TenantResult r = Convergence.converge(online, tenant, withNameRequired());
      // still BREAKING (a NULL makes it fail), no longer LOCKING: nothing scans under the lock
      assertThat(r.plan().steps())
          .noneMatch(s -> s.safety() == Safety.LOCKING || s.reason().contains("locking"));
      assertThat(r.plan().steps())
          .filteredOn(s -> !s.transactional())
          .flatExtracting(MigrationStep::statements)
          .anyMatch(sql -> sql.contains("VALIDATE CONSTRAINT"))
          .anyMatch(sql -> sql.endsWith("SET NOT NULL"));
    }
    try (Connection c = PostgresTestServer.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT (SELECT count(*) FROM pg_constraint WHERE conrelid = '"
                    + tenant
                    + ".items'::regclass AND contype = 'c'), (SELECT count(*) FROM "
                    + tenant
                    + ".items)")) {
      rs.next();
      assertThat(rs.getInt(1)).as("checks left on items").isZero();
      assertThat(rs.getInt(2)).as("rows of items").isEqualTo(100);
    }
  }

  @Test
  void aCheckLeftByAnOnlineNotNullThatStoppedHalfwayIsReplacedByTheNextSync() throws Exception {
    // what a run that stopped after validating leaves: the check, the column still nullable
    PostgresTestServer.exec(
        "ALTER TABLE "
            + tenant
            + ".items ADD CONSTRAINT "
            + AlterColumnSql.notNullCheckName("items", "name")
            + " CHECK (name IS NOT NULL)");
    try (PostgresAdapter online = PostgresTestServer.open(Map.of("schemasync.online", "true"));
        SchemaSync sync =
            SchemaSync.builder()
                .adapter(online)
                .target(new Target.Snapshot(withNameRequired()))
                .build()) {
      TenantResult r = sync.sync(tenant);
      assertThat(r.failure()).isNull();
      assertThat(r.status()).isEqualTo(TenantStatus.APPLIED);
      assertThat(sync.sync(tenant).status()).isEqualTo(TenantStatus.IN_SYNC);
    }
  }

  @Test
  void aDryRunOfAnOnlineForeignKeyMeetsTheOrphansItsValidationWouldFailOn() throws Exception {
    PostgresTestServer.exec(
        "CREATE TABLE " + tenant + ".orders (id integer PRIMARY KEY, item_id integer)",
        "INSERT INTO " + tenant + ".orders VALUES (1, 1), (2, 999)");
    Table items = withColumn("rank").table("items").orElseThrow();
    Table orders = ordersOfItems(List.of());
    SchemaSnapshot before = adapter.inspector().inspect(TenantContext.of(tenant));
    TenantResult dry = onlineDryRun(SchemaSnapshot.ofTables(List.of(items, orders)));
    // added NOT VALID in the transaction, which no orphan fails: only the validation does
    assertThat(dry.status()).isEqualTo(TenantStatus.FAILED);
    // the failed result keeps the plan, so that a report shows every step of it
    assertThat(dry.plan().steps())
        .anyMatch(st -> !st.transactional() && st.statements().get(0).contains("VALIDATE"));
    assertThat(dry.failure())
        .hasMessageContaining("validate orders_item_id_fkey on orders")
        .hasMessageContaining("orders holds rows whose item_id match no row of items")
        .hasMessageContaining("nothing was changed");
    assertThat(adapter.inspector().inspect(TenantContext.of(tenant))).isEqualTo(before);
  }

  @Test
  void aDryRunRehearsesTheStepsThatRunAfterTheCommit() throws Exception {
    PostgresTestServer.exec("UPDATE " + tenant + ".items SET name = NULL WHERE id = 7");
    SchemaSnapshot before = adapter.inspector().inspect(TenantContext.of(tenant));
    // the NOT VALID check alone would pass: only its validation meets the NULL
    TenantResult dry = onlineDryRun(withNameRequired());
    assertThat(dry.status()).isEqualTo(TenantStatus.FAILED);
    assertThat(dry.failure())
        .hasMessageContaining("items holds NULL in name")
        .hasMessageContaining("nothing was changed");
    assertThat(adapter.inspector().inspect(TenantContext.of(tenant))).isEqualTo(before);

    // a unique index built concurrently: looked for duplicates by a query, not built (a plain
    // build would block writes to the table during the dry run)
    PostgresTestServer.exec("UPDATE " + tenant + ".items SET name = 'same'");
    dry = onlineDryRun(withUniqueName());
    assertThat(dry.status()).isEqualTo(TenantStatus.FAILED);
    assertThat(dry.failure())
        .hasMessageContaining("items holds rows with the same key under the new unique index")
        .hasMessageContaining("items_name")
        .hasMessageContaining("nothing was changed");
    assertThat(adapter.inspector().inspect(TenantContext.of(tenant)).table("items").orElseThrow())
        .satisfies(
            items -> {
              assertThat(items.hasColumn("rank")).isFalse();
              assertThat(items.indexes()).isEmpty();
            });
  }

  @Test
  void anOnlineDryRunNamesEveryStepTheRowsWouldFailAtOnce() throws Exception {
    PostgresTestServer.exec(
        "UPDATE " + tenant + ".items SET name = NULL WHERE id = 7",
        "ALTER TABLE " + tenant + ".items ADD COLUMN qty integer",
        "UPDATE " + tenant + ".items SET qty = -1 WHERE id = 8");
    SchemaSnapshot before = adapter.inspector().inspect(TenantContext.of(tenant));
    Table items = withNameRequired().table("items").orElseThrow();
    SchemaSnapshot target =
        SchemaSnapshot.ofTables(
            List.of(
                items
                    .withColumn(Column.of("qty", "integer", true))
                    .withChecks(List.of(new CheckConstraint("items_qty", "qty >= 0")))));
    TenantResult dry = onlineDryRun(target);
    assertThat(dry.status()).isEqualTo(TenantStatus.FAILED);
    assertThat(dry.failure())
        .hasMessageContaining("items holds NULL in name")
        .hasMessageContaining("items holds rows that check items_qty rejects")
        .hasMessageContaining("nothing was changed");
    assertThat(adapter.inspector().inspect(TenantContext.of(tenant))).isEqualTo(before);
  }

  @Test
  void aCheckOnAColumnThePlanAddsIsRehearsedAfterTheStatementsThatMakeIt() throws Exception {
    Table items = withColumn("rank").table("items").orElseThrow();
    SchemaSnapshot target =
        SchemaSnapshot.ofTables(
            List.of(
                items
                    .withColumn(
                        new Column("qty", "integer", true, "'-1'::integer", null, null, null, null))
                    .withChecks(List.of(new CheckConstraint("items_qty", "qty >= 0")))));
    SchemaSnapshot before = adapter.inspector().inspect(TenantContext.of(tenant));
    // the rows before the plan have no qty: only the validation after ADD COLUMN meets the -1s
    TenantResult dry = onlineDryRun(target);
    assertThat(dry.plan().steps())
        .filteredOn(step -> !step.transactional())
        .allMatch(step -> step.rowChecks().isEmpty());
    assertThat(dry.status()).isEqualTo(TenantStatus.FAILED);
    assertThat(dry.failure())
        .hasMessageContaining("VALIDATE CONSTRAINT \"items_qty\"")
        .hasMessageContaining("nothing was changed");
    assertThat(adapter.inspector().inspect(TenantContext.of(tenant))).isEqualTo(before);
  }

  @Test
  void aDryRunOfAnOnlineCheckLetsTheApplicationWriteWhileItLooksForTheRows() throws Exception {
    // a check that takes 2 s over the 100 rows, so that a write can be tried while it runs
    SchemaSnapshot before = adapter.inspector().inspect(TenantContext.of(tenant));
    Table items = before.table("items").orElseThrow();
    SchemaSnapshot slowCheck =
        before.withTables(
            List.of(
                items.withChecks(
                    List.of(
                        new CheckConstraint(
                            "items_slow", "length(pg_sleep(0.02)::text) = 0 AND id > 0")))));
    try (PostgresAdapter online = PostgresTestServer.open(Map.of("schemasync.online", "true"));
        SchemaSync sync =
            SchemaSync.builder().adapter(online).target(new Target.Snapshot(slowCheck)).build()) {
      CompletableFuture<TenantResult> dry =
          CompletableFuture.supplyAsync(
              () -> sync.plan(io.schemasync.api.TenantSelection.ids(tenant)).results().get(0));
      try (Connection app = PostgresTestServer.connect();
          Statement st = app.createStatement()) {
        awaitSleeping(st, dry);
        // the real run validates after its commit, under a lock that lets writes through; its
        // dry run must not hold the lock of ADD CONSTRAINT while it scans the rows instead
        st.execute("SET lock_timeout = '500ms'");
        assertThat(st.executeUpdate("UPDATE " + tenant + ".items SET name = 'w' WHERE id = 1"))
            .isEqualTo(1);
      }
      TenantResult result = dry.get(60, TimeUnit.SECONDS);
      assertThat(result.failure()).isNull();
      assertThat(result.plan().steps()).anyMatch(step -> !step.rowChecks().isEmpty());
    }
    assertThat(adapter.inspector().inspect(TenantContext.of(tenant))).isEqualTo(before);
  }

  /** {@code plan} of the tenant to the target with the online option: a dry run. */
  private TenantResult onlineDryRun(SchemaSnapshot target) {
    try (PostgresAdapter online = PostgresTestServer.open(Map.of("schemasync.online", "true"));
        SchemaSync sync =
            SchemaSync.builder().adapter(online).target(new Target.Snapshot(target)).build()) {
      return sync.plan(io.schemasync.api.TenantSelection.ids(tenant)).results().get(0);
    }
  }

  /** Waits until a session of the server sleeps in {@code pg_sleep}, or the dry run ended. */
  private static void awaitSleeping(Statement st, CompletableFuture<?> dry) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline && !dry.isDone()) {
      try (ResultSet rs =
          st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'")) {
        rs.next();
        if (rs.getInt(1) > 0) {
          return;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the dry run never reached the check's rows: " + dry);
  }

  @Test
  void anOnlineUniqueIndexAForeignKeyOfThePlanNeedsIsBuiltInTheTransaction() throws Exception {
    PostgresTestServer.exec(
        "CREATE TABLE " + tenant + ".orders (id integer PRIMARY KEY, item_name text)",
        "INSERT INTO " + tenant + ".orders VALUES (1, 'n1'), (2, 'n2')");
    Table items =
        Table.of(
                "items",
                List.of(Column.of("id", "integer", false), Column.of("name", "text", true)),
                new PrimaryKey("items_pkey", List.of("id")))
            .withIndexes(List.of(Index.on("items_name_key", true, List.of("name"))));
    Table orders =
        new Table(
            "orders",
            List.of(Column.of("id", "integer", false), Column.of("item_name", "text", true)),
            new PrimaryKey("orders_pkey", List.of("id")),
            List.of(),
            List.of(),
            List.of(
                new io.schemasync.api.model.ForeignKey(
                    "orders_item_name_fkey",
                    List.of("item_name"),
                    "items",
                    List.of("name"),
                    null,
                    null,
                    false)),
            List.of(),
            List.of(),
            null);
    try (PostgresAdapter online = PostgresTestServer.open(Map.of("schemasync.online", "true"))) {
      TenantResult r =
          Convergence.converge(online, tenant, SchemaSnapshot.ofTables(List.of(items, orders)));
      MigrationStep index =
          r.plan().steps().stream()
              .filter(s -> s.description().contains("items_name_key"))
              .findFirst()
              .orElseThrow();
      // the foreign key, added in the transaction, needs the unique index before the commit
      assertThat(index.transactional()).isTrue();
      assertThat(index.statements().get(0)).doesNotContain("CONCURRENTLY");
      assertThat(index.reason()).contains("orders_item_name_fkey");
    }
  }

  @Test
  void anInvalidIndexLeftByAnInterruptedConcurrentBuildIsBuiltAgain() throws Exception {
    // what a killed process or a failed manual build leaves: an index PostgreSQL marks invalid,
    // which no query uses
    PostgresTestServer.exec("UPDATE " + tenant + ".items SET name = 'same' WHERE id IN (1, 2)");
    assertThatThrownBy(
            () ->
                PostgresTestServer.exec(
                    "CREATE UNIQUE INDEX CONCURRENTLY items_name ON " + tenant + ".items (name)"))
        .hasMessageContaining("could not create unique index");
    assertThat(invalidIndexes()).isEqualTo(1);
    PostgresTestServer.exec("UPDATE " + tenant + ".items SET name = 'n2' WHERE id = 2");
    SchemaSnapshot target = withUniqueName();
    for (Map<String, String> settings :
        List.of(Map.<String, String>of(), Map.of("schemasync.online", "true"))) {
      try (PostgresAdapter a = PostgresTestServer.open(settings)) {
        assertThat(a.inspector().inspect(TenantContext.of(tenant)).table("items").orElseThrow())
            .satisfies(items -> assertThat(items.indexes()).isEmpty());
        Convergence.converge(a, tenant, target);
      }
      assertThat(invalidIndexes()).isZero();
      // again from the invalid state, with the other way of building
      PostgresTestServer.exec(
          "DROP INDEX " + tenant + ".items_name",
          "ALTER TABLE " + tenant + ".items DROP COLUMN rank",
          "UPDATE " + tenant + ".items SET name = 'same' WHERE id IN (1, 2)");
      assertThatThrownBy(
              () ->
                  PostgresTestServer.exec(
                      "CREATE UNIQUE INDEX CONCURRENTLY items_name ON " + tenant + ".items (name)"))
          .hasMessageContaining("could not create unique index");
      PostgresTestServer.exec("UPDATE " + tenant + ".items SET name = 'n2' WHERE id = 2");
    }
  }

  @Test
  void constraintsLeftNotValidByAnInterruptedOnlineRunAreValidatedByTheNextSync() throws Exception {
    // what an online run killed between its commit and its validations leaves
    PostgresTestServer.exec(
        "CREATE TABLE " + tenant + ".orders (id integer PRIMARY KEY, item_id integer)",
        "INSERT INTO " + tenant + ".orders VALUES (1, 1)",
        "ALTER TABLE "
            + tenant
            + ".orders ADD CONSTRAINT orders_item_id_fkey FOREIGN KEY (item_id)"
            + " REFERENCES "
            + tenant
            + ".items (id) NOT VALID",
        "ALTER TABLE " + tenant + ".orders ADD CONSTRAINT orders_id_check CHECK (id > 0) NOT VALID",
        "ALTER TABLE "
            + tenant
            + ".items ADD CONSTRAINT "
            + AlterColumnSql.notNullCheckName("items", "name")
            + " CHECK (name IS NOT NULL) NOT VALID");
    Table items = withNameRequired().table("items").orElseThrow();
    Table orders =
        ordersOfItems(
            List.of(new io.schemasync.api.model.CheckConstraint("orders_id_check", "id > 0")));
    // a constraint PostgreSQL does not hold the existing rows to is not reported as there
    Table read =
        adapter.inspector().inspect(TenantContext.of(tenant)).table("orders").orElseThrow();
    assertThat(read.foreignKeys()).isEmpty();
    assertThat(read.checks()).isEmpty();
    try (PostgresAdapter online = PostgresTestServer.open(Map.of("schemasync.online", "true"))) {
      Convergence.converge(online, tenant, SchemaSnapshot.ofTables(List.of(items, orders)));
    }
    try (Connection c = PostgresTestServer.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FILTER (WHERE NOT convalidated), count(*) FILTER (WHERE conname"
                    + " LIKE 'schemasync%') FROM pg_constraint WHERE connamespace = '"
                    + tenant
                    + "'::regnamespace")) {
      rs.next();
      assertThat(rs.getLong(1)).as("constraints not validated").isZero();
      assertThat(rs.getLong(2)).as("temporary checks left").isZero();
    }
  }

  @Test
  void aColumnThatBecomesAnIdentityContinuesAfterItsLargestValue() throws Exception {
    for (io.schemasync.api.model.Identity identity : io.schemasync.api.model.Identity.values()) {
      SchemaSnapshot generated =
          SchemaSnapshot.ofTables(
              List.of(
                  Table.of(
                      "items",
                      List.of(
                          Column.of("id", "integer", false).withIdentity(identity),
                          Column.of("name", "text", true)),
                      new PrimaryKey("items_pkey", List.of("id")))));
      Convergence.converge(adapter, tenant, generated);
      // the 100 rows keep their ids; the next one generated must not collide with them
      PostgresTestServer.exec("INSERT INTO " + tenant + ".items (name) VALUES ('next')");
      assertThat(
              PostgresTestServer.count("SELECT id FROM " + tenant + ".items WHERE name = 'next'"))
          .as(identity.name())
          .isEqualTo(101);
      PostgresTestServer.exec(
          "DELETE FROM " + tenant + ".items WHERE name = 'next'",
          "ALTER TABLE " + tenant + ".items ALTER COLUMN id DROP IDENTITY");
    }
  }

  /** {@code orders (id, item_id)} with a foreign key {@code orders_item_id_fkey} to items. */
  private static Table ordersOfItems(List<io.schemasync.api.model.CheckConstraint> checks) {
    return new Table(
        "orders",
        List.of(Column.of("id", "integer", false), Column.of("item_id", "integer", true)),
        new PrimaryKey("orders_pkey", List.of("id")),
        List.of(),
        checks,
        List.of(
            new io.schemasync.api.model.ForeignKey(
                "orders_item_id_fkey",
                List.of("item_id"),
                "items",
                List.of("id"),
                null,
                null,
                false)),
        List.of(),
        List.of(),
        null);
  }

  private long invalidIndexes() {
    return PostgresTestServer.count(
        "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
            + " WHERE c.relnamespace = '"
            + tenant
            + "'::regnamespace AND NOT i.indisvalid");
  }

  @Test
  void aFailedConcurrentBuildLeavesNoInvalidIndex() throws Exception {
    PostgresTestServer.exec("UPDATE " + tenant + ".items SET name = 'same'");
    try (PostgresAdapter online = PostgresTestServer.open(Map.of("schemasync.online", "true"));
        SchemaSync sync =
            SchemaSync.builder()
                .adapter(online)
                .target(new Target.Snapshot(withUniqueName()))
                .build()) {
      TenantResult r = sync.sync(tenant);
      assertThat(r.status()).isEqualTo(TenantStatus.FAILED);
      assertThat(r.failure())
          .hasMessageContaining("CREATE UNIQUE INDEX CONCURRENTLY")
          .hasMessageContaining("earlier steps were committed");
    }
    assertThat(
            PostgresTestServer.count(
                "SELECT count(*) FROM pg_class WHERE relname = 'items_name'"
                    + " AND relnamespace = '"
                    + tenant
                    + "'::regnamespace"))
        .isZero();
    // the committed part stays: the column is there, only the index is missing
    assertThat(
            adapter
                .inspector()
                .inspect(TenantContext.of(tenant))
                .table("items")
                .orElseThrow()
                .hasColumn("rank"))
        .isTrue();
  }

  @Test
  void dryRunRollsBackEverything() {
    SchemaSnapshot before = adapter.inspector().inspect(TenantContext.of(tenant));
    try (SchemaSync sync = sync(withColumn("extra"), StepListener.NONE)) {
      TenantResult r = sync.plan(io.schemasync.api.TenantSelection.ids(tenant)).results().get(0);
      assertThat(r.failure()).isNull();
      assertThat(r.status()).isEqualTo(TenantStatus.PLANNED);
      assertThat(r.plan().statements()).anyMatch(s -> s.contains("ADD COLUMN \"extra\""));
    }
    assertThat(adapter.inspector().inspect(TenantContext.of(tenant))).isEqualTo(before);
  }
}
