package io.schemasync.internal.diff;

import io.schemasync.api.change.AddConstraint;
import io.schemasync.api.change.AddEnumValues;
import io.schemasync.api.change.AlterSequence;
import io.schemasync.api.change.CreateDomain;
import io.schemasync.api.change.CreateEnum;
import io.schemasync.api.change.CreateExtension;
import io.schemasync.api.change.CreateIndex;
import io.schemasync.api.change.CreateRoutine;
import io.schemasync.api.change.CreateSequence;
import io.schemasync.api.change.CreateTable;
import io.schemasync.api.change.CreateTrigger;
import io.schemasync.api.change.CreateView;
import io.schemasync.api.change.DropDomain;
import io.schemasync.api.change.DropEnum;
import io.schemasync.api.change.DropRoutine;
import io.schemasync.api.change.DropSequence;
import io.schemasync.api.change.DropTable;
import io.schemasync.api.change.DropView;
import io.schemasync.api.change.RenameHints;
import io.schemasync.api.change.RenameTable;
import io.schemasync.api.change.SchemaChange;
import io.schemasync.api.change.SchemaDiff;
import io.schemasync.api.model.EnumType;
import io.schemasync.api.model.PartitionOf;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.spi.DiffCalculator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The default diff: a sort-merge of name-sorted lists per object kind, with create, drop and merge
 * handlers. Renames happen only where the target declares them.
 */
public final class DefaultDiffCalculator implements DiffCalculator {

  @Override
  public SchemaDiff diff(SchemaSnapshot from, SchemaSnapshot to, RenameHints renames) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    RenameHints hints = renames == null ? RenameHints.NONE : renames;
    List<SchemaChange> changes = new ArrayList<>();

    // an extension the schema no longer needs stays: it is the database's, other tenants may use it
    to.extensions().stream()
        .filter(e -> !from.extensions().contains(e))
        .forEach(e -> changes.add(new CreateExtension(e)));
    SortMerge.by(
        from.enums(),
        to.enums(),
        EnumType::name,
        (a, b) -> {
          if (!a.equals(b)) {
            if (isAppendOnly(a, b)) {
              changes.add(new AddEnumValues(a, b));
            } else {
              changes.add(new DropEnum(a));
              changes.add(new CreateEnum(b));
            }
          }
        },
        a -> changes.add(new DropEnum(a)),
        b -> changes.add(new CreateEnum(b)));
    SortMerge.replaceOnChange(
        from.domains(), to.domains(), d -> d.name(), DropDomain::new, CreateDomain::new, changes);
    SortMerge.by(
        from.sequences(),
        to.sequences(),
        s -> s.name(),
        (a, b) -> {
          if (!a.equals(b)) {
            changes.add(new AlterSequence(a, b));
          }
        },
        a -> changes.add(new DropSequence(a)),
        b -> changes.add(new CreateSequence(b)));
    SortMerge.replaceOnChange(
        from.routines(),
        to.routines(),
        r -> r.key(),
        DropRoutine::new,
        CreateRoutine::new,
        changes);

    diffTables(from, to, hints, changes);

    SortMerge.replaceOnChange(
        from.views(), to.views(), v -> v.name(), DropView::new, CreateView::new, changes);
    return new SchemaDiff(changes);
  }

  private static void diffTables(
      SchemaSnapshot from, SchemaSnapshot to, RenameHints hints, List<SchemaChange> changes) {
    // Apply declared table renames to the old side first, so the merge sees them as the same table.
    Map<String, Table> old = new HashMap<>();
    from.tables().forEach(t -> old.put(t.name(), t));
    Map<String, String> renamed = new HashMap<>();
    for (Table target : to.tables()) {
      hints
          .tableRenamedFrom(target.name())
          .filter(oldName -> old.containsKey(oldName) && !old.containsKey(target.name()))
          .ifPresent(
              oldName -> {
                changes.add(new RenameTable(oldName, target.name()));
                renamed.put(oldName, target.name());
              });
    }
    // without renames (the usual case) the old side is used as it is: copying every table under
    // its own name took about 3% of a rollout's worker CPU, once per tenant and phase
    SchemaSnapshot before =
        renamed.isEmpty() ? from : from.withTables(renamedTables(from, renamed));
    SortMerge.by(
        before.tables(),
        to.tables(),
        Table::name,
        (a, b) -> TableDiff.diff(a, b, before, to, hints, changes),
        a -> changes.add(new DropTable(a)),
        b -> created(b, changes));
  }

  /** The old side's tables under their new names; a partition follows its parent's rename. */
  private static List<Table> renamedTables(SchemaSnapshot from, Map<String, String> renamed) {
    List<Table> tables = new ArrayList<>();
    for (Table table : from.tables()) {
      Table t = table.withName(renamed.getOrDefault(table.name(), table.name()));
      PartitionOf of = t.partitionOf();
      if (of != null && renamed.containsKey(of.parent())) {
        // it is still the same partition
        t = t.withPartitionOf(new PartitionOf(renamed.get(of.parent()), of.bound()));
      }
      tables.add(t);
    }
    return tables; // the snapshot sorts them by name
  }

  /**
   * A new table: its body first, then its foreign keys, indexes and triggers as their own changes.
   */
  static void created(Table table, List<SchemaChange> changes) {
    changes.add(
        new CreateTable(
            table.withForeignKeys(List.of()).withIndexes(List.of()).withTriggers(List.of())));
    table.foreignKeys().forEach(fk -> changes.add(new AddConstraint(table.name(), fk)));
    table.indexes().forEach(ix -> changes.add(new CreateIndex(table.name(), ix)));
    table.triggers().forEach(tr -> changes.add(new CreateTrigger(table.name(), tr)));
  }

  /** True when every old value is still there, in the same order, and only new ones were added. */
  private static boolean isAppendOnly(EnumType a, EnumType b) {
    int next = 0;
    for (String value : b.values()) {
      if (next < a.values().size() && a.values().get(next).equals(value)) {
        next++;
      }
    }
    return next == a.values().size() && b.values().size() > a.values().size();
  }
}
