package io.schemasync.mysql;

import static io.schemasync.mysql.MysqlFixture.count;
import static io.schemasync.mysql.MysqlFixture.schemaOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.Target;
import io.schemasync.api.TenantResult;
import io.schemasync.api.TenantSelection;
import io.schemasync.api.TenantStatus;
import io.schemasync.api.change.AlterIndexVisibility;
import io.schemasync.api.change.AlterTableOptions;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.TableOptions;
import io.schemasync.api.plan.MigrationStep;
import io.schemasync.api.plan.Safety;
import io.schemasync.testsupport.contract.AsDeclared;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Table engine, character set and collation, and indexes hidden from the optimizer, against the
 * real server: inspected, declared in a schema file, changed, converged, rows intact.
 */
class MysqlTableOptionsIT {
  /** A legacy table: MyISAM, latin1, with one column that has a collation of its own. */
  private static final String LEGACY =
      "CREATE TABLE notes (id INT PRIMARY KEY, title VARCHAR(50) NOT NULL, body MEDIUMTEXT NULL,"
          + " code VARCHAR(5) COLLATE latin1_bin NULL, tag ENUM('a','b') NULL, n INT NULL)"
          + " ENGINE=MyISAM DEFAULT CHARSET=latin1";

  private static final String NOTES_YAML =
      """
      tables:
        - name: notes
          %s
          columns:
            - {name: id, type: int, primaryKey: true}
            - {name: title, type: varchar(50)}
            - {name: body, type: mediumtext, nullable: true}
            - {name: code, type: varchar(5), nullable: true, collation: latin1_bin}
            - {name: tag, type: "enum('a','b')", nullable: true}
            - {name: n, type: int, nullable: true}
          indexes:
            - {name: ix_n, columns: [n]%s}
      """;

  @TempDir Path dir;

  @Test
  void theInspectorReportsEngineCharacterSetAndCollation() throws Exception {
    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases()) {
      String tenant = dbs.create("opts");
      MysqlTestServer.exec(tenant, LEGACY);
      try (MysqlAdapter adapter = MysqlFixture.adapter()) {
        Table notes =
            adapter.inspector().inspect(adapter.tenant(tenant)).table("notes").orElseThrow();
        assertThat(notes.options())
            .isEqualTo(new TableOptions("MyISAM", "latin1", "latin1_swedish_ci"));
        assertThat(notes.columns())
            .extracting(Column::name, Column::collation)
            .contains(
                org.assertj.core.groups.Tuple.tuple("title", null),
                org.assertj.core.groups.Tuple.tuple("code", "latin1_bin"));
      }
      // A SQL target that names no engine or character set declares none of them.
      SchemaSnapshot plain = schemaOf("CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(3))");
      assertThat(plain.table("t").orElseThrow().options()).isNull();
      SchemaSnapshot chosen =
          schemaOf(
              "CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(3)) ENGINE=MyISAM CHARSET=latin1");
      assertThat(chosen.table("t").orElseThrow().options())
          .isEqualTo(new TableOptions("MyISAM", "latin1", "latin1_swedish_ci"));
    }
  }

  @Test
  void aLegacyTableIsConvertedToTheDeclaredOptionsAndKeepsItsRows() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("notes.yaml"),
            NOTES_YAML.formatted(
                "options: {engine: innodb, charset: utf8mb4, collation: utf8mb4_unicode_ci}",
                ", invisible: true"));
    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases()) {
      String tenant = dbs.create("conv");
      MysqlTestServer.exec(
          tenant,
          LEGACY,
          "CREATE INDEX ix_n ON notes (n)",
          "INSERT INTO notes VALUES (1, 'caf\u00e9', 'na\u00efve body', 'x', 'a', 7)");

      // Without options, the same schema leaves each tenant's engine and character set alone.
      String undeclared = NOTES_YAML.formatted("", "");
      Path plain = Files.writeString(dir.resolve("plain.yaml"), undeclared);
      try (SchemaSync sync =
          SchemaSync.builder().url(MysqlTestServer.url()).target(Target.of(plain)).build()) {
        assertThat(sync.diff(TenantSelection.ids(tenant)).results().get(0).diff().render())
            .isEmpty();
      }

      try (SchemaSync sync =
          SchemaSync.builder().url(MysqlTestServer.url()).target(Target.of(file)).build()) {
        TenantResult planned = sync.plan(TenantSelection.ids(tenant)).results().get(0);
        assertThat(planned.failure()).isNull();
        MigrationStep convert =
            planned.plan().steps().stream()
                .filter(s -> s.changes().stream().anyMatch(AlterTableOptions.class::isInstance))
                .findFirst()
                .orElseThrow();
        assertThat(convert.safety()).as(convert.toString()).isEqualTo(Safety.LOCKING);
        assertThat(convert.reason()).contains("engine of notes to InnoDB copies the table");
        assertThat(convert.statements().get(0))
            .startsWith(
                "ALTER TABLE `notes` ENGINE = `InnoDB`, DEFAULT CHARACTER SET = `utf8mb4`"
                    + " COLLATE = `utf8mb4_unicode_ci`, MODIFY COLUMN `title`");
        assertThat(planned.plan().steps())
            .flatExtracting(MigrationStep::changes)
            .hasAtLeastOneElementOfType(AlterIndexVisibility.class);

        TenantResult applied = sync.sync(tenant);
        assertThat(applied.failure()).isNull();
        assertThat(applied.status()).isEqualTo(TenantStatus.APPLIED);
        assertThat(sync.sync(tenant).status()).isEqualTo(TenantStatus.IN_SYNC);
        SchemaSnapshot live = sync.inspect(tenant);
        assertThat(AsDeclared.of(live, sync.target())).isEqualTo(sync.target());
        Table notes = live.table("notes").orElseThrow();
        assertThat(notes.options())
            .isEqualTo(new TableOptions("InnoDB", "utf8mb4", "utf8mb4_unicode_ci"));
        // Types stay as declared (CONVERT TO would have made body a longtext), and the column
        // with its own collation keeps it.
        assertThat(notes.column("body").orElseThrow().type()).isEqualTo("mediumtext");
        assertThat(notes.column("code").orElseThrow().collation()).isEqualTo("latin1_bin");
        assertThat(notes.indexes()).singleElement().matches(Index::invisible);
      }
      try (Connection c = MysqlTestServer.connect()) {
        c.setCatalog(tenant);
        try (Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("SELECT title, body, code FROM notes")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("caf\u00e9");
          assertThat(rs.getString(2)).isEqualTo("na\u00efve body");
          assertThat(rs.getString(3)).isEqualTo("x");
        }
      }
    }
  }

  @Test
  void anIndexIsHiddenAndShownAgainWithoutARebuild() throws Exception {
    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases()) {
      String tenant = dbs.create("vis");
      MysqlTestServer.exec(
          tenant,
          "CREATE TABLE t (id INT PRIMARY KEY, a INT, b VARCHAR(10), KEY ix_a (a),"
              + " UNIQUE KEY uq_b (b))",
          "INSERT INTO t VALUES (1, 1, 'x'), (2, 2, 'y')");
      SchemaSnapshot visible;
      try (MysqlAdapter adapter = MysqlFixture.adapter()) {
        visible = adapter.inspector().inspect(adapter.tenant(tenant));
      }
      Table t = visible.table("t").orElseThrow();
      Table hiddenTable =
          t.withIndexes(
                  java.util.List.of(
                      t.indexes().get(0).withInvisible(true),
                      Index.on("uq_b", true, java.util.List.of("b")).withInvisible(true)))
              .withUniques(java.util.List.of());
      SchemaSnapshot hidden = visible.withTables(java.util.List.of(hiddenTable));
      for (SchemaSnapshot target : java.util.List.of(hidden, visible)) {
        try (SchemaSync sync = MysqlFixture.engine(target, false)) {
          TenantResult r = sync.sync(tenant);
          assertThat(r.failure()).isNull();
          assertThat(r.status()).isEqualTo(TenantStatus.APPLIED);
          // A unique index reads as a unique constraint while visible: still no rebuild.
          assertThat(r.plan().statements())
              .singleElement()
              .satisfies(sql -> assertThat(sql).doesNotContain("DROP", "ADD"));
          assertThat(r.plan().steps()).allMatch(step -> step.safety() == Safety.SAFE);
          assertThat(sync.sync(tenant).status()).isEqualTo(TenantStatus.IN_SYNC);
          assertThat(sync.inspect(tenant)).isEqualTo(target);
        }
      }
      assertThat(count(tenant, "SELECT COUNT(*) FROM t")).isEqualTo(2);
    }
  }
}
