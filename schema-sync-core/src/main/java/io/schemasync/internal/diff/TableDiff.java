package io.schemasync.internal.diff;

import io.schemasync.api.change.AddColumn;
import io.schemasync.api.change.AddConstraint;
import io.schemasync.api.change.AlterColumn;
import io.schemasync.api.change.AlterTableComment;
import io.schemasync.api.change.CreateIndex;
import io.schemasync.api.change.CreateTrigger;
import io.schemasync.api.change.DropColumn;
import io.schemasync.api.change.DropConstraint;
import io.schemasync.api.change.DropIndex;
import io.schemasync.api.change.DropTrigger;
import io.schemasync.api.change.RenameColumn;
import io.schemasync.api.change.RenameHints;
import io.schemasync.api.change.SchemaChange;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.Constraint;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.IndexPart;
import io.schemasync.api.model.PrimaryKey;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.UniqueConstraint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/** The changes inside one table that exists on both sides. */
final class TableDiff {
  private TableDiff() {}

  static void diff(Table from, Table to, RenameHints hints, List<SchemaChange> changes) {
    String table = to.name();
    Table renamed = applyColumnRenames(from, to, hints, changes);

    if (!Objects.equals(renamed.comment(), to.comment())) {
      changes.add(new AlterTableComment(table, renamed.comment(), to.comment()));
    }
    SortMerge.by(
        renamed.columns(),
        to.columns(),
        Column::name,
        (a, b) -> {
          if (!a.equals(b)) {
            changes.add(new AlterColumn(table, a, b));
          }
        },
        a -> changes.add(new DropColumn(table, a)),
        b -> changes.add(new AddColumn(table, b)));

    SortMerge.replaceOnChange(
        renamed.constraints(),
        to.constraints(),
        Constraint::key,
        c -> new DropConstraint(table, c),
        c -> new AddConstraint(table, c),
        changes);
    SortMerge.replaceOnChange(
        renamed.indexes(),
        to.indexes(),
        Index::name,
        ix -> new DropIndex(table, ix),
        ix -> new CreateIndex(table, ix),
        changes);
    SortMerge.replaceOnChange(
        renamed.triggers(),
        to.triggers(),
        tr -> tr.name(),
        tr -> new DropTrigger(table, tr),
        tr -> new CreateTrigger(table, tr),
        changes);
  }

  /**
   * Emits the declared column renames and returns the old table as it reads after them, so that
   * constraints and indexes over a renamed column compare equal when nothing else changed.
   */
  private static Table applyColumnRenames(
      Table from, Table to, RenameHints hints, List<SchemaChange> changes) {
    Map<String, String> oldToNew = new HashMap<>();
    for (Column column : to.columns()) {
      hints
          .columnRenamedFrom(to.name(), column.name())
          .filter(old -> from.hasColumn(old) && !from.hasColumn(column.name()))
          .ifPresent(
              old -> {
                changes.add(new RenameColumn(to.name(), old, column.name()));
                oldToNew.put(old, column.name());
              });
    }
    if (oldToNew.isEmpty()) {
      return from;
    }
    UnaryOperator<String> rename = c -> oldToNew.getOrDefault(c, c);
    List<Column> columns = new ArrayList<>();
    from.columns().forEach(c -> columns.add(c.withName(rename.apply(c.name()))));
    PrimaryKey pk = from.primaryKey();
    return from.withColumns(columns)
        .withPrimaryKey(pk == null ? null : new PrimaryKey(pk.name(), map(pk.columns(), rename)))
        .withUniques(
            from.uniques().stream()
                .map(u -> new UniqueConstraint(u.name(), map(u.columns(), rename)))
                .toList())
        .withForeignKeys(
            from.foreignKeys().stream()
                .map(
                    fk ->
                        new ForeignKey(
                            fk.name(),
                            map(fk.columns(), rename),
                            fk.referencedTable(),
                            fk.referencedTable().equals(from.name())
                                ? map(fk.referencedColumns(), rename)
                                : fk.referencedColumns(),
                            fk.onDelete(),
                            fk.onUpdate(),
                            fk.deferrable()))
                .toList())
        .withIndexes(
            from.indexes().stream()
                .map(
                    ix ->
                        new Index(
                            ix.name(),
                            ix.parts().stream()
                                .map(
                                    p ->
                                        p.column() == null
                                            ? p
                                            : new IndexPart(
                                                rename.apply(p.column()), null, p.descending()))
                                .toList(),
                            ix.unique(),
                            ix.where(),
                            ix.method(),
                            map(ix.include(), rename)))
                .toList());
  }

  private static List<String> map(List<String> names, UnaryOperator<String> rename) {
    return names.stream().map(rename).toList();
  }
}
