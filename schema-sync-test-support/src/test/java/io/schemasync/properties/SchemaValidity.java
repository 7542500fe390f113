package io.schemasync.properties;

import io.schemasync.api.model.Column;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.IndexPart;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.View;
import io.schemasync.testsupport.gen.SchemaArbitraries;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a database would refuse in a generated schema, checked independently of the generator: one
 * message per problem, empty for a schema every engine can create.
 */
final class SchemaValidity {
  private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"]|\"\")*)\"");
  private static final Map<String, Set<String>> DEFAULTS =
      Map.of(
          "INTEGER", Set.of("0", "1", "42"),
          "REAL", Set.of("0", "1.5"),
          "NUMERIC(10,2)", Set.of("0", "1.5"),
          "TEXT", Set.of("'x'", "'abc'"),
          "VARCHAR(40)", Set.of("'x'", "'abc'"),
          "BOOLEAN", Set.of("FALSE", "TRUE"),
          "BLOB", Set.of());

  private SchemaValidity() {}

  static List<String> problems(SchemaSnapshot schema) {
    List<String> problems = new ArrayList<>();
    if (schema.tables().isEmpty()) {
      problems.add("no table");
    }
    if (!schema.routines().isEmpty()
        || !schema.enums().isEmpty()
        || !schema.domains().isEmpty()
        || !schema.sequences().isEmpty()) {
      problems.add("objects SQLite cannot hold");
    }
    for (Table table : schema.tables()) {
      tableProblems(schema, table, problems);
    }
    for (View view : schema.views()) {
      List<String> names = identifiers(view.definition());
      Optional<Table> table =
          names.isEmpty() ? Optional.empty() : schema.table(names.get(names.size() - 1));
      if (table.isEmpty()
          || !names.subList(0, names.size() - 1).stream().allMatch(table.get()::hasColumn)
          || schema.table(view.name()).isPresent()) {
        problems.add("view " + view.name() + " reads what does not exist: " + view.definition());
      }
    }
    if (hasForeignKeyCycle(schema)) {
      problems.add("foreign keys form a cycle");
    }
    return problems;
  }

  private static void tableProblems(SchemaSnapshot schema, Table table, List<String> problems) {
    String at = "table " + table.name() + ": ";
    if (table.columns().isEmpty()) {
      problems.add(at + "no column");
    }
    if (!table.triggers().isEmpty()) {
      problems.add(at + "has triggers");
    }
    for (Column column : table.columns()) {
      if (!SchemaArbitraries.SQLITE_TYPES.contains(column.type())) {
        problems.add(at + "column " + column.name() + " has unexpected type " + column.type());
      } else if (column.defaultValue() != null
          && !DEFAULTS.get(column.type()).contains(column.defaultValue())) {
        problems.add(at + "default " + column.defaultValue() + " does not fit " + column.type());
      }
      if (column.identity() != null || column.generated() != null || column.collation() != null) {
        problems.add(at + "column " + column.name() + " is not plain");
      }
    }
    if (table.primaryKey() != null) {
      for (String name : table.primaryKey().columns()) {
        Optional<Column> column = table.column(name);
        if (column.isEmpty() || column.get().nullable() || !isKeyType(column.get())) {
          problems.add(at + "primary key column " + name + " missing, nullable or not a key type");
        }
      }
    }
    table.uniques().forEach(u -> keyColumns(table, "unique", u.name(), u.columns(), problems));
    table
        .checks()
        .forEach(
            k -> {
              if (k.name() != null
                  || !identifiers(k.expression()).stream().allMatch(table::hasColumn)) {
                problems.add(
                    at + "check " + k.expression() + " is named or reads a missing column");
              }
            });
    for (ForeignKey fk : table.foreignKeys()) {
      keyColumns(table, "foreign key", fk.name(), fk.columns(), problems);
      Optional<Table> target = schema.table(fk.referencedTable());
      if (target.isEmpty()
          || target.get().primaryKey() == null
          || !target.get().primaryKey().columns().equals(fk.referencedColumns())) {
        problems.add(at + "foreign key " + fk.key() + " does not reference a primary key");
        continue;
      }
      for (int i = 0; i < fk.columns().size(); i++) {
        String own = table.column(fk.columns().get(i)).map(Column::type).orElse("?");
        String referenced =
            target.get().column(fk.referencedColumns().get(i)).map(Column::type).orElse("!");
        if (!own.equals(referenced)) {
          problems.add(at + "foreign key " + fk.key() + " joins " + own + " to " + referenced);
        }
      }
    }
    for (Index index : table.indexes()) {
      if (!index.name().startsWith("idx_" + table.name() + "_")) {
        problems.add(at + "index " + index.name() + " is not named idx_<table>_<n>");
      }
      List<String> columns = index.parts().stream().map(IndexPart::column).toList();
      keyColumns(table, "index", null, columns, problems);
      if (!identifiers(index.where()).stream().allMatch(table::hasColumn)) {
        problems.add(at + "index " + index.name() + " predicate reads a missing column");
      }
    }
  }

  private static void keyColumns(
      Table table, String what, String name, List<String> columns, List<String> problems) {
    if (name != null) {
      problems.add("table " + table.name() + ": " + what + " " + name + " is named");
    }
    if (columns.isEmpty() || new HashSet<>(columns).size() != columns.size()) {
      problems.add("table " + table.name() + ": " + what + " has no or repeated columns");
    }
    for (String column : columns) {
      if (column == null || table.column(column).filter(SchemaValidity::isKeyType).isEmpty()) {
        problems.add(
            "table "
                + table.name()
                + ": "
                + what
                + " column "
                + column
                + " missing or not a key type");
      }
    }
  }

  private static boolean isKeyType(Column column) {
    return SchemaArbitraries.SQLITE_KEY_TYPES.contains(column.type());
  }

  private static boolean hasForeignKeyCycle(SchemaSnapshot schema) {
    Set<String> done = new HashSet<>();
    for (Table table : schema.tables()) {
      if (cycleFrom(schema, table.name(), new HashSet<>(), done)) {
        return true;
      }
    }
    return false;
  }

  private static boolean cycleFrom(
      SchemaSnapshot schema, String table, Set<String> path, Set<String> done) {
    if (done.contains(table)) {
      return false;
    }
    if (!path.add(table)) {
      return true;
    }
    for (ForeignKey fk : schema.table(table).map(Table::foreignKeys).orElse(List.of())) {
      if (cycleFrom(schema, fk.referencedTable(), path, done)) {
        return true;
      }
    }
    path.remove(table);
    done.add(table);
    return false;
  }

  static List<String> identifiers(String sql) {
    List<String> names = new ArrayList<>();
    if (sql != null) {
      Matcher matcher = QUOTED.matcher(sql);
      while (matcher.find()) {
        names.add(matcher.group(1).replace("\"\"", "\""));
      }
    }
    return names;
  }
}
