package io.schemasync.internal.diff;

import io.schemasync.api.change.AddColumn;
import io.schemasync.api.change.AddConstraint;
import io.schemasync.api.change.AlterColumn;
import io.schemasync.api.change.AlterIndexVisibility;
import io.schemasync.api.change.AlterPartitioning;
import io.schemasync.api.change.AlterTableComment;
import io.schemasync.api.change.AlterTableOptions;
import io.schemasync.api.change.AttachPartition;
import io.schemasync.api.change.CreateIndex;
import io.schemasync.api.change.CreateTrigger;
import io.schemasync.api.change.DetachPartition;
import io.schemasync.api.change.DropColumn;
import io.schemasync.api.change.DropConstraint;
import io.schemasync.api.change.DropIndex;
import io.schemasync.api.change.DropTrigger;
import io.schemasync.api.change.RenameColumn;
import io.schemasync.api.change.RenameHints;
import io.schemasync.api.change.SchemaChange;
import io.schemasync.api.model.CheckConstraint;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.Constraint;
import io.schemasync.api.model.ExclusionElement;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.IndexPart;
import io.schemasync.api.model.PrimaryKey;
import io.schemasync.api.model.SchemaSnapshot;
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

  /**
   * @param before the schema {@code from} belongs to (with table renames applied), for a
   *     partition's parent
   * @param after the schema {@code to} belongs to
   */
  static void diff(
      Table from,
      Table to,
      SchemaSnapshot before,
      SchemaSnapshot after,
      RenameHints hints,
      List<SchemaChange> changes) {
    String table = to.name();
    Table renamed = applyColumnRenames(from, to, hints, changes);
    Table[] pair = visibilityOfUniques(renamed, to, changes);
    renamed = pair[0];
    to = pair[1];

    if (!Objects.equals(renamed.comment(), to.comment())) {
      changes.add(new AlterTableComment(table, renamed.comment(), to.comment()));
    }
    // Options the target leaves out are the tenant's business: only declared parts are compared.
    if (to.options() != null && !to.options().satisfiedBy(renamed.options())) {
      changes.add(
          new AlterTableOptions(
              table, renamed.options(), to.options().appliedTo(renamed.options())));
    }
    if (!Objects.equals(from.partitionBy(), to.partitionBy())) {
      changes.add(new AlterPartitioning(table, from.partitionBy(), to.partitionBy()));
    }
    if (!Objects.equals(from.partitionOf(), to.partitionOf())) {
      if (from.partitionOf() != null) {
        changes.add(new DetachPartition(table, from.partitionOf()));
      }
      if (to.partitionOf() != null) {
        changes.add(new AttachPartition(table, to.partitionOf()));
      }
    }
    // a partition's columns are its parent's: they change with the parent, never on their own;
    // a table that becomes (or stops being) a partition compares with its parent's columns
    boolean inherited = from.isPartition() && to.isPartition();
    SortMerge.by(
        inherited ? List.of() : renamed.isPartition() ? before.columnsOf(from) : renamed.columns(),
        inherited ? List.of() : after.columnsOf(to),
        Column::name,
        (a, b) -> {
          if (!a.equals(b)) {
            changes.add(new AlterColumn(table, a, b));
          }
        },
        a -> changes.add(new DropColumn(table, a)),
        b -> changes.add(new AddColumn(table, b)));

    List<Constraint> wanted = new ArrayList<>(to.constraints());
    if (to.isPartition() && !from.isPartition()) {
      // PostgreSQL attaches a table only when it carries its new parent's checks, by name; once
      // attached they are the parent's (inherited), not the partition's own
      for (CheckConstraint check : after.inheritedChecks(to)) {
        if (wanted.stream().noneMatch(c -> c.key().equals(check.key()))) {
          wanted.add(check);
        }
      }
    }
    SortMerge.replaceOnChange(
        renamed.constraints(),
        wanted,
        Constraint::key,
        c -> new DropConstraint(table, c),
        c -> new AddConstraint(table, c),
        changes);
    SortMerge.by(
        renamed.indexes(),
        to.indexes(),
        Index::name,
        (a, b) -> {
          if (a.withInvisible(b.invisible()).equals(b) && a.invisible() != b.invisible()) {
            changes.add(new AlterIndexVisibility(table, a, b));
          } else if (!a.equals(b)) {
            changes.add(new DropIndex(table, a));
            changes.add(new CreateIndex(table, b));
          }
        },
        a -> changes.add(new DropIndex(table, a)),
        b -> changes.add(new CreateIndex(table, b)));
    SortMerge.replaceOnChange(
        renamed.triggers(),
        to.triggers(),
        tr -> tr.name(),
        tr -> new DropTrigger(table, tr),
        tr -> new CreateTrigger(table, tr),
        changes);
  }

  /**
   * A unique constraint is a unique index. Hidden from the optimizer it can only be modelled as an
   * invisible unique index, so hiding one (or showing it again) turns a constraint into an index of
   * the same name and columns: that is a change of visibility, not a drop and a create. Emits it,
   * and returns both tables without the pair.
   */
  private static Table[] visibilityOfUniques(Table from, Table to, List<SchemaChange> changes) {
    Table a = from;
    Table b = to;
    for (UniqueConstraint u : from.uniques()) {
      Index hidden = hiddenAs(u, b);
      if (hidden != null && b.uniques().stream().noneMatch(x -> u.name().equals(x.name()))) {
        changes.add(new AlterIndexVisibility(to.name(), asIndex(u), hidden));
        a = a.withUniques(without(a.uniques(), u));
        b = b.withIndexes(without(b.indexes(), hidden));
      }
    }
    for (UniqueConstraint u : to.uniques()) {
      Index hidden = hiddenAs(u, a);
      if (hidden != null && a.uniques().stream().noneMatch(x -> u.name().equals(x.name()))) {
        changes.add(new AlterIndexVisibility(to.name(), hidden, asIndex(u)));
        a = a.withIndexes(without(a.indexes(), hidden));
        b = b.withUniques(without(b.uniques(), u));
      }
    }
    return new Table[] {a, b};
  }

  /** The invisible unique index of {@code table} that is {@code u} hidden, or null. */
  private static Index hiddenAs(UniqueConstraint u, Table table) {
    if (u.name() == null) {
      return null;
    }
    return table.indexes().stream()
        .filter(ix -> ix.invisible() && ix.name().equals(u.name()))
        .filter(ix -> asIndex(u).withInvisible(true).equals(ix))
        .findFirst()
        .orElse(null);
  }

  private static Index asIndex(UniqueConstraint u) {
    return new Index(
        u.name(),
        u.columns().stream().map(IndexPart::column).toList(),
        true,
        null,
        null,
        List.of(),
        false,
        u.nullsNotDistinct());
  }

  private static <T> List<T> without(List<T> list, T element) {
    List<T> out = new ArrayList<>(list);
    out.remove(element);
    return out;
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
            from.uniques().stream().map(u -> u.with(u.name(), map(u.columns(), rename))).toList())
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
                        ix.withParts(
                            ix.parts().stream()
                                .map(
                                    p ->
                                        p.column() == null
                                            ? p
                                            : new IndexPart(
                                                rename.apply(p.column()), null, p.descending()))
                                .toList(),
                            map(ix.include(), rename)))
                .toList())
        .withExclusions(
            from.exclusions().stream()
                .map(
                    x ->
                        x.withElements(
                            x.elements().stream()
                                .map(
                                    e ->
                                        e.column() == null
                                            ? e
                                            : ExclusionElement.column(
                                                rename.apply(e.column()), e.operator()))
                                .toList()))
                .toList());
  }

  private static List<String> map(List<String> names, UnaryOperator<String> rename) {
    return names.stream().map(rename).toList();
  }
}
