package io.schemasync.sqlite.internal;

import io.schemasync.api.change.AddColumn;
import io.schemasync.api.change.AddConstraint;
import io.schemasync.api.change.AlterColumn;
import io.schemasync.api.change.AlterTableComment;
import io.schemasync.api.change.CreateIndex;
import io.schemasync.api.change.CreateTable;
import io.schemasync.api.change.CreateTrigger;
import io.schemasync.api.change.CreateView;
import io.schemasync.api.change.DropColumn;
import io.schemasync.api.change.DropConstraint;
import io.schemasync.api.change.DropIndex;
import io.schemasync.api.change.DropTable;
import io.schemasync.api.change.DropTrigger;
import io.schemasync.api.change.DropView;
import io.schemasync.api.change.RenameColumn;
import io.schemasync.api.change.RenameTable;
import io.schemasync.api.change.SchemaChange;
import io.schemasync.api.model.CheckConstraint;
import io.schemasync.api.model.Constraint;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.PrimaryKey;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.UniqueConstraint;
import io.schemasync.api.plan.Safety;
import io.schemasync.spi.StepDraft;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns ordered changes into steps: direct DDL where SQLite has it, one table rebuild per table
 * that needs one (absorbing every change to that table's columns, constraints, indexes and
 * triggers, so each change is covered exactly once), and a new table's foreign keys folded into its
 * {@code CREATE TABLE}. The triggers of rebuilt tables are recreated in steps at the end of the
 * plan, once every table their bodies may name exists.
 */
public final class ChangeRenderer {
  private final List<SchemaChange> changes;
  private final SchemaSnapshot current;
  private final SchemaSnapshot target;
  private final Map<String, String> renamedFrom = new HashMap<>();
  private final Map<String, String> renamedTo = new HashMap<>();
  private final Set<String> renamesDone = new HashSet<>();
  private final List<StepDraft> triggerSteps = new ArrayList<>();

  public ChangeRenderer(List<SchemaChange> changes, SchemaSnapshot current, SchemaSnapshot target) {
    this.changes = List.copyOf(changes);
    this.current = current;
    this.target = target;
    for (SchemaChange change : changes) {
      if (change instanceof RenameTable r) {
        renamedFrom.put(r.to(), r.from());
        renamedTo.put(r.from(), r.to());
      }
    }
  }

  public List<StepDraft> render() {
    Set<String> created = new HashSet<>();
    changes.stream()
        .filter(c -> c instanceof CreateTable)
        .forEach(c -> created.add(((CreateTable) c).definition().name()));
    Set<String> rebuilt = new HashSet<>();
    for (SchemaChange change : changes) {
      String key = key(change);
      if (key != null && !created.contains(key) && needsRebuild(change, key)) {
        rebuilt.add(key);
      }
    }
    boolean[] done = new boolean[changes.size()];
    List<StepDraft> steps = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      if (done[i]) {
        continue;
      }
      SchemaChange change = changes.get(i);
      String key = key(change);
      if (change instanceof CreateTable create) {
        steps.add(createTable(create, i, done));
      } else if (key != null && rebuilt.contains(key) && absorbable(change)) {
        steps.add(rebuild(key, i, done));
      } else {
        steps.add(direct(change));
        if (change instanceof RenameTable r) {
          renamesDone.add(r.to());
        }
      }
      done[i] = true;
    }
    steps.addAll(triggerSteps);
    return steps;
  }

  private StepDraft createTable(CreateTable create, int at, boolean[] done) {
    Table table = create.definition();
    List<SchemaChange> covered = new ArrayList<>(List.of(create));
    for (int j = at + 1; j < changes.size(); j++) {
      if (!done[j]
          && changes.get(j) instanceof AddConstraint add
          && table.name().equals(key(add))) {
        table = withConstraint(table, add.constraint());
        covered.add(add);
        done[j] = true;
      }
    }
    String description =
        covered.size() == 1
            ? create.describe()
            : create.describe() + " with " + (covered.size() - 1) + " constraint(s)";
    return new StepDraft(
        description, covered, List.of(SqliteDdl.createTable(table)), Safety.SAFE, "", true);
  }

  private StepDraft rebuild(String key, int at, boolean[] done) {
    List<SchemaChange> covered = new ArrayList<>();
    Map<String, String> renamedColumns = new LinkedHashMap<>();
    for (int j = at; j < changes.size(); j++) {
      SchemaChange change = changes.get(j);
      boolean pendingRename =
          change instanceof RenameTable r && r.to().equals(key) && !renamesDone.contains(key);
      if (!done[j] && (absorbable(change) || pendingRename) && key.equals(key(change))) {
        covered.add(change);
        done[j] = true;
        if (change instanceof RenameColumn r) {
          renamedColumns.put(r.to(), renamedColumns.getOrDefault(r.from(), r.from()));
        }
      }
    }
    Table now = currentTable(key);
    Table wanted =
        target
            .table(key)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "table " + key + " is changed but missing from the target"));
    String live = liveName(key);
    boolean renamed = covered.stream().anyMatch(c -> c instanceof RenameTable);
    String finalName = renamed ? key : live;
    if (renamed) {
      renamesDone.add(key); // the rebuild creates the table under its new name
    }
    Set<String> taken = new HashSet<>();
    current.tables().forEach(t -> taken.add(t.name()));
    target.tables().forEach(t -> taken.add(t.name()));
    current.views().forEach(v -> taken.add(v.name()));
    target.views().forEach(v -> taken.add(v.name()));
    TableRebuild rebuild =
        new TableRebuild(live, finalName, now, wanted.withName(finalName), renamedColumns, taken);
    List<SchemaChange> triggerChanges =
        covered.stream().filter(c -> c instanceof CreateTrigger).toList();
    covered.removeAll(triggerChanges);
    if (!rebuild.triggerStatements().isEmpty()) {
      triggerSteps.add(
          new StepDraft(
              "recreate the triggers of table " + key + " after its rebuild",
              triggerChanges,
              rebuild.triggerStatements(),
              Safety.SAFE,
              "",
              true));
    }
    String description =
        "rebuild table "
            + key
            + ": "
            + covered.stream().map(SchemaChange::describe).collect(Collectors.joining("; "));
    return new StepDraft(
        description,
        covered,
        rebuild.statements(),
        Safety.LOCKING,
        "rebuilds table " + key + " (copies every row)",
        true);
  }

  private StepDraft direct(SchemaChange change) {
    String sql;
    if (change instanceof DropTable d) {
      sql = SqliteDdl.dropTable(d.definition().name());
    } else if (change instanceof RenameTable r) {
      sql = SqliteDdl.renameTable(r.from(), r.to());
    } else if (change instanceof AddColumn a) {
      sql = SqliteDdl.addColumn(liveName(key(a)), a.column());
    } else if (change instanceof DropColumn d) {
      sql = SqliteDdl.dropColumn(liveName(key(d)), d.column().name());
    } else if (change instanceof RenameColumn r) {
      sql = SqliteDdl.renameColumn(liveName(key(r)), r.from(), r.to());
    } else if (change instanceof CreateIndex c) {
      sql = SqliteDdl.createIndex(liveName(key(c)), c.index());
    } else if (change instanceof DropIndex d) {
      sql = SqliteDdl.dropIndex(d.index().name());
    } else if (change instanceof CreateTrigger c) {
      sql = SqliteDdl.createTrigger(liveName(key(c)), c.trigger());
    } else if (change instanceof DropTrigger d) {
      sql = SqliteDdl.dropTrigger(d.trigger().name());
    } else if (change instanceof CreateView c) {
      sql = SqliteDdl.createView(c.view());
    } else if (change instanceof DropView d) {
      sql = SqliteDdl.dropView(d.view().name());
    } else {
      throw new IllegalArgumentException(
          "SQLite cannot carry out '"
              + change.describe()
              + "'; the target should have been"
              + " rejected when it was normalized");
    }
    return new StepDraft(change.describe(), List.of(change), List.of(sql), Safety.SAFE, "", true);
  }

  private boolean needsRebuild(SchemaChange change, String key) {
    if (change instanceof AlterColumn
        || change instanceof AddConstraint
        || change instanceof DropConstraint) {
      return true;
    }
    if (change instanceof AddColumn a) {
      return !SqliteAlterRules.canAddColumn(a.column(), target.table(key).orElse(null));
    }
    if (change instanceof DropColumn d) {
      return !SqliteAlterRules.canDropColumn(d.column().name(), currentTable(key))
          || dropsEveryColumn(key);
    }
    return false;
  }

  /**
   * Whether the plan drops every column the table has now: SQLite refuses to drop a table's last
   * column ("no other columns exist") even when others are added later in the plan.
   */
  private boolean dropsEveryColumn(String key) {
    long dropped =
        changes.stream().filter(c -> c instanceof DropColumn && key.equals(key(c))).count();
    return dropped >= currentTable(key).columns().size();
  }

  private static boolean absorbable(SchemaChange change) {
    return change instanceof AddColumn
        || change instanceof DropColumn
        || change instanceof RenameColumn
        || change instanceof AlterColumn
        || change instanceof AddConstraint
        || change instanceof DropConstraint
        || change instanceof CreateIndex
        || change instanceof DropIndex
        || change instanceof CreateTrigger
        || change instanceof DropTrigger
        || change instanceof AlterTableComment;
  }

  /** The target name of the table a change concerns, whatever name the change uses. */
  private String key(SchemaChange change) {
    String table = change.table();
    if (table == null || change instanceof CreateView || change instanceof DropView) {
      return null;
    }
    return renamedTo.getOrDefault(table, table);
  }

  /** The table's name at this point of the plan: the old one until its rename has run. */
  private String liveName(String key) {
    return renamedFrom.containsKey(key) && !renamesDone.contains(key) ? renamedFrom.get(key) : key;
  }

  private Table currentTable(String key) {
    return current
        .table(renamedFrom.getOrDefault(key, key))
        .or(() -> current.table(key))
        .orElseThrow(
            () -> new IllegalStateException("table " + key + " is altered but does not exist"));
  }

  private static Table withConstraint(Table table, Constraint constraint) {
    if (constraint instanceof ForeignKey fk) {
      return table.withForeignKeys(append(table.foreignKeys(), fk));
    } else if (constraint instanceof UniqueConstraint u) {
      return table.withUniques(append(table.uniques(), u));
    } else if (constraint instanceof CheckConstraint c) {
      return table.withChecks(append(table.checks(), c));
    }
    return table.withPrimaryKey((PrimaryKey) constraint);
  }

  private static <T> List<T> append(List<T> list, T element) {
    List<T> copy = new ArrayList<>(list);
    copy.add(element);
    return copy;
  }
}
