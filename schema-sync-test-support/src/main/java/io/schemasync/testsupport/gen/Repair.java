package io.schemasync.testsupport.gen;

import io.schemasync.api.model.Column;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.IndexPart;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.View;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Removes what a mutation left dangling: constraints, indexes and views naming a column or table
 * that is gone, and foreign keys whose referenced primary key no longer matches. A database would
 * refuse such a schema, so an evolved target must never contain one.
 */
final class Repair {
  private Repair() {}

  static SchemaSnapshot repair(SchemaSnapshot schema) {
    // Dropping one thing can invalidate another (a primary key, then the foreign keys to it).
    SchemaSnapshot current = schema;
    SchemaSnapshot next = once(current);
    while (!next.equals(current)) {
      current = next;
      next = once(current);
    }
    return next;
  }

  private static SchemaSnapshot once(SchemaSnapshot schema) {
    List<Table> tables = schema.tables().stream().map(t -> repair(schema, t)).toList();
    SchemaSnapshot repaired = schema.withTables(tables);
    List<View> views = schema.views().stream().filter(v -> viewIsValid(repaired, v)).toList();
    return repaired.withViews(views);
  }

  private static Table repair(SchemaSnapshot schema, Table table) {
    Set<String> columns = table.columns().stream().map(Column::name).collect(Collectors.toSet());
    Table repaired = table;
    if (table.primaryKey() != null && !columns.containsAll(table.primaryKey().columns())) {
      repaired = repaired.withPrimaryKey(null);
    }
    return repaired
        .withUniques(
            table.uniques().stream().filter(u -> columns.containsAll(u.columns())).toList())
        .withChecks(
            table.checks().stream()
                .filter(k -> columns.containsAll(Sql.identifiers(k.expression())))
                .toList())
        .withForeignKeys(
            table.foreignKeys().stream().filter(fk -> fkIsValid(schema, table, fk)).toList())
        .withIndexes(table.indexes().stream().filter(x -> indexIsValid(columns, x)).toList());
  }

  private static boolean indexIsValid(Set<String> columns, Index index) {
    return index.parts().stream().map(IndexPart::column).allMatch(columns::contains)
        && columns.containsAll(Sql.identifiers(index.where()));
  }

  static boolean fkIsValid(SchemaSnapshot schema, Table table, ForeignKey fk) {
    Optional<Table> target = schema.table(fk.referencedTable());
    if (target.isEmpty()
        || target.get().primaryKey() == null
        || !target.get().primaryKey().columns().equals(fk.referencedColumns())) {
      return false;
    }
    for (int i = 0; i < fk.columns().size(); i++) {
      Optional<Column> own = table.column(fk.columns().get(i));
      Optional<Column> referenced = target.get().column(fk.referencedColumns().get(i));
      if (own.isEmpty()
          || referenced.isEmpty()
          || !own.get().type().equals(referenced.get().type())) {
        return false;
      }
    }
    return true;
  }

  static boolean viewIsValid(SchemaSnapshot schema, View view) {
    Optional<Table> table = schema.table(Sql.viewTable(view.definition()));
    return table.isPresent()
        && Sql.viewColumns(view.definition()).stream().allMatch(table.get()::hasColumn);
  }
}
