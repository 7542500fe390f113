package io.schemasync.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.SyncReport;
import io.schemasync.api.Target;
import io.schemasync.api.TenantResult;
import io.schemasync.api.TenantSelection;
import io.schemasync.api.TenantStatus;
import io.schemasync.api.model.SchemaSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole engine over SQLite tenant files: sync, validate, plan, upgrade with data in place. */
class SqliteSchemaSyncTest {
  private static final Path RELEASE_1 = Path.of("../examples/schema");
  private static final Path RELEASE_2 = Path.of("../examples/schema-v2");

  @TempDir Path dir;

  private SchemaSync engine(Target target) {
    return SchemaSync.builder().url("jdbc:sqlite:" + dir.resolve("tenants")).target(target).build();
  }

  @Test
  void aTenantChangedBetweenItsPlanAndItsLockIsPlannedAgainFromItsLiveSchema() {
    Path tenants = dir.resolve("tenants");
    SqliteFixture fixture = new SqliteFixture(tenants);
    try (SchemaSync sync = engine(new Target.SchemaFile(RELEASE_1))) {
      assertThat(sync.sync("acme").status()).isEqualTo(TenantStatus.APPLIED);
    }
    // Another sync gets to the tenant first, between this sync's plan and its lock: it adds one
    // of the release's tables. The plan made before it would create that table again.
    io.schemasync.internal.execute.DefaultExecutor real =
        new io.schemasync.internal.execute.DefaultExecutor();
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    io.schemasync.spi.Executor racing =
        (plan, target, adapter, options) -> {
          if (calls.incrementAndGet() == 1) {
            fixture.execute("acme", "CREATE TABLE early_bird (id INTEGER PRIMARY KEY)");
          }
          return real.execute(plan, target, adapter, options);
        };
    SchemaSnapshot withEarlyBird;
    try (SchemaSync release = engine(new Target.SchemaFile(RELEASE_1))) {
      List<io.schemasync.api.model.Table> tables =
          new java.util.ArrayList<>(release.target().tables());
      for (String name : List.of("early_bird", "late_bird")) {
        tables.add(
            io.schemasync.api.model.Table.of(
                name,
                List.of(io.schemasync.api.model.Column.of("id", "INTEGER", false)),
                new io.schemasync.api.model.PrimaryKey(null, List.of("id"))));
      }
      withEarlyBird = release.target().withTables(tables);
    }
    try (SchemaSync sync =
        SchemaSync.builder()
            .url("jdbc:sqlite:" + tenants)
            .target(new Target.Snapshot(withEarlyBird))
            .executor(racing)
            .build()) {
      TenantResult result = sync.sync("acme");
      assertThat(result.failure()).isNull();
      assertThat(result.status()).isEqualTo(TenantStatus.APPLIED);
      assertThat(calls).hasValue(2);
      assertThat(result.plan().steps()).hasSize(1);
      assertThat(result.plan().steps().get(0).description()).contains("late_bird");
      assertThat(sync.inspect("acme").hash()).isEqualTo(sync.target().hash());
    }
  }

  @Test
  void aTableWhoseColumnsAllChangeKeepsItsRowsOrFailsWithoutLosingThem() {
    Path tenants = dir.resolve("tenants");
    SqliteFixture fixture = new SqliteFixture(tenants);
    java.util.function.Function<io.schemasync.api.model.Column, SchemaSnapshot> onlyColumn =
        column ->
            SchemaSnapshot.ofTables(
                List.of(io.schemasync.api.model.Table.of("t", List.of(column), null)));
    try (SchemaSync sync =
        SchemaSync.builder()
            .url("jdbc:sqlite:" + tenants)
            .target(
                new Target.Snapshot(
                    onlyColumn.apply(io.schemasync.api.model.Column.of("a", "INTEGER", true))))
            .build()) {
      assertThat(sync.sync("acme").status()).isEqualTo(TenantStatus.APPLIED);
    }
    fixture.execute("acme", "INSERT INTO t (a) VALUES (1), (2);");
    // every old column dropped, a new nullable one: the two rows stay, as NULLs
    try (SchemaSync sync =
        SchemaSync.builder()
            .url("jdbc:sqlite:" + tenants)
            .target(
                new Target.Snapshot(
                    onlyColumn.apply(io.schemasync.api.model.Column.of("b", "TEXT", true))))
            .allowDestructive(true)
            .build()) {
      assertThat(sync.sync("acme").status()).isEqualTo(TenantStatus.APPLIED);
    }
    assertThat(fixture.rows("acme", "SELECT count(*), count(b) FROM t"))
        .containsExactly(List.of(2, 0));
    // a new NOT NULL column without a default cannot hold them: the step fails, nothing changes
    try (SchemaSync sync =
        SchemaSync.builder()
            .url("jdbc:sqlite:" + tenants)
            .target(
                new Target.Snapshot(
                    onlyColumn.apply(io.schemasync.api.model.Column.of("c", "INTEGER", false))))
            .allowDestructive(true)
            .build()) {
      String before = sync.inspect("acme").hash();
      TenantResult result = sync.sync("acme");
      assertThat(result.status()).isEqualTo(TenantStatus.FAILED);
      assertThat(result.failure().getMessage())
          .contains("NOT NULL")
          .contains("nothing was changed");
      assertThat(sync.inspect("acme").hash()).isEqualTo(before);
    }
    assertThat(fixture.rows("acme", "SELECT count(*) FROM t")).containsExactly(List.of(2));
  }

  @Test
  void createsTenantsUpgradesThemAndKeepsTheirRows() throws Exception {
    try (SchemaSync sync = engine(new Target.SchemaFile(RELEASE_1))) {
      SyncReport first = sync.sync(TenantSelection.ids("acme", "globex"));
      assertThat(first.results())
          .extracting(TenantResult::status)
          .containsOnly(TenantStatus.APPLIED);
      assertThat(sync.validate(TenantSelection.all()).results())
          .extracting(TenantResult::status)
          .containsExactly(TenantStatus.IN_SYNC, TenantStatus.IN_SYNC);
      assertThat(sync.sync(TenantSelection.all()).results())
          .extracting(TenantResult::status)
          .containsOnly(TenantStatus.IN_SYNC);
    }
    SqliteFixture fixture = new SqliteFixture(dir.resolve("tenants"));
    fixture.execute(
        "acme",
        """
        INSERT INTO organizations (id, slug, name) VALUES (1, 'acme', 'Acme');
        INSERT INTO users (id, organization_id, email, display_name) VALUES (1, 1, 'a@acme.test', 'Ann');
        INSERT INTO projects (id, organization_id, name) VALUES (1, 1, 'Rockets');
        INSERT INTO tasks (id, project_id, assignee_id, title) VALUES (1, 1, 1, 'Launch');
        """);
    byte[] before = Files.readAllBytes(fixture.file("acme"));
    try (SchemaSync sync = engine(new Target.SchemaFile(RELEASE_2))) {
      SyncReport rehearsal = sync.plan(TenantSelection.all());
      assertThat(rehearsal.results())
          .extracting(TenantResult::status)
          .containsOnly(TenantStatus.PLANNED);
      assertThat(Files.readAllBytes(fixture.file("acme"))).isEqualTo(before);

      SyncReport upgrade = sync.sync(TenantSelection.all()).orThrow();
      assertThat(upgrade.results())
          .extracting(TenantResult::status)
          .containsOnly(TenantStatus.APPLIED);
      assertThat(sync.validate(TenantSelection.all()).outcome()).isEqualTo(SyncReport.Outcome.OK);
      assertThat(sync.inspect("acme").hash()).isEqualTo(sync.target().hash()); // column order aside
    }
    assertThat(fixture.rows("acme", "SELECT title, assignee FROM open_tasks"))
        .containsExactly(List.of("Launch", "Ann"));
  }

  @Test
  void aNewTenantNamedExplicitlyIsPlannedFromEmptyWithoutBeingCreated() {
    try (SchemaSync sync = engine(new Target.SchemaFile(RELEASE_1))) {
      TenantResult planned = sync.plan(TenantSelection.ids("newcomer")).results().get(0);
      assertThat(planned.status()).isEqualTo(TenantStatus.PLANNED);
      assertThat(planned.plan().steps()).isNotEmpty();
      assertThat(dir.resolve("tenants").resolve("newcomer.db")).doesNotExist();
      assertThat(sync.audit(TenantSelection.all()).results()).isEmpty();
    }
  }

  @Test
  void anAuditWithoutTargetInspectsOnly() {
    new SqliteFixture(dir.resolve("tenants"))
        .execute("solo", "CREATE TABLE t (id INTEGER PRIMARY KEY);");
    try (SchemaSync sync =
        SchemaSync.builder().url("jdbc:sqlite:" + dir.resolve("tenants")).build()) {
      TenantResult audited = sync.audit(TenantSelection.all()).results().get(0);
      assertThat(audited.status()).isEqualTo(TenantStatus.INSPECTED);
      assertThat(audited.currentHash()).isEqualTo(sync.inspect("solo").hash());
    }
  }

  @Test
  void aSnapshotTargetAndAReferenceTenantConverge() {
    SqliteFixture fixture = new SqliteFixture(dir.resolve("tenants"));
    fixture.execute(
        "template",
        """
        CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL DEFAULT '', tag TEXT COLLATE NOCASE);
        CREATE INDEX ix_notes_tag ON notes (tag) WHERE tag IS NOT NULL;
        CREATE VIEW tagged AS SELECT id, tag FROM notes WHERE tag IS NOT NULL;
        CREATE TRIGGER tr_notes AFTER INSERT ON notes BEGIN UPDATE notes SET tag = lower(tag) WHERE id = new.id; END;
        """);
    fixture.execute(
        "tenant-1",
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes VALUES (1, NULL);");
    SchemaSnapshot template = fixture.inspect("template");
    try (SchemaSync sync = engine(Target.parse("tenant:template"))) {
      assertThat(sync.diff(TenantSelection.ids("tenant-1")).outcome())
          .isEqualTo(SyncReport.Outcome.DRIFT);
      sync.sync(TenantSelection.all()).orThrow();
      assertThat(sync.inspect("tenant-1").hash()).isEqualTo(template.hash());
    }
    try (SchemaSync sync = engine(new Target.Snapshot(template))) {
      sync.sync("tenant-2");
      assertThat(sync.validate(TenantSelection.all()).outcome()).isEqualTo(SyncReport.Outcome.OK);
    }
    assertThat(fixture.rows("tenant-1", "SELECT id, body FROM notes"))
        .containsExactly(List.of(1, ""));
  }

  @Test
  void aBadTargetChangesNothing() throws Exception {
    SqliteFixture fixture = new SqliteFixture(dir.resolve("tenants"));
    fixture.execute("t", "CREATE TABLE a (id INTEGER PRIMARY KEY)");
    byte[] before = Files.readAllBytes(fixture.file("t"));
    Path sql = dir.resolve("bad.sql");
    Files.writeString(
        sql, "CREATE TABLE a (id INTEGER PRIMARY KEY);\nCREATE TABLE b (x INTEGER REFERENCES);\n");
    try (SchemaSync sync = engine(new Target.SqlFile(sql))) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> sync.sync(TenantSelection.all()))
          .isInstanceOf(io.schemasync.api.InvalidTargetException.class)
          .hasMessageContaining("bad.sql:2");
    }
    assertThat(Files.readAllBytes(fixture.file("t"))).isEqualTo(before);
  }

  @Test
  void aDataSourceAndASingleFileUrlAreOneTenantEach() {
    org.sqlite.SQLiteDataSource dataSource = new org.sqlite.SQLiteDataSource();
    dataSource.setUrl("jdbc:sqlite:" + dir.resolve("app.db"));
    Target target = new Target.SchemaFile(RELEASE_1);
    try (SchemaSync sync = SchemaSync.builder().dataSource(dataSource).target(target).build()) {
      assertThat(sync.adapter().name()).isEqualTo("sqlite");
      assertThat(sync.sync(TenantSelection.all()).orThrow().results())
          .extracting(r -> r.tenant().id() + " " + r.status())
          .containsExactly("app APPLIED");
    }
    try (SchemaSync sync =
        SchemaSync.builder().url("jdbc:sqlite:" + dir.resolve("app.db")).target(target).build()) {
      assertThat(sync.validate(TenantSelection.all()).results())
          .extracting(r -> r.tenant().id() + " " + r.status())
          .containsExactly("app IN_SYNC");
    }
  }
}
