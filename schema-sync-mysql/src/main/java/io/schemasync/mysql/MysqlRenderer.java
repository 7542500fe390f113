package io.schemasync.mysql;

import static io.schemasync.mysql.MysqlNames.literal;
import static io.schemasync.mysql.MysqlNames.quote;

import io.schemasync.api.InvalidTargetException;
import io.schemasync.api.change.AddColumn;
import io.schemasync.api.change.AddConstraint;
import io.schemasync.api.change.AlterColumn;
import io.schemasync.api.change.AlterIndexVisibility;
import io.schemasync.api.change.AlterSequence;
import io.schemasync.api.change.AlterTableComment;
import io.schemasync.api.change.AlterTableOptions;
import io.schemasync.api.change.CreateIndex;
import io.schemasync.api.change.CreateRoutine;
import io.schemasync.api.change.CreateSequence;
import io.schemasync.api.change.CreateTable;
import io.schemasync.api.change.CreateTrigger;
import io.schemasync.api.change.CreateView;
import io.schemasync.api.change.DropColumn;
import io.schemasync.api.change.DropConstraint;
import io.schemasync.api.change.DropIndex;
import io.schemasync.api.change.DropRoutine;
import io.schemasync.api.change.DropSequence;
import io.schemasync.api.change.DropTable;
import io.schemasync.api.change.DropTrigger;
import io.schemasync.api.change.DropView;
import io.schemasync.api.change.RenameColumn;
import io.schemasync.api.change.RenameTable;
import io.schemasync.api.change.SchemaChange;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.Constraint;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.plan.Safety;
import io.schemasync.spi.StepDraft;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Renders ordered changes into steps of exactly one statement each, so a step is atomic even though
 * MySQL commits DDL at once: all clauses for one table that can move together without crossing a
 * dependency become one ALTER TABLE (or are folded into its CREATE TABLE).
 */
final class MysqlRenderer {
  private final ServerFlavor flavor;
  private final MysqlDdl ddl;

  /** The server this renderer writes for. */
  ServerFlavor flavor() {
    return flavor;
  }

  MysqlRenderer(ServerFlavor flavor) {
    this.flavor = flavor;
    this.ddl = new MysqlDdl(flavor);
  }

  /** A run of changes rendered as one statement. */
  private static final class Group {
    final String table;
    final boolean create;
    final boolean alter;
    final List<SchemaChange> changes = new ArrayList<>();
    boolean closed;

    Group(String table, boolean create, boolean alter, SchemaChange first) {
      this.table = table;
      this.create = create;
      this.alter = alter;
      changes.add(first);
    }
  }

  /**
   * @param target the snapshot the changes lead to (how converted columns are declared)
   */
  List<StepDraft> render(
      List<SchemaChange> changes, SchemaSnapshot current, SchemaSnapshot target) {
    List<Group> groups = new ArrayList<>();
    for (SchemaChange change : changes) {
      if (isClause(change)) {
        Group joined = findGroup(groups, change);
        if (joined != null) {
          joined.changes.add(change);
          continue;
        }
        Group g = new Group(change.table(), false, true, change);
        g.closed = change instanceof RenameColumn;
        groups.add(g);
      } else if (change instanceof CreateTable create) {
        groups.add(new Group(create.definition().name(), true, false, change));
      } else {
        Group g = new Group(change.table(), false, false, change);
        g.closed = true;
        groups.add(g);
      }
    }
    List<StepDraft> steps = new ArrayList<>();
    for (Group g : groups) {
      steps.add(
          g.create
              ? createStep(g)
              : g.alter ? alterStep(g, current, target, changes) : single(g.changes.get(0)));
    }
    return steps;
  }

  private static boolean isClause(SchemaChange c) {
    return c instanceof AddColumn
        || c instanceof DropColumn
        || c instanceof RenameColumn
        || c instanceof AlterColumn
        || c instanceof AlterTableComment
        || c instanceof AlterTableOptions
        || c instanceof AddConstraint
        || c instanceof DropConstraint
        || c instanceof CreateIndex
        || c instanceof DropIndex
        || c instanceof AlterIndexVisibility;
  }

  /**
   * The latest group for the change's table that it may join: walking back, every group passed must
   * be on another table, share no foreign key with it, and be a table statement or a drop (never a
   * creation the change could depend on, such as a sequence its default reads).
   */
  private static Group findGroup(List<Group> groups, SchemaChange change) {
    String table = change.table();
    for (int i = groups.size() - 1; i >= 0; i--) {
      Group g = groups.get(i);
      if (Objects.equals(g.table, table) && (g.create || g.alter)) {
        boolean fits =
            !g.closed
                && !(change instanceof RenameColumn)
                && (!g.create || change instanceof AddConstraint || change instanceof CreateIndex)
                && g.changes.stream()
                    .noneMatch(
                        c -> c.subject().equals(change.subject()) && !replacesKey(c, change));
        return fits ? g : null;
      }
      boolean passable = g.create || g.alter || isDrop(g.changes.get(0));
      if (!passable || Objects.equals(g.table, table) || related(g, change)) {
        return null;
      }
    }
    return null;
  }

  /**
   * An index or unique/primary key dropped and added again under the same name: one ALTER does
   * both, which also lets InnoDB check foreign keys against the final set of indexes (dropping an
   * index a foreign key needs is refused unless its replacement comes in the same statement).
   */
  private static boolean replacesKey(SchemaChange earlier, SchemaChange later) {
    if (earlier instanceof DropIndex && later instanceof CreateIndex) {
      return true;
    }
    return earlier instanceof DropConstraint drop
        && later instanceof AddConstraint add
        && !(drop.constraint() instanceof ForeignKey)
        && !(add.constraint() instanceof ForeignKey)
        && !(drop.constraint() instanceof io.schemasync.api.model.CheckConstraint);
  }

  private static boolean isDrop(SchemaChange c) {
    return c instanceof DropTable
        || c instanceof DropView
        || c instanceof DropTrigger
        || c instanceof DropRoutine
        || c instanceof DropSequence;
  }

  /** Whether moving the change before the group could break a foreign key between their tables. */
  private static boolean related(Group g, SchemaChange change) {
    Set<String> mine = new LinkedHashSet<>();
    mine.add(change.table());
    referenced(change).ifPresent(mine::add);
    if (mine.contains(g.table)) {
      return true;
    }
    return g.changes.stream().anyMatch(c -> referenced(c).map(mine::contains).orElse(false));
  }

  private static java.util.Optional<String> referenced(SchemaChange c) {
    Constraint constraint =
        c instanceof AddConstraint a
            ? a.constraint()
            : c instanceof DropConstraint d ? d.constraint() : null;
    return constraint instanceof ForeignKey fk
        ? java.util.Optional.of(fk.referencedTable())
        : java.util.Optional.empty();
  }

  private StepDraft createStep(Group g) {
    CreateTable create = (CreateTable) g.changes.get(0);
    List<Constraint> constraints = new ArrayList<>();
    List<Index> indexes = new ArrayList<>();
    for (SchemaChange c : g.changes.subList(1, g.changes.size())) {
      if (c instanceof AddConstraint add) {
        constraints.add(add.constraint());
      } else {
        indexes.add(((CreateIndex) c).index());
      }
    }
    String description =
        g.changes.size() == 1
            ? create.describe()
            : create.describe() + " with " + (g.changes.size() - 1) + " key(s)";
    return new StepDraft(
        description,
        g.changes,
        List.of(ddl.createTable(create.definition(), constraints, indexes)),
        Safety.SAFE,
        "",
        false);
  }

  private StepDraft alterStep(
      Group g, SchemaSnapshot current, SchemaSnapshot target, List<SchemaChange> plan) {
    List<String> clauses = new ArrayList<>();
    AlterCost cost = AlterCost.INSTANT;
    List<String> reasons = new ArrayList<>();
    for (SchemaChange c : g.changes) {
      if (c instanceof AlterTableOptions options) {
        TableOptionsClauses rendered =
            new TableOptionsClauses(
                options,
                target.table(g.table).orElse(null),
                g.changes,
                addedColumns(plan, g.table),
                ddl);
        clauses.addAll(rendered.clauses());
        cost = cost.max(rendered.cost());
        if (!rendered.why().isEmpty()) {
          reasons.add(rendered.why());
        }
        continue;
      }
      StringBuilder why = new StringBuilder();
      AlterCost clauseCost = AlterCost.of(c, current, flavor, why);
      String clause = clause(c);
      if (clauseCost == AlterCost.INSTANT && clause.startsWith("MODIFY")) {
        clauseCost = AlterCost.INPLACE;
      }
      cost = cost.max(clauseCost);
      if (why.length() > 0) {
        reasons.add(why.toString());
      }
      clauses.add(clause);
    }
    String algorithm =
        switch (cost) {
          case INSTANT -> ", ALGORITHM=INSTANT";
          case INPLACE -> ", ALGORITHM=INPLACE, LOCK=NONE";
          default -> "";
        };
    String sql = "ALTER TABLE " + quote(g.table) + " " + String.join(", ", clauses) + algorithm;
    // A table created earlier in the same plan is empty: copying or rebuilding it costs nothing.
    boolean existing = current.table(g.table).isPresent();
    boolean locking = existing && (cost == AlterCost.REBUILD || cost == AlterCost.COPY);
    String description =
        g.changes.size() == 1
            ? g.changes.get(0).describe()
            : "alter table "
                + g.table
                + ": "
                + String.join(", ", g.changes.stream().map(SchemaChange::describe).toList());
    return new StepDraft(
        description,
        g.changes,
        List.of(sql),
        locking ? Safety.LOCKING : Safety.SAFE,
        locking ? String.join("; ", reasons) : "",
        false);
  }

  private static Set<String> addedColumns(List<SchemaChange> plan, String table) {
    Set<String> added = new LinkedHashSet<>();
    for (SchemaChange c : plan) {
      if (c instanceof AddColumn add && add.tableName().equals(table)) {
        added.add(add.column().name());
      }
    }
    return added;
  }

  String clause(SchemaChange c) {
    if (c instanceof AddColumn add) {
      return "ADD COLUMN " + ddl.column(add.column());
    } else if (c instanceof DropColumn drop) {
      return "DROP COLUMN " + quote(drop.column().name());
    } else if (c instanceof RenameColumn rename) {
      return "RENAME COLUMN " + quote(rename.from()) + " TO " + quote(rename.to());
    } else if (c instanceof AlterTableComment comment) {
      return "COMMENT = " + literal(comment.to() == null ? "" : comment.to());
    } else if (c instanceof AlterColumn alter) {
      return alterColumn(alter);
    } else if (c instanceof AddConstraint add) {
      return "ADD " + ddl.constraint(add.constraint());
    } else if (c instanceof DropConstraint drop) {
      return ddl.dropConstraint(drop.constraint());
    } else if (c instanceof CreateIndex create) {
      return "ADD " + ddl.indexDefinition(create.index());
    } else if (c instanceof DropIndex drop) {
      return "DROP INDEX " + quote(drop.index().name());
    } else if (c instanceof AlterIndexVisibility alter) {
      return "ALTER INDEX "
          + quote(alter.to().name())
          + " "
          + flavor.indexVisibility(alter.to().invisible());
    }
    throw new IllegalArgumentException("not an ALTER TABLE clause: " + c);
  }

  private String alterColumn(AlterColumn alter) {
    Column from = alter.from();
    Column to = alter.to();
    boolean defaultOnly = alter.aspects().size() == 1 && alter.defaultChanged();
    // MySQL's text, blob and JSON columns take only expression defaults, which SET DEFAULT cannot
    // give before 8.0.23: their default changes with the column definition.
    boolean literalDefaults = flavor.mariaDb() || !MysqlDefaults.expressionOnly(to.type());
    if (defaultOnly
        && literalDefaults
        && simpleDefault(from.defaultValue())
        && simpleDefault(to.defaultValue())) {
      return "ALTER COLUMN "
          + quote(to.name())
          + (to.defaultValue() == null
              ? " DROP DEFAULT"
              : " SET " + MysqlDefaults.render(to.defaultValue()));
    }
    return "MODIFY COLUMN " + ddl.column(to);
  }

  /** A default ALTER COLUMN ... SET DEFAULT can express on both servers: a literal or none. */
  private static boolean simpleDefault(String value) {
    return value == null
        || (!value.toUpperCase(java.util.Locale.ROOT).contains(" ON UPDATE ")
            && MysqlDefaults.render(value).equals("DEFAULT " + value));
  }

  private StepDraft single(SchemaChange c) {
    String sql;
    if (c instanceof DropTable drop) {
      sql = "DROP TABLE " + quote(drop.definition().name());
    } else if (c instanceof RenameTable rename) {
      sql = "RENAME TABLE " + quote(rename.from()) + " TO " + quote(rename.to());
    } else if (c instanceof CreateTrigger create) {
      sql = ddl.createTrigger(create.tableName(), create.trigger());
    } else if (c instanceof DropTrigger drop) {
      sql = "DROP TRIGGER " + quote(drop.trigger().name());
    } else if (c instanceof CreateView create) {
      sql = MysqlDdl.createView(create.view());
    } else if (c instanceof DropView drop) {
      sql = "DROP VIEW " + quote(drop.view().name());
    } else if (c instanceof CreateRoutine create) {
      sql = MysqlDdl.createRoutine(create.routine());
    } else if (c instanceof DropRoutine drop) {
      sql = MysqlDdl.dropRoutine(drop.routine());
    } else if (c instanceof CreateSequence create && flavor.mariaDb()) {
      sql = SequenceSupport.create(create.sequence());
    } else if (c instanceof AlterSequence alter && flavor.mariaDb()) {
      sql = SequenceSupport.alter(alter.to());
    } else if (c instanceof DropSequence drop && flavor.mariaDb()) {
      sql = SequenceSupport.drop(drop.sequence());
    } else {
      throw new InvalidTargetException(
          null,
          c.describe()
              + ": MySQL has no enum or domain types (and only MariaDB has sequences);"
              + " use column types (enum(...)), CHECK constraints or AUTO_INCREMENT instead");
    }
    return new StepDraft(c.describe(), List.of(c), List.of(sql), Safety.SAFE, "", false);
  }
}
