package io.schemasync.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.schemasync.api.InvalidTargetException;
import io.schemasync.api.InvalidTenantException;
import io.schemasync.api.TenantContext;
import io.schemasync.api.model.CheckConstraint;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.GeneratedColumn;
import io.schemasync.api.model.Identity;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.IndexPart;
import io.schemasync.api.model.PrimaryKey;
import io.schemasync.api.model.ReferentialAction;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.Trigger;
import io.schemasync.api.model.TriggerEvent;
import io.schemasync.api.model.TriggerTiming;
import io.schemasync.api.model.UniqueConstraint;
import io.schemasync.api.model.View;
import io.schemasync.testsupport.jdbc.Interleaved;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the inspector reads back from real SQLite files, for every object kind. */
class SqliteInspectorTest {
  @TempDir Path dir;
  SqliteFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new SqliteFixture(dir);
    fixture.execute(
        "t",
        """
        CREATE TABLE parent (
          id integer primary key autoincrement,
          code varchar( 10 ) NOT NULL UNIQUE COLLATE nocase,
          amount Numeric(10, 2) DEFAULT (0.5 + 1),
          doubled INT GENERATED ALWAYS AS (amount * 2) VIRTUAL,
          stored_col TEXT AS (upper(code)) STORED,
          created DATETIME DEFAULT CURRENT_TIMESTAMP,
          untyped,
          [bracket name] TEXT, `tick` TEXT,
          CONSTRAINT named_check CHECK ( amount >= 0 ),
          UNIQUE (amount, created)
        );
        CREATE TABLE child (
          a INT, b INT, parent_id INT REFERENCES parent ON DELETE SET NULL ON UPDATE CASCADE,
          note TEXT CHECK (note <> 'x'),
          PRIMARY KEY (b, a),
          FOREIGN KEY (a) REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX ux_child ON child (lower(note) DESC, "a") WHERE note IS NOT NULL;
        CREATE VIEW v_parent (x) AS
          SELECT code   -- a comment
          FROM parent;
        CREATE TRIGGER tr_child BEFORE UPDATE OF note, b ON child WHEN new.note IS NULL
        BEGIN
          SELECT RAISE(ABORT, 'note; required');
        END;
        CREATE TRIGGER tr_parent AFTER DELETE ON parent BEGIN DELETE FROM child WHERE parent_id = old.id; END;
        """);
  }

  @Test
  void aReadHoldsOneStateOfTheFileWhileAnotherConnectionTriesToChangeIt() throws Exception {
    SchemaSnapshot before = fixture.adapter.inspector().inspect(TenantContext.of("t"));
    try (Connection reader = DriverManager.getConnection("jdbc:sqlite:" + fixture.file("t"));
        Connection other = DriverManager.getConnection("jdbc:sqlite:" + fixture.file("t"))) {
      List<String> refused = new ArrayList<>();
      // after sqlite_schema was read, before the tables' columns are: another connection drops a
      // table, which must wait for the read (and here gives up after 100 ms)
      Connection spied =
          Interleaved.beforeQuery(
              reader,
              "pragma_table_xinfo",
              () -> {
                if (refused.isEmpty()) {
                  try (Statement st = other.createStatement()) {
                    st.execute("PRAGMA busy_timeout = 100");
                    st.execute("DROP VIEW v_parent");
                    refused.add("no: the view was dropped");
                  } catch (SQLException e) {
                    refused.add(e.getMessage());
                  }
                }
              });

      SchemaSnapshot read = SqliteInspector.readConsistently(spied);

      assertThat(refused).singleElement().asString().contains("SQLITE_BUSY");
      assertThat(read).isEqualTo(before);
      assertThat(reader.getAutoCommit()).isTrue();
    }
  }

  @Test
  void readsEveryObjectKind() {
    SchemaSnapshot snapshot = fixture.inspect("t");
    Table parent = snapshot.table("parent").orElseThrow();
    assertThat(parent.columns())
        .containsExactly(
            new Column("id", "INTEGER", false, null, Identity.BY_DEFAULT, null, null, null),
            new Column("code", "VARCHAR(10)", false, null, null, null, "NOCASE", null),
            new Column("amount", "NUMERIC(10,2)", true, "0.5 + 1", null, null, null, null),
            new Column(
                "doubled",
                "INT",
                true,
                null,
                null,
                new GeneratedColumn("amount * 2", false),
                null,
                null),
            new Column(
                "stored_col",
                "TEXT",
                true,
                null,
                null,
                new GeneratedColumn("upper(code)", true),
                null,
                null),
            new Column("created", "DATETIME", true, "CURRENT_TIMESTAMP", null, null, null, null),
            Column.of("untyped", "BLOB", true),
            Column.of("bracket name", "TEXT", true),
            Column.of("tick", "TEXT", true));
    assertThat(parent.primaryKey()).isEqualTo(new PrimaryKey(null, List.of("id")));
    assertThat(parent.uniques())
        .containsExactlyInAnyOrder(
            new UniqueConstraint(null, List.of("code")),
            new UniqueConstraint(null, List.of("amount", "created")));
    assertThat(parent.checks()).containsExactly(new CheckConstraint(null, "amount >= 0"));
    assertThat(parent.triggers())
        .containsExactly(
            new Trigger(
                "tr_parent",
                TriggerTiming.AFTER,
                List.of(TriggerEvent.DELETE),
                List.of(),
                true,
                null,
                "DELETE FROM child WHERE parent_id = old.id;"));

    Table child = snapshot.table("child").orElseThrow();
    assertThat(child.primaryKey()).isEqualTo(new PrimaryKey(null, List.of("b", "a")));
    assertThat(child.column("b").orElseThrow().nullable())
        .isFalse(); // WITHOUT ROWID keys are NOT NULL
    assertThat(child.checks()).containsExactly(new CheckConstraint(null, "note <> 'x'"));
    assertThat(child.foreignKeys())
        .containsExactlyInAnyOrder(
            new ForeignKey(
                null,
                List.of("parent_id"),
                "parent",
                List.of("id"),
                ReferentialAction.SET_NULL,
                ReferentialAction.CASCADE,
                false),
            new ForeignKey(null, List.of("a"), "parent", List.of("id"), null, null, false));
    assertThat(child.indexes())
        .containsExactly(
            new Index(
                "ux_child",
                List.of(new IndexPart(null, "lower(note)", true), IndexPart.column("a")),
                true,
                "note IS NOT NULL",
                null,
                List.of()));
    assertThat(child.triggers())
        .containsExactly(
            new Trigger(
                "tr_child",
                TriggerTiming.BEFORE,
                List.of(TriggerEvent.UPDATE),
                List.of("note", "b"),
                true,
                "new.note IS NULL",
                "SELECT RAISE(ABORT, 'note; required');"));
    assertThat(snapshot.views())
        .containsExactly(new View("v_parent", "SELECT code FROM parent", false));
  }

  @Test
  void outputIsAlreadyNormalizedAndStable() {
    SchemaSnapshot snapshot = fixture.inspect("t");
    assertThat(fixture.adapter.dialect().normalize(snapshot)).isEqualTo(snapshot);
    assertThat(fixture.inspect("t").hash()).isEqualTo(snapshot.hash());
    assertThat(SchemaSnapshot.fromJson(snapshot.toJson())).isEqualTo(snapshot);
  }

  @Test
  void readingNeverWritesOrCreates() throws Exception {
    byte[] before = Files.readAllBytes(fixture.file("t"));
    fixture.inspect("t");
    assertThat(Files.readAllBytes(fixture.file("t"))).isEqualTo(before);
    assertThatThrownBy(() -> fixture.inspect("missing"))
        .isInstanceOf(InvalidTenantException.class)
        .hasMessageContaining("missing.db");
    assertThat(fixture.file("missing")).doesNotExist();
  }

  @Test
  void aScriptTargetIsTheSchemaItBuilds() {
    String script =
        """
        -- a comment; with a semicolon
        CREATE TABLE a (id INTEGER PRIMARY KEY, s TEXT DEFAULT 'x;y');
        CREATE TRIGGER tr AFTER INSERT ON a BEGIN
          UPDATE a SET s = CASE WHEN new.s IS NULL THEN 'n' ELSE new.s END WHERE id = new.id;
        END;
        """;
    SchemaSnapshot snapshot = fixture.adapter.snapshotOfSql(script, "schema.sql");
    assertThat(snapshot.table("a").orElseThrow().triggers()).hasSize(1);
    assertThat(snapshot.table("a").orElseThrow().column("s").orElseThrow().defaultValue())
        .isEqualTo("'x;y'");
  }

  @Test
  void aFailingScriptStatementIsReportedWithFileAndLine() {
    String script =
        "CREATE TABLE a (id INTEGER);\n\n-- next one is wrong\nCREATE TABLE b (id INTEGER,\n  x REFERENCES);\n";
    assertThatThrownBy(() -> fixture.adapter.snapshotOfSql(script, "schema.sql"))
        .isInstanceOf(InvalidTargetException.class)
        .hasMessageStartingWith("schema.sql:4: ")
        .hasMessageContaining("CREATE TABLE b")
        .satisfies(e -> assertThat(((InvalidTargetException) e).location().line()).isEqualTo(4));
  }

  @Test
  void aScriptCannotReachFiles() {
    Path elsewhere = dir.resolve("elsewhere.db");
    assertThatThrownBy(
            () ->
                fixture.adapter.snapshotOfSql(
                    "CREATE TABLE a (id INTEGER);\nATTACH DATABASE '" + elsewhere + "' AS other;",
                    "schema.sql"))
        .isInstanceOf(InvalidTargetException.class)
        .hasMessageStartingWith("schema.sql:2: ");
    assertThatThrownBy(
            () -> fixture.adapter.snapshotOfSql("VACUUM INTO '" + elsewhere + "'", "schema.sql"))
        .isInstanceOf(InvalidTargetException.class)
        .hasMessageContaining("must not VACUUM");
    assertThat(elsewhere).doesNotExist();
  }
}
