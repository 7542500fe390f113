package io.schemasync.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.schemasync.api.TenantContext;
import io.schemasync.api.UnableToAcquireLockException;
import io.schemasync.api.UnableToExecuteStatementException;
import io.schemasync.api.VerificationFailedException;
import io.schemasync.api.change.AddColumn;
import io.schemasync.api.change.AlterColumn;
import io.schemasync.api.change.CreateTable;
import io.schemasync.api.change.SchemaChange;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.api.plan.MigrationPlan;
import io.schemasync.api.plan.MigrationStep;
import io.schemasync.api.plan.Safety;
import io.schemasync.spi.RunOptions;
import io.schemasync.spi.RunResult;
import io.schemasync.spi.StepListener;
import io.schemasync.spi.TenantLock;
import io.schemasync.spi.Verifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transactions, dry runs, rollbacks and locks of the SQLite runner, on real files. */
class SqliteRunnerTest {
  @TempDir Path dir;
  SqliteFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new SqliteFixture(dir);
    fixture.execute(
        "t",
        "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO items VALUES (1, 'a'), (2, 'b');");
  }

  private SchemaSnapshot withNameNotNull(SchemaSnapshot current) {
    Table items = current.table("items").orElseThrow();
    Column name = items.column("name").orElseThrow();
    return current.withTables(
        List.of(items.withColumn(name.withNullable(false).withDefaultValue("''"))));
  }

  private List<SchemaChange> alterName(SchemaSnapshot current, SchemaSnapshot target) {
    Table from = current.table("items").orElseThrow();
    Table to = target.table("items").orElseThrow();
    return List.of(
        new AlterColumn(
            "items", from.column("name").orElseThrow(), to.column("name").orElseThrow()));
  }

  @Test
  void dryRunRunsEverythingAndLeavesTheFileByteForByteUnchanged() throws IOException {
    SchemaSnapshot current = fixture.inspect("t");
    SchemaSnapshot target = withNameNotNull(current);
    byte[] before = Files.readAllBytes(fixture.file("t"));
    List<SchemaSnapshot> verified = new ArrayList<>();
    RunResult result =
        fixture.apply(
            "t",
            alterName(current, target),
            current,
            target,
            RunOptions.dryRunOnly(),
            verified::add);
    assertThat(result.committed()).isFalse();
    assertThat(result.stepsRun()).isEqualTo(1);
    assertThat(verified).containsExactly(target);
    assertThat(Files.readAllBytes(fixture.file("t"))).isEqualTo(before);
    assertThat(fixture.inspect("t")).isEqualTo(current);
  }

  @Test
  void dryRunOfAMissingTenantCreatesNoFile() {
    SchemaSnapshot target =
        SchemaSnapshot.ofTables(
            List.of(Table.of("x", List.of(Column.of("a", "TEXT", true)), null)));
    RunResult result =
        fixture.apply(
            "new-tenant",
            List.of(new CreateTable(target.tables().get(0))),
            SchemaSnapshot.EMPTY,
            target,
            RunOptions.dryRunOnly(),
            resultSeen -> {});
    assertThat(result.result()).isEqualTo(target);
    assertThat(fixture.file("new-tenant")).doesNotExist();
    assertThat(fixture.adapter.inspector().listTenants())
        .extracting(TenantContext::id)
        .containsExactly("t");
  }

  @Test
  void aVerifierThatWantsNoResultSparesTheInspection() {
    SchemaSnapshot target =
        SchemaSnapshot.ofTables(
            List.of(Table.of("x", List.of(Column.of("a", "TEXT", true)), null)));
    RunResult result =
        fixture.apply(
            "new-tenant",
            List.of(new CreateTable(target.tables().get(0))),
            SchemaSnapshot.EMPTY,
            target,
            RunOptions.apply(),
            Verifier.NONE);
    assertThat(result.committed()).isTrue();
    assertThat(result.result()).isNull();
    assertThat(fixture.inspect("new-tenant")).isEqualTo(target);
  }

  @Test
  void aFailingStatementRollsBackEveryEarlierStepAndNamesStepAndStatement() throws IOException {
    SchemaSnapshot current = fixture.inspect("t");
    byte[] before = Files.readAllBytes(fixture.file("t"));
    List<MigrationStep> steps =
        List.of(
            step(1, "add column items.price", "ALTER TABLE \"items\" ADD COLUMN \"price\" REAL"),
            step(2, "broken", "INSERT INTO \"no_such_table\" VALUES (1)"));
    MigrationPlan plan =
        new MigrationPlan(fixture.tenant("t"), current.hash(), "x", steps, List.of(), List.of());
    assertThatThrownBy(
            () ->
                fixture
                    .adapter
                    .runner()
                    .run(fixture.tenant("t"), plan, RunOptions.apply(), Verifier.NONE))
        .isInstanceOf(UnableToExecuteStatementException.class)
        .hasMessageContaining("tenant t")
        .hasMessageContaining("step 2 (broken)")
        .hasMessageContaining("INSERT INTO \"no_such_table\" VALUES (1)")
        .hasMessageContaining("no such table")
        .hasCauseInstanceOf(java.sql.SQLException.class);
    assertThat(fixture.inspect("t")).isEqualTo(current);
    assertThat(Files.readAllBytes(fixture.file("t"))).isEqualTo(before);
  }

  @Test
  void aFailingSyncOfANewTenantLeavesNoFileBehind() {
    MigrationPlan plan =
        new MigrationPlan(
            fixture.tenant("fresh"),
            SchemaSnapshot.EMPTY.hash(),
            "x",
            List.of(step(1, "broken", "CREATE TABLE")),
            List.of(),
            List.of());
    assertThatThrownBy(
            () ->
                fixture
                    .adapter
                    .runner()
                    .run(fixture.tenant("fresh"), plan, RunOptions.apply(), Verifier.NONE))
        .isInstanceOf(UnableToExecuteStatementException.class);
    assertThat(fixture.file("fresh")).doesNotExist();
  }

  @Test
  void aVerifierFailureRollsBack() {
    SchemaSnapshot current = fixture.inspect("t");
    SchemaSnapshot target = withNameNotNull(current);
    assertThatThrownBy(
            () ->
                fixture.apply(
                    "t",
                    alterName(current, target),
                    current,
                    target,
                    RunOptions.apply(),
                    result -> {
                      throw new VerificationFailedException("t", "not the target");
                    }))
        .isInstanceOf(VerificationFailedException.class);
    assertThat(fixture.inspect("t")).isEqualTo(current);
  }

  @Test
  void commitsAndReportsProgress() {
    SchemaSnapshot current = fixture.inspect("t");
    Table items = current.table("items").orElseThrow();
    Column price = Column.of("price", "REAL", true);
    SchemaSnapshot target = current.withTables(List.of(items.withColumn(price)));
    List<String> events = new ArrayList<>();
    StepListener listener =
        new StepListener() {
          @Override
          public void stepStarted(TenantContext tenant, MigrationStep step) {
            events.add("start " + step.index());
          }

          @Override
          public void stepFinished(TenantContext tenant, MigrationStep step, Duration took) {
            events.add("end " + step.index());
          }
        };
    RunResult result =
        fixture.apply(
            "t",
            List.of(new AddColumn("items", price)),
            current,
            target,
            new RunOptions(false, null, null, listener),
            Verifier.NONE);
    assertThat(result.committed()).isTrue();
    assertThat(events).containsExactly("start 1", "end 1");
    assertThat(fixture.inspect("t")).isEqualTo(target);
    assertThat(fixture.rows("t", "PRAGMA foreign_keys")).containsExactly(List.of(0));
  }

  @Test
  void aSecondLockOnTheSameTenantWaitsThenFails() throws Exception {
    try (TenantLock held =
        fixture.adapter.runner().lock(fixture.tenant("t"), Duration.ofSeconds(1))) {
      assertThat(held).isNotNull();
      assertThat(dir.resolve("t.db.lock")).exists();
      CompletableFuture<Throwable> other =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  fixture
                      .adapter
                      .runner()
                      .lock(fixture.tenant("t"), Duration.ofMillis(200))
                      .close();
                  return null;
                } catch (RuntimeException e) {
                  return e;
                }
              });
      assertThat(other.get(5, TimeUnit.SECONDS))
          .isInstanceOf(UnableToAcquireLockException.class)
          .hasMessageContaining("tenant t is locked by another");
    }
    // released on close: another adapter over the same directory takes it at once
    SqliteFixture second = new SqliteFixture(dir);
    try (TenantLock again = second.adapter.runner().lock(second.tenant("t"), Duration.ZERO)) {
      assertThat(again).isNotNull();
    }
  }

  @Test
  void aWaitingLockGetsTheTenantWhenTheHolderReleasesIt() throws Exception {
    TenantLock held = fixture.adapter.runner().lock(fixture.tenant("t"), Duration.ofSeconds(1));
    CountDownLatch waiting = new CountDownLatch(1);
    CompletableFuture<Boolean> other =
        CompletableFuture.supplyAsync(
            () -> {
              waiting.countDown();
              fixture.adapter.runner().lock(fixture.tenant("t"), Duration.ofSeconds(10)).close();
              return true;
            });
    waiting.await();
    Thread.sleep(100);
    held.close();
    assertThat(other.get(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void locksAreHeldAcrossProcesses() throws Exception {
    Path ready = dir.resolve("ready");
    Process holder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LockHolder.class.getName(),
                dir.toString(),
                "t",
                ready.toString())
            .redirectErrorStream(true)
            .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!Files.exists(ready) && System.nanoTime() < deadline && holder.isAlive()) {
        Thread.sleep(20);
      }
      assertThat(ready).as("the other process took the lock").exists();
      assertThatThrownBy(
              () -> fixture.adapter.runner().lock(fixture.tenant("t"), Duration.ofMillis(200)))
          .isInstanceOf(UnableToAcquireLockException.class)
          .hasMessageContaining("locked by another process (pid " + holder.pid());
    } finally {
      holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    // the OS released the dead process's lock
    try (TenantLock lock =
        fixture.adapter.runner().lock(fixture.tenant("t"), Duration.ofSeconds(5))) {
      assertThat(lock).isNotNull();
    }
  }

  private static MigrationStep step(int index, String description, String sql) {
    return new MigrationStep(
        index, description, List.of(), List.of(sql), Safety.SAFE, "", List.of(), true);
  }
}
