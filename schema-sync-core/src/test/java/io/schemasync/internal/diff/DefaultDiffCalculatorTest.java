package io.schemasync.internal.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.change.AddColumn;
import io.schemasync.api.change.AddConstraint;
import io.schemasync.api.change.AddEnumValues;
import io.schemasync.api.change.AlterColumn;
import io.schemasync.api.change.AlterIndexVisibility;
import io.schemasync.api.change.AlterTableOptions;
import io.schemasync.api.change.CreateEnum;
import io.schemasync.api.change.CreateIndex;
import io.schemasync.api.change.CreateTable;
import io.schemasync.api.change.DropColumn;
import io.schemasync.api.change.DropEnum;
import io.schemasync.api.change.DropIndex;
import io.schemasync.api.change.RenameColumn;
import io.schemasync.api.change.RenameHints;
import io.schemasync.api.change.RenameTable;
import io.schemasync.api.change.SchemaChange;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.EnumType;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.PrimaryKey;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.TableOptions;
import io.schemasync.api.model.UniqueConstraint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultDiffCalculatorTest {
  private final DefaultDiffCalculator diff = new DefaultDiffCalculator();

  private static Table users() {
    return Table.of(
            "users",
            List.of(Column.of("id", "INTEGER", false), Column.of("email", "TEXT", false)),
            new PrimaryKey(null, List.of("id")))
        .withIndexes(List.of(Index.on("idx_users_email", true, List.of("email"))));
  }

  @Test
  void identicalSnapshotsHaveNoDifference() {
    SchemaSnapshot s = SchemaSnapshot.ofTables(List.of(users()));
    assertThat(diff.diff(s, s).isEmpty()).isTrue();
  }

  @Test
  void columnOrderIsNotADifference() {
    Table reordered =
        users().withColumns(List.of(users().columns().get(1), users().columns().get(0)));
    assertThat(
            diff.diff(
                    SchemaSnapshot.ofTables(List.of(users())),
                    SchemaSnapshot.ofTables(List.of(reordered)))
                .isEmpty())
        .isTrue();
  }

  @Test
  void newTableComesWithItsForeignKeysIndexesSeparately() {
    Table posts =
        Table.of(
                "posts",
                List.of(Column.of("id", "INTEGER", false), Column.of("user_id", "INTEGER", false)),
                null)
            .withForeignKeys(
                List.of(
                    new ForeignKey(
                        null, List.of("user_id"), "users", List.of("id"), null, null, false)))
            .withIndexes(List.of(Index.on("idx_posts_user", false, List.of("user_id"))));
    List<SchemaChange> changes =
        diff.diff(
                SchemaSnapshot.ofTables(List.of(users())),
                SchemaSnapshot.ofTables(List.of(users(), posts)))
            .changes();
    assertThat(changes).hasSize(3);
    assertThat(changes.get(0))
        .isInstanceOfSatisfying(
            CreateTable.class,
            c -> {
              assertThat(c.definition().foreignKeys()).isEmpty();
              assertThat(c.definition().indexes()).isEmpty();
            });
    assertThat(changes.get(1)).isInstanceOf(AddConstraint.class);
    assertThat(changes.get(2)).isInstanceOf(CreateIndex.class);
  }

  @Test
  void columnChangesAreAddDropAndAlter() {
    Table to =
        users()
            .withColumns(
                List.of(
                    Column.of("id", "INTEGER", false),
                    Column.of("email", "VARCHAR(255)", true),
                    Column.of("name", "TEXT", true)));
    Table from = users().withColumn(Column.of("legacy", "TEXT", true));
    List<SchemaChange> changes =
        diff.diff(SchemaSnapshot.ofTables(List.of(from)), SchemaSnapshot.ofTables(List.of(to)))
            .changes();
    assertThat(changes)
        .hasAtLeastOneElementOfType(AddColumn.class)
        .hasAtLeastOneElementOfType(DropColumn.class)
        .hasAtLeastOneElementOfType(AlterColumn.class);
    AlterColumn alter =
        (AlterColumn)
            changes.stream().filter(AlterColumn.class::isInstance).findFirst().orElseThrow();
    assertThat(alter.typeChanged()).isTrue();
    assertThat(alter.nullabilityChanged()).isTrue();
    assertThat(alter.defaultChanged()).isFalse();
  }

  @Test
  void renamesFollowDeclaredHintsOnlyAndCarryIndexes() {
    Table to =
        users()
            .withColumns(
                List.of(Column.of("id", "INTEGER", false), Column.of("mail", "TEXT", false)))
            .withIndexes(List.of(Index.on("idx_users_email", true, List.of("mail"))));
    SchemaSnapshot from = SchemaSnapshot.ofTables(List.of(users()));
    SchemaSnapshot target = SchemaSnapshot.ofTables(List.of(to));

    List<SchemaChange> guessed = diff.diff(from, target).changes();
    assertThat(guessed)
        .hasAtLeastOneElementOfType(DropColumn.class)
        .noneMatch(RenameColumn.class::isInstance);

    RenameHints hints = new RenameHints(Map.of(), Map.of("users", Map.of("mail", "email")));
    List<SchemaChange> renamed = diff.diff(from, target, hints).changes();
    assertThat(renamed).containsExactly(new RenameColumn("users", "email", "mail"));
  }

  @Test
  void tableRenameThenDiffsTheRenamedTable() {
    Table accounts = users().withName("accounts");
    RenameHints hints = new RenameHints(Map.of("users", "accounts"), Map.of());
    List<SchemaChange> changes =
        diff.diff(
                SchemaSnapshot.ofTables(List.of(accounts)),
                SchemaSnapshot.ofTables(List.of(users())),
                hints)
            .changes();
    assertThat(changes).containsExactly(new RenameTable("accounts", "users"));
  }

  @Test
  void modifiedIndexIsDroppedAndCreated() {
    Table to = users().withIndexes(List.of(Index.on("idx_users_email", false, List.of("email"))));
    List<SchemaChange> changes =
        diff.diff(SchemaSnapshot.ofTables(List.of(users())), SchemaSnapshot.ofTables(List.of(to)))
            .changes();
    assertThat(changes).hasSize(2);
    assertThat(changes.get(0)).isInstanceOf(DropIndex.class);
    assertThat(changes.get(1)).isInstanceOf(CreateIndex.class);
  }

  @Test
  void enumValuesAppendedAreAddedOtherwiseReplaced() {
    SchemaSnapshot a =
        new SchemaSnapshot(
            List.of(),
            List.of(),
            List.of(),
            List.of(new EnumType("s", List.of("a", "b"))),
            List.of(),
            List.of());
    SchemaSnapshot appended =
        new SchemaSnapshot(
            List.of(),
            List.of(),
            List.of(),
            List.of(new EnumType("s", List.of("a", "x", "b", "c"))),
            List.of(),
            List.of());
    SchemaSnapshot reordered =
        new SchemaSnapshot(
            List.of(),
            List.of(),
            List.of(),
            List.of(new EnumType("s", List.of("b", "a"))),
            List.of(),
            List.of());
    assertThat(diff.diff(a, appended).changes()).singleElement().isInstanceOf(AddEnumValues.class);
    assertThat(diff.diff(a, reordered).changes())
        .hasSize(2)
        .satisfies(c -> assertThat(c.get(0)).isInstanceOf(DropEnum.class))
        .satisfies(c -> assertThat(c.get(1)).isInstanceOf(CreateEnum.class));
  }

  @Test
  void tableOptionsAreComparedOnlyWhereTheTargetDeclaresThem() {
    Table live = users().withOptions(new TableOptions("MyISAM", "latin1", "latin1_swedish_ci"));
    SchemaSnapshot current = SchemaSnapshot.ofTables(List.of(live));

    assertThat(diff.diff(current, SchemaSnapshot.ofTables(List.of(users()))).isEmpty()).isTrue();
    assertThat(
            diff.diff(
                    current,
                    SchemaSnapshot.ofTables(
                        List.of(users().withOptions(new TableOptions("MyISAM", null, null)))))
                .isEmpty())
        .isTrue();

    List<SchemaChange> changes =
        diff.diff(
                current,
                SchemaSnapshot.ofTables(
                    List.of(users().withOptions(new TableOptions(null, "utf8mb4", null)))))
            .changes();
    assertThat(changes)
        .singleElement()
        .isInstanceOfSatisfying(
            AlterTableOptions.class,
            c -> {
              // The new character set brings its own default collation: none is carried over.
              assertThat(c.to()).isEqualTo(new TableOptions("MyISAM", "utf8mb4", null));
              assertThat(c.charsetChanged()).isTrue();
              assertThat(c.engineChanged()).isFalse();
              assertThat(c.describe())
                  .isEqualTo("set options of table users (charset latin1 -> utf8mb4)");
            });
  }

  @Test
  void anIndexThatOnlyChangesVisibilityIsAlteredNotRebuilt() {
    Index visible = users().indexes().get(0);
    SchemaSnapshot current = SchemaSnapshot.ofTables(List.of(users()));
    SchemaSnapshot hidden =
        SchemaSnapshot.ofTables(List.of(users().withIndexes(List.of(visible.withInvisible(true)))));

    assertThat(diff.diff(current, hidden).changes())
        .containsExactly(new AlterIndexVisibility("users", visible, visible.withInvisible(true)));
    assertThat(diff.diff(hidden, current).changes())
        .containsExactly(new AlterIndexVisibility("users", visible.withInvisible(true), visible));
    // Visibility and definition both changed: the index is rebuilt, already invisible.
    Index other = Index.on("idx_users_email", false, List.of("email")).withInvisible(true);
    assertThat(
            diff.diff(
                    current, SchemaSnapshot.ofTables(List.of(users().withIndexes(List.of(other)))))
                .changes())
        .containsExactly(new DropIndex("users", visible), new CreateIndex("users", other));
  }

  @Test
  void invisibilityIsLeftOutOfTheJsonOfVisibleIndexes() {
    SchemaSnapshot s = SchemaSnapshot.ofTables(List.of(users()));
    assertThat(s.toJson()).doesNotContain("invisible");
    SchemaSnapshot hidden =
        SchemaSnapshot.ofTables(
            List.of(users().withIndexes(List.of(users().indexes().get(0).withInvisible(true)))));
    assertThat(hidden.toJson()).contains("\"invisible\" : true");
    assertThat(SchemaSnapshot.fromJson(hidden.toJson())).isEqualTo(hidden);
    assertThat(SchemaSnapshot.fromJson(s.toJson())).isEqualTo(s);
  }

  @Test
  void hidingAUniqueConstraintIsAChangeOfVisibility() {
    Table visible =
        users()
            .withIndexes(List.of())
            .withUniques(List.of(new UniqueConstraint("uq", List.of("email"))));
    Index hiddenIndex = Index.on("uq", true, List.of("email")).withInvisible(true);
    Table hidden = users().withIndexes(List.of(hiddenIndex));
    SchemaSnapshot a = SchemaSnapshot.ofTables(List.of(visible));
    SchemaSnapshot b = SchemaSnapshot.ofTables(List.of(hidden));

    assertThat(diff.diff(a, b).changes())
        .containsExactly(
            new AlterIndexVisibility("users", Index.on("uq", true, List.of("email")), hiddenIndex));
    assertThat(diff.diff(b, a).changes())
        .containsExactly(
            new AlterIndexVisibility("users", hiddenIndex, Index.on("uq", true, List.of("email"))));
  }
}
