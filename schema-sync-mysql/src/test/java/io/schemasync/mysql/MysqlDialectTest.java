package io.schemasync.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.schemasync.api.InvalidTargetException;
import io.schemasync.api.change.AddColumn;
import io.schemasync.api.change.AddConstraint;
import io.schemasync.api.change.AlterColumn;
import io.schemasync.api.change.AlterIndexVisibility;
import io.schemasync.api.change.AlterTableOptions;
import io.schemasync.api.change.CreateIndex;
import io.schemasync.api.change.CreateSequence;
import io.schemasync.api.change.CreateTable;
import io.schemasync.api.change.DropConstraint;
import io.schemasync.api.change.DropIndex;
import io.schemasync.api.change.RenameColumn;
import io.schemasync.api.change.SchemaChange;
import io.schemasync.api.model.CheckConstraint;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.EnumType;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.IndexPart;
import io.schemasync.api.model.PrimaryKey;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Sequence;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.TableOptions;
import io.schemasync.api.model.Trigger;
import io.schemasync.api.model.TriggerEvent;
import io.schemasync.api.model.TriggerTiming;
import io.schemasync.api.model.UniqueConstraint;
import io.schemasync.api.plan.Safety;
import io.schemasync.spi.StepDraft;
import java.util.List;
import org.junit.jupiter.api.Test;

class MysqlDialectTest {
  private final MysqlDialect maria = new MysqlDialect(ServerFlavor.MARIADB_10_11);
  private final MysqlDialect mysql = new MysqlDialect(ServerFlavor.MYSQL_8_0);

  private static final Table USERS =
      Table.of(
          "users",
          List.of(Column.of("id", "int", false), Column.of("email", "varchar(100)", false)),
          new PrimaryKey(null, List.of("id")));
  private static final SchemaSnapshot CURRENT = SchemaSnapshot.ofTables(List.of(USERS));

  @Test
  void clausesForOneTableMergeIntoOneAlterWithTheCheapestSafeAlgorithm() {
    List<SchemaChange> changes =
        List.of(
            new DropIndex("users", Index.on("ix_old", false, List.of("email"))),
            new CreateIndex("users", Index.on("ix_email", false, List.of("email"))),
            new AddConstraint("users", new UniqueConstraint("uq_email", List.of("email"))));
    List<StepDraft> steps = maria.render(changes, CURRENT, CURRENT);
    assertThat(steps)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.statements())
                  .containsExactly(
                      "ALTER TABLE `users` DROP INDEX `ix_old`,"
                          + " ADD KEY `ix_email` (`email`), ADD UNIQUE KEY `uq_email` (`email`),"
                          + " ALGORITHM=INPLACE, LOCK=NONE");
              assertThat(s.transactional()).isFalse();
              assertThat(s.safety()).isEqualTo(Safety.SAFE);
              assertThat(s.changes()).hasSize(3);
            });
  }

  @Test
  void defaultChangesAreInstantAndTypeChangesAreLockingWithTheReason() {
    Column email = USERS.column("email").get();
    StepDraft instant =
        maria
            .render(
                List.of(new AlterColumn("users", email, email.withDefaultValue("'x'"))),
                CURRENT,
                CURRENT)
            .get(0);
    assertThat(instant.statements())
        .containsExactly(
            "ALTER TABLE `users` ALTER COLUMN `email` SET DEFAULT 'x', ALGORITHM=INSTANT");
    StepDraft copy =
        maria
            .render(
                List.of(new AlterColumn("users", email, email.withType("varchar(10)"))),
                CURRENT,
                CURRENT)
            .get(0);
    assertThat(copy.statements())
        .containsExactly("ALTER TABLE `users` MODIFY COLUMN `email` varchar(10) NOT NULL");
    assertThat(copy.safety()).isEqualTo(Safety.LOCKING);
    assertThat(copy.reason()).contains("copies the table");
    StepDraft add =
        maria
            .render(List.of(new AddColumn("users", Column.of("n", "int", true))), CURRENT, CURRENT)
            .get(0);
    assertThat(add.statements()).containsExactly("ALTER TABLE `users` ADD COLUMN `n` int NULL");
    assertThat(add.safety()).isEqualTo(Safety.SAFE);
  }

  @Test
  void foldsKeysIntoCreateTableButNeverHoistsAForeignKeyAboveItsReferencedTable() {
    Table a =
        Table.of(
            "a",
            List.of(Column.of("id", "int", false), Column.of("b_id", "int", true)),
            new PrimaryKey(null, List.of("id")));
    Table b =
        Table.of("b", List.of(Column.of("id", "int", false)), new PrimaryKey(null, List.of("id")));
    ForeignKey fk =
        new ForeignKey("fk_a_b", List.of("b_id"), "b", List.of("id"), null, null, false);
    List<SchemaChange> changes =
        List.of(
            new CreateTable(a),
            new CreateIndex("a", Index.on("ix_b", false, List.of("b_id"))),
            new CreateTable(b),
            new AddConstraint("a", fk));
    List<StepDraft> steps = maria.render(changes, SchemaSnapshot.EMPTY, SchemaSnapshot.EMPTY);
    assertThat(steps).hasSize(3);
    assertThat(steps.get(0).statements().get(0))
        .startsWith("CREATE TABLE `a`")
        .contains("KEY `ix_b` (`b_id`)");
    assertThat(steps.get(2).statements().get(0))
        .isEqualTo(
            "ALTER TABLE `a` ADD CONSTRAINT `fk_a_b`"
                + " FOREIGN KEY (`b_id`) REFERENCES `b` (`id`) ON DELETE NO ACTION ON UPDATE NO ACTION");
    assertThat(steps.get(2).safety()).isEqualTo(Safety.SAFE);
  }

  @Test
  void replacingTheIndexAForeignKeyUsesHappensInOneStatement() {
    Table c =
        new Table(
            "c",
            List.of(
                Column.of("id", "int", false),
                Column.of("pid", "int", true),
                Column.of("zip", "varchar(10)", true)),
            new PrimaryKey(null, List.of("id")),
            List.of(new UniqueConstraint("u2", List.of("zip"))),
            List.of(),
            List.of(new ForeignKey("fk", List.of("pid"), "p", List.of("id"), null, null, false)),
            List.of(Index.on("fk", false, List.of("pid"))),
            List.of(),
            null);
    SchemaSnapshot current = SchemaSnapshot.ofTables(List.of(c));
    List<SchemaChange> changes =
        List.of(
            new DropIndex("c", Index.on("fk", false, List.of("pid"))),
            new DropConstraint("c", new UniqueConstraint("u2", List.of("zip"))),
            new io.schemasync.api.change.DropTable(
                Table.of("other", List.of(Column.of("x", "int", true)), null)),
            new AddConstraint("c", new UniqueConstraint("u2", List.of("pid", "zip"))));
    List<StepDraft> steps = maria.render(changes, current, current);
    assertThat(steps).hasSize(2);
    assertThat(steps.get(0).statements())
        .containsExactly(
            "ALTER TABLE `c` DROP INDEX `fk`,"
                + " DROP INDEX `u2`, ADD UNIQUE KEY `u2` (`pid`, `zip`), ALGORITHM=INPLACE, LOCK=NONE");
    assertThat(steps.get(1).statements()).containsExactly("DROP TABLE `other`");
  }

  @Test
  void aRenameStandsAloneAndDropCheckDiffersBetweenServers() {
    List<SchemaChange> changes =
        List.of(
            new RenameColumn("users", "email", "mail"),
            new AddColumn("users", Column.of("x", "int", true)));
    assertThat(maria.render(changes, CURRENT, CURRENT)).hasSize(2);
    CheckConstraint ck = new CheckConstraint("ck", "`id` > 0");
    assertThat(
            maria
                .render(List.of(new DropConstraint("users", ck)), CURRENT, CURRENT)
                .get(0)
                .statements()
                .get(0))
        .startsWith("ALTER TABLE `users` DROP CONSTRAINT `ck`");
    assertThat(
            mysql
                .render(List.of(new DropConstraint("users", ck)), CURRENT, CURRENT)
                .get(0)
                .statements()
                .get(0))
        .startsWith("ALTER TABLE `users` DROP CHECK `ck`");
  }

  @Test
  void normalizeNamesWhatMysqlWouldNameAndAddsForeignKeyIndexes() {
    Table orders =
        new Table(
            "orders",
            List.of(
                Column.of("id", "int", false),
                Column.of("user_id", "INT(11)", true),
                Column.of("flag", "tinyint(1)", false).withDefaultValue("true")),
            new PrimaryKey("orders_pkey", List.of("id")),
            List.of(new UniqueConstraint(null, List.of("user_id"))),
            List.of(new CheckConstraint(null, "id > 0")),
            List.of(
                new ForeignKey(null, List.of("flag"), "users", List.of("id"), null, null, false)),
            List.of(
                new Index("ix_u", List.of(IndexPart.column("id")), true, null, "btree", List.of())),
            List.of(),
            null);
    Table n = maria.normalize(SchemaSnapshot.ofTables(List.of(orders))).tables().get(0);
    assertThat(n.primaryKey().name()).isNull();
    assertThat(n.uniques()).extracting(UniqueConstraint::name).containsExactly("ix_u", "user_id");
    assertThat(n.checks()).extracting(CheckConstraint::name).containsExactly("orders_chk_1");
    assertThat(n.foreignKeys()).extracting(ForeignKey::name).containsExactly("orders_ibfk_1");
    assertThat(n.indexes()).extracting(Index::name).containsExactly("orders_ibfk_1");
    assertThat(n.column("user_id").get().type()).isEqualTo("int");
    assertThat(n.column("flag").get().defaultValue()).isEqualTo("1");
    assertThat(maria.normalize(maria.normalize(SchemaSnapshot.ofTables(List.of(orders)))))
        .isEqualTo(maria.normalize(SchemaSnapshot.ofTables(List.of(orders))));
  }

  @Test
  void normalizeRejectsWhatMysqlCannotHoldWithAnActionableMessage() {
    SchemaSnapshot withEnum =
        new SchemaSnapshot(
            List.of(),
            List.of(),
            List.of(),
            List.of(new EnumType("mood", List.of("a"))),
            List.of(),
            List.of());
    assertThatThrownBy(() -> maria.normalize(withEnum))
        .isInstanceOf(InvalidTargetException.class)
        .hasMessageContaining("enum type mood")
        .hasMessageContaining("enum('a','b') column type");
    assertThatThrownBy(
            () -> maria.normalize(SchemaSnapshot.EMPTY.withExtensions(List.of("citext"))))
        .isInstanceOf(InvalidTargetException.class)
        .hasMessageContaining("MySQL has no extensions (extension citext)");
    Table partial =
        USERS.withIndexes(
            List.of(
                new Index(
                    "ix", List.of(IndexPart.column("id")), false, "id > 0", null, List.of())));
    assertThatThrownBy(() -> maria.normalize(SchemaSnapshot.ofTables(List.of(partial))))
        .hasMessageContaining("table users index ix")
        .hasMessageContaining("no partial indexes");
    Table expression =
        USERS.withIndexes(
            List.of(
                new Index(
                    "ix",
                    List.of(IndexPart.expression("lower(email)")),
                    false,
                    null,
                    null,
                    List.of())));
    assertThatThrownBy(() -> maria.normalize(SchemaSnapshot.ofTables(List.of(expression))))
        .hasMessageContaining("MariaDB has no expression indexes");
    assertThat(
            mysql.normalize(SchemaSnapshot.ofTables(List.of(expression))).tables().get(0).indexes())
        .hasSize(1);
    Table multiEvent =
        USERS.withTriggers(
            List.of(
                new Trigger(
                    "tr",
                    TriggerTiming.BEFORE,
                    List.of(TriggerEvent.INSERT, TriggerEvent.UPDATE),
                    List.of(),
                    true,
                    null,
                    "SET NEW.id = 1")));
    assertThatThrownBy(() -> maria.normalize(SchemaSnapshot.ofTables(List.of(multiEvent))))
        .hasMessageContaining("one trigger per event");
    Sequence seq = new Sequence("s", 1, 1, null, null, false, null);
    assertThatThrownBy(() -> mysql.render(List.of(new CreateSequence(seq)), CURRENT, CURRENT))
        .isInstanceOf(InvalidTargetException.class);
    assertThatThrownBy(
            () ->
                mysql.normalize(
                    new SchemaSnapshot(
                        List.of(), List.of(), List.of(), List.of(), List.of(), List.of(seq))))
        .hasMessageContaining("MySQL has no sequences");
    assertThat(maria.render(List.of(new CreateSequence(seq)), CURRENT, CURRENT).get(0).statements())
        .containsExactly(
            "CREATE SEQUENCE `s` START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775806 NOCYCLE");
  }

  @Test
  void serversThatFoldTableNamesGetLowerCaseTargets() {
    MysqlDialect folding = new MysqlDialect(new ServerFlavor(false, 8, 0, 36, true));
    Table mixed =
        new Table(
            "Orders",
            List.of(Column.of("id", "int", false), Column.of("Ref", "int", true)),
            new PrimaryKey(null, List.of("id")),
            List.of(),
            List.of(),
            List.of(
                new ForeignKey(
                    "fk_ref", List.of("Ref"), "Orders", List.of("id"), null, null, false)),
            List.of(),
            List.of(),
            null);
    Table n = folding.normalize(SchemaSnapshot.ofTables(List.of(mixed))).tables().get(0);
    assertThat(n.name()).isEqualTo("orders");
    assertThat(n.foreignKeys().get(0).referencedTable()).isEqualTo("orders");
    assertThat(n.column("Ref")).isPresent();
    assertThat(maria.normalize(SchemaSnapshot.ofTables(List.of(mixed))).tables().get(0).name())
        .isEqualTo("Orders");
  }

  @Test
  void serverVersionsAreParsedFromBothFamilies() {
    assertThat(ServerFlavor.parse("10.11.19-MariaDB-0+deb12u1"))
        .isEqualTo(new ServerFlavor(true, 10, 11, 19));
    assertThat(ServerFlavor.parse("5.5.5-10.6.3-MariaDB"))
        .isEqualTo(new ServerFlavor(true, 10, 6, 3));
    assertThat(ServerFlavor.parse("8.0.36")).isEqualTo(new ServerFlavor(false, 8, 0, 36));
    assertThat(ServerFlavor.parse("8.0.20").instantRenameColumn()).isFalse();
    assertThat(ServerFlavor.parse("8.0.36").functionalIndexes()).isTrue();
  }

  @Test
  void providerAcceptsOnlyMysqlUrlsAndTheTwoProducts() {
    MysqlAdapterProvider provider = new MysqlAdapterProvider();
    assertThat(provider.acceptsUrl("jdbc:mysql://h:3306/")).isTrue();
    assertThat(provider.acceptsUrl("jdbc:mariadb://h:3306/")).isFalse();
    assertThat(provider.acceptsUrl("jdbc:postgresql://h/db")).isFalse();
    assertThat(provider.acceptsProduct("MySQL")).isTrue();
    assertThat(provider.acceptsProduct("MariaDB")).isTrue();
    assertThat(provider.acceptsProduct("PostgreSQL")).isFalse();
  }

  @Test
  void indexVisibilityIsAlteredInPlaceWithEachServersWord() {
    Index ix = Index.on("ix_email", false, List.of("email"));
    SchemaChange hide = new AlterIndexVisibility("users", ix, ix.withInvisible(true));
    SchemaChange show = new AlterIndexVisibility("users", ix.withInvisible(true), ix);
    assertThat(maria.render(List.of(hide), CURRENT, CURRENT).get(0).statements())
        .containsExactly(
            "ALTER TABLE `users` ALTER INDEX `ix_email` IGNORED, ALGORITHM=INPLACE, LOCK=NONE");
    assertThat(maria.render(List.of(show), CURRENT, CURRENT).get(0).statements())
        .containsExactly(
            "ALTER TABLE `users` ALTER INDEX `ix_email` NOT IGNORED, ALGORITHM=INPLACE, LOCK=NONE");
    StepDraft step = mysql.render(List.of(hide), CURRENT, CURRENT).get(0);
    assertThat(step.statements())
        .containsExactly(
            "ALTER TABLE `users` ALTER INDEX `ix_email` INVISIBLE, ALGORITHM=INPLACE, LOCK=NONE");
    assertThat(step.safety()).isEqualTo(Safety.SAFE);
    assertThat(
            mysql
                .render(List.of(new CreateIndex("users", ix.withInvisible(true))), CURRENT, CURRENT)
                .get(0)
                .statements()
                .get(0))
        .contains("ADD KEY `ix_email` (`email`) INVISIBLE");
  }

  @Test
  void invisibleIndexesAreRefusedWhereTheServerHasNone() {
    MysqlDialect old = new MysqlDialect(new ServerFlavor(true, 10, 5, 20));
    SchemaSnapshot target =
        SchemaSnapshot.ofTables(
            List.of(
                USERS.withIndexes(
                    List.of(Index.on("ix_email", false, List.of("email")).withInvisible(true)))));
    assertThatThrownBy(() -> old.normalize(target))
        .isInstanceOf(InvalidTargetException.class)
        .hasMessageContaining("table users index ix_email")
        .hasMessageContaining("MariaDB 10.5.20 cannot hide an index");
    // An invisible unique index stays an index: a unique constraint cannot be hidden.
    SchemaSnapshot unique =
        SchemaSnapshot.ofTables(
            List.of(
                USERS.withIndexes(
                    List.of(Index.on("uq_email", true, List.of("email")).withInvisible(true)))));
    Table normalized = maria.normalize(unique).tables().get(0);
    assertThat(normalized.uniques()).isEmpty();
    assertThat(normalized.indexes()).singleElement().matches(Index::invisible);
  }

  @Test
  void tableOptionsAreSpelledAsTheServerReportsThem() {
    Table t =
        USERS
            .withColumns(
                List.of(
                    Column.of("id", "int", false),
                    Column.of("code", "varchar(5)", true).withCollation("UTF8_BIN"),
                    Column.of("name", "varchar(5)", true).withCollation("latin1_german1_ci")))
            .withOptions(new TableOptions("innodb", "UTF8", "utf8_bin"));
    Table normalized = maria.normalize(SchemaSnapshot.ofTables(List.of(t))).tables().get(0);
    assertThat(normalized.options())
        .isEqualTo(new TableOptions("InnoDB", "utf8mb3", "utf8mb3_bin"));
    // A column with the table's collation reads without one, like the inspector reports it.
    assertThat(normalized.columns())
        .extracting(Column::collation)
        .containsExactly(null, null, "latin1_german1_ci");
    assertThatThrownBy(
            () ->
                maria.normalize(
                    SchemaSnapshot.ofTables(
                        List.of(USERS.withOptions(new TableOptions("InnoDB`x", null, null))))))
        .isInstanceOf(InvalidTargetException.class)
        .hasMessageContaining("table users: table option 'InnoDB`x'");
  }

  @Test
  void aNewCharacterSetConvertsTheInheritingTextColumnsInOneCopyingStatement() {
    Table live =
        Table.of(
                "notes",
                List.of(
                    Column.of("id", "int", false),
                    Column.of("title", "varchar(50)", false),
                    Column.of("body", "text", true),
                    Column.of("code", "varchar(5)", true).withCollation("latin1_bin"),
                    Column.of("n", "int", true)),
                new PrimaryKey(null, List.of("id")))
            .withOptions(new TableOptions("InnoDB", "latin1", "latin1_swedish_ci"));
    TableOptions wanted = new TableOptions(null, "utf8mb4", "utf8mb4_unicode_ci");
    Table target =
        live.withOptions(wanted)
            .withColumn(Column.of("title", "varchar(80)", false))
            .withColumn(Column.of("extra", "varchar(9)", true));
    SchemaSnapshot current = SchemaSnapshot.ofTables(List.of(live));
    List<SchemaChange> changes =
        List.of(
            new AlterTableOptions("notes", live.options(), wanted.appliedTo(live.options())),
            new AlterColumn("notes", live.column("title").get(), target.column("title").get()),
            new AddColumn("notes", target.column("extra").get()));
    StepDraft step =
        maria.render(changes, current, SchemaSnapshot.ofTables(List.of(target))).get(0);
    // title and extra get the new default through their own clauses, body through a MODIFY of
    // its own; code keeps its collation; n is no text.
    assertThat(step.statements())
        .containsExactly(
            "ALTER TABLE `notes` DEFAULT CHARACTER SET = `utf8mb4` COLLATE = `utf8mb4_unicode_ci`,"
                + " MODIFY COLUMN `body` text NULL,"
                + " MODIFY COLUMN `title` varchar(80) NOT NULL,"
                + " ADD COLUMN `extra` varchar(9) NULL");
    assertThat(step.safety()).isEqualTo(Safety.LOCKING);
    assertThat(step.reason()).contains("converting `body` to utf8mb4_unicode_ci copies the table");

    // No text column inherits the default: only the default changes, in the metadata.
    Table numbers =
        Table.of("nums", List.of(Column.of("id", "int", false)), null)
            .withOptions(new TableOptions("InnoDB", "latin1", "latin1_swedish_ci"));
    StepDraft defaultOnly =
        mysql
            .render(
                List.of(
                    new AlterTableOptions(
                        "nums", numbers.options(), wanted.appliedTo(numbers.options()))),
                SchemaSnapshot.ofTables(List.of(numbers)),
                SchemaSnapshot.ofTables(List.of(numbers.withOptions(wanted))))
            .get(0);
    assertThat(defaultOnly.statements())
        .containsExactly(
            "ALTER TABLE `nums` DEFAULT CHARACTER SET = `utf8mb4` COLLATE = `utf8mb4_unicode_ci`");
    assertThat(defaultOnly.safety()).isEqualTo(Safety.SAFE);
  }

  @Test
  void anotherEngineCopiesTheTable() {
    Table live = USERS.withOptions(new TableOptions("MyISAM", "utf8mb4", "utf8mb4_general_ci"));
    TableOptions to = new TableOptions("InnoDB", null, null).appliedTo(live.options());
    StepDraft step =
        maria
            .render(
                List.of(new AlterTableOptions("users", live.options(), to)),
                SchemaSnapshot.ofTables(List.of(live)),
                SchemaSnapshot.ofTables(List.of(live.withOptions(to))))
            .get(0);
    assertThat(step.statements()).containsExactly("ALTER TABLE `users` ENGINE = `InnoDB`");
    assertThat(step.safety()).isEqualTo(Safety.LOCKING);
    assertThat(step.reason()).isEqualTo("changing the engine of users to InnoDB copies the table");
    assertThat(step.description())
        .isEqualTo("set options of table users (engine MyISAM -> InnoDB)");
  }
}
