package io.schemasync.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.TenantContext;
import io.schemasync.api.change.AddConstraint;
import io.schemasync.api.change.CreateTable;
import io.schemasync.api.change.CreateView;
import io.schemasync.api.change.DropTable;
import io.schemasync.api.change.DropView;
import io.schemasync.api.change.SchemaChange;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.IndexPart;
import io.schemasync.api.model.PartitionBy;
import io.schemasync.api.model.PartitionOf;
import io.schemasync.api.model.PrimaryKey;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.View;
import io.schemasync.api.plan.MigrationPlan;
import io.schemasync.api.plan.MigrationStep;
import io.schemasync.api.plan.PlanPolicy;
import io.schemasync.api.plan.Safety;
import io.schemasync.internal.diff.DefaultDiffCalculator;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultPlannerTest {
  private static final TenantContext T = TenantContext.of("t1");
  private final DefaultPlanner planner = new DefaultPlanner();

  private static Table table(String name, String... extraColumns) {
    List<Column> columns = new java.util.ArrayList<>(List.of(Column.of("id", "INTEGER", false)));
    for (String c : extraColumns) {
      columns.add(Column.of(c, "INTEGER", true));
    }
    return Table.of(name, columns, new PrimaryKey(null, List.of("id")));
  }

  private MigrationPlan plan(SchemaSnapshot from, SchemaSnapshot to, PlanPolicy policy) {
    return planner.plan(
        T, from, to, new DefaultDiffCalculator().diff(from, to), new EchoDialect(), policy);
  }

  private static List<SchemaChange> changes(MigrationPlan plan) {
    return plan.steps().stream().flatMap(s -> s.changes().stream()).toList();
  }

  @Test
  void emptyDiffGivesEmptyPlan() {
    SchemaSnapshot s = SchemaSnapshot.ofTables(List.of(table("a")));
    MigrationPlan plan = plan(s, s, PlanPolicy.DEFAULT);
    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.fromHash()).isEqualTo(plan.targetHash());
  }

  @Test
  void foreignKeysComeAfterBothTables() {
    Table child =
        table("child", "parent_id")
            .withForeignKeys(
                List.of(
                    new ForeignKey(
                        null, List.of("parent_id"), "parent", List.of("id"), null, null, false)));
    SchemaSnapshot to = SchemaSnapshot.ofTables(List.of(child, table("parent")));
    List<SchemaChange> ordered = changes(plan(SchemaSnapshot.EMPTY, to, PlanPolicy.DEFAULT));
    assertThat(ordered).hasSize(3);
    assertThat(ordered.get(0)).isInstanceOf(CreateTable.class);
    assertThat(ordered.get(1)).isInstanceOf(CreateTable.class);
    assertThat(ordered.get(2)).isInstanceOf(AddConstraint.class);
  }

  @Test
  void referencingTableIsDroppedBeforeReferencedOne() {
    Table child =
        table("a_child", "parent_id")
            .withForeignKeys(
                List.of(
                    new ForeignKey(
                        null, List.of("parent_id"), "z_parent", List.of("id"), null, null, false)));
    SchemaSnapshot from = SchemaSnapshot.ofTables(List.of(table("z_parent"), child));
    MigrationPlan plan =
        plan(from, SchemaSnapshot.EMPTY, PlanPolicy.DEFAULT.withAllowDestructive(true));
    List<SchemaChange> ordered = changes(plan);
    assertThat(ordered).allMatch(DropTable.class::isInstance);
    assertThat(((DropTable) ordered.get(0)).definition().name()).isEqualTo("a_child");
  }

  @Test
  void destructiveStepsAreRefusedUnlessAllowed() {
    SchemaSnapshot from = SchemaSnapshot.ofTables(List.of(table("a", "old")));
    SchemaSnapshot to = SchemaSnapshot.ofTables(List.of(table("a")));
    MigrationPlan refused = plan(from, to, PlanPolicy.DEFAULT);
    assertThat(refused.isAllowed()).isFalse();
    assertThat(refused.violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.safety()).isEqualTo(Safety.DESTRUCTIVE);
              assertThat(v.message()).contains("a.old");
              assertThat(v.remedy()).contains("--allow-destructive");
            });
    MigrationPlan allowed = plan(from, to, PlanPolicy.DEFAULT.withAllowDestructive(true));
    assertThat(allowed.isAllowed()).isTrue();
    assertThat(allowed.warnings()).anyMatch(w -> w.contains("destructive"));
  }

  @Test
  void breakingStepsFollowThePolicy() {
    SchemaSnapshot from = SchemaSnapshot.ofTables(List.of(table("a", "x")));
    Table tightened = table("a").withColumn(Column.of("x", "INTEGER", false));
    SchemaSnapshot to = SchemaSnapshot.ofTables(List.of(tightened));
    MigrationPlan warn = plan(from, to, PlanPolicy.DEFAULT);
    assertThat(warn.isAllowed()).isTrue();
    assertThat(warn.maxSafety()).isEqualTo(Safety.BREAKING);
    assertThat(warn.steps().get(0).reason())
        .startsWith("makes a.x NOT NULL")
        .contains("also locking: rewrites the table");
    MigrationPlan block =
        plan(from, to, PlanPolicy.DEFAULT.withBreaking(PlanPolicy.BreakingPolicy.BLOCK));
    assertThat(block.isAllowed()).isFalse();
  }

  @Test
  void constraintsOnNewTablesAreSafe() {
    Table child =
        table("child", "parent_id")
            .withForeignKeys(
                List.of(
                    new ForeignKey(
                        null, List.of("parent_id"), "parent", List.of("id"), null, null, false)));
    MigrationPlan plan =
        plan(
            SchemaSnapshot.ofTables(List.of(table("parent"))),
            SchemaSnapshot.ofTables(List.of(table("parent"), child)),
            PlanPolicy.DEFAULT);
    assertThat(plan.maxSafety()).isEqualTo(Safety.SAFE);
  }

  @Test
  void viewsOverAChangedColumnAreDroppedAndRecreatedInDependencyOrder() {
    View base = new View("v_base", "SELECT id, x FROM a", false);
    View derived = new View("v_derived", "SELECT x FROM \"v_base\"", false);
    Table from = table("a", "x");
    Table to = table("a").withColumn(Column.of("x", "TEXT", true));
    SchemaSnapshot fromS = SchemaSnapshot.ofTables(List.of(from)).withViews(List.of(base, derived));
    SchemaSnapshot toS = SchemaSnapshot.ofTables(List.of(to)).withViews(List.of(base, derived));
    List<SchemaChange> ordered = changes(plan(fromS, toS, PlanPolicy.DEFAULT));
    assertThat(ordered).hasSize(5);
    assertThat(ordered.get(0)).isEqualTo(new DropView(derived));
    assertThat(ordered.get(1)).isEqualTo(new DropView(base));
    assertThat(ordered.get(3)).isEqualTo(new CreateView(base));
    assertThat(ordered.get(4)).isEqualTo(new CreateView(derived));
  }

  @Test
  void stepsNameTheirDependencies() {
    Table child =
        table("child", "parent_id")
            .withForeignKeys(
                List.of(
                    new ForeignKey(
                        null, List.of("parent_id"), "parent", List.of("id"), null, null, false)));
    MigrationPlan plan =
        plan(
            SchemaSnapshot.EMPTY,
            SchemaSnapshot.ofTables(List.of(child, table("parent"))),
            PlanPolicy.DEFAULT);
    MigrationStep fk = plan.steps().get(2);
    assertThat(fk.dependsOn()).containsExactly(1, 2);
  }

  private static Table partitioned(String name) {
    return Table.of(name, List.of(Column.of("id", "INTEGER", false)), null)
        .withPartitionBy(
            new PartitionBy(PartitionBy.Strategy.RANGE, List.of(IndexPart.column("id"))));
  }

  private static Table partition(String name, String parent, String bound) {
    return Table.of(name, List.of(), null).withPartitionOf(new PartitionOf(parent, bound));
  }

  @Test
  void partitionsAreCreatedAfterAndDroppedBeforeTheirParent() {
    // names sort the partition first: the order must come from the parent link, not the name
    SchemaSnapshot to =
        SchemaSnapshot.ofTables(
            List.of(
                partitioned("z_events"),
                partition("a_events_1", "z_events", "FOR VALUES FROM (1) TO (10)")));
    List<String> created =
        changes(plan(SchemaSnapshot.EMPTY, to, PlanPolicy.DEFAULT)).stream()
            .map(SchemaChange::describe)
            .toList();
    assertThat(created).containsExactly("create table z_events", "create table a_events_1");

    MigrationPlan dropped =
        plan(
            to,
            SchemaSnapshot.ofTables(List.of(table("other"))),
            PlanPolicy.DEFAULT.withAllowDestructive(true));
    List<String> drops =
        changes(dropped).stream()
            .filter(c -> c instanceof DropTable)
            .map(SchemaChange::describe)
            .toList();
    assertThat(drops).containsExactly("drop table a_events_1", "drop table z_events");
  }

  @Test
  void aChangedPartitioningIsRefusedWhateverThePolicy() {
    SchemaSnapshot from = SchemaSnapshot.ofTables(List.of(partitioned("events")));
    SchemaSnapshot to =
        SchemaSnapshot.ofTables(List.of(partitioned("events").withPartitionBy(null)));
    MigrationPlan plan = plan(from, to, PlanPolicy.DEFAULT.withAllowDestructive(true));
    assertThat(plan.isAllowed()).isFalse();
    assertThat(plan.steps()).singleElement().satisfies(s -> assertThat(s.statements()).isEmpty());
    assertThat(plan.violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.step()).isEqualTo(1);
              assertThat(v.message())
                  .contains("table events is partitioned by RANGE (id)")
                  .contains("cannot be changed in place");
            });
  }
}
