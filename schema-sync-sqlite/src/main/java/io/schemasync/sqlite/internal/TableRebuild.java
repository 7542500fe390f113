package io.schemasync.sqlite.internal;

import static io.schemasync.sqlite.internal.SqlText.literal;
import static io.schemasync.sqlite.internal.SqlText.quote;

import io.schemasync.api.model.Column;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The statements of SQLite's generalized ALTER TABLE (lang_altertable.html, "other kinds of table
 * schema changes"): create the table as the target wants it under a temporary name, copy the rows,
 * drop the old table, rename the new one, recreate its indexes (and, later, its triggers).
 *
 * <p>The rename runs with {@code legacy_alter_table} on: otherwise SQLite re-checks every view and
 * trigger while the table is briefly missing and fails ("error in view v: no such table"). The
 * runner has turned foreign keys off, so neither the drop nor the copy fires foreign-key actions.
 *
 * @param liveName the table's name when the step runs
 * @param finalName the table's name after the step (differs when a rename is folded in)
 * @param current the table as it is before the step
 * @param target the table as it must be after the step
 * @param renamedColumns new column name to old column name, for renames folded into the rebuild
 * @param takenNames every table name in use, so the temporary name collides with none
 */
public record TableRebuild(
    String liveName,
    String finalName,
    Table current,
    Table target,
    Map<String, String> renamedColumns,
    Set<String> takenNames) {

  public List<String> statements() {
    String temporary = temporaryName();
    Table rebuilt = target.withName(temporary);
    List<String> statements = new ArrayList<>();
    statements.add(SqliteDdl.createTable(rebuilt));
    copyRows(temporary).ifPresent(statements::add);
    statements.addAll(valuesKept(temporary));
    if (SqliteDdl.hasAutoincrement(current) && SqliteDdl.hasAutoincrement(target)) {
      // keep AUTOINCREMENT's high-water mark: ids of deleted rows must not come back
      statements.add("DELETE FROM sqlite_sequence WHERE name = " + literal(temporary));
      statements.add(
          "INSERT INTO sqlite_sequence (name, seq) SELECT "
              + literal(temporary)
              + ", seq FROM sqlite_sequence WHERE name = "
              + literal(liveName));
    }
    statements.add(SqliteDdl.dropTable(liveName));
    statements.add("PRAGMA legacy_alter_table = ON");
    statements.add(SqliteDdl.renameTable(temporary, finalName));
    statements.add("PRAGMA legacy_alter_table = OFF");
    for (Index index : target.indexes()) {
      statements.add(SqliteDdl.createIndex(finalName, index));
    }
    return statements;
  }

  /**
   * The table's triggers, dropped with the old table. They are recreated at the end of the plan,
   * not inside the rebuild: a trigger body may name a table the plan creates later, and until that
   * table exists every ALTER TABLE in between would fail SQLite's schema check.
   */
  public List<String> triggerStatements() {
    return target.triggers().stream().map(t -> SqliteDdl.createTrigger(finalName, t)).toList();
  }

  private Optional<String> copyRows(String temporary) {
    List<String> into = new ArrayList<>();
    List<String> from = new ArrayList<>();
    for (Column column : target.columns()) {
      if (column.generated() != null) {
        continue;
      }
      String source = renamedColumns.getOrDefault(column.name(), column.name());
      current
          .column(source)
          .ifPresent(
              old -> {
                into.add(quote(column.name()));
                from.add(sourceExpression(old, column));
              });
    }
    if (into.isEmpty()) {
      // No column survives, but the rows do, as the new columns' defaults; a NOT NULL column
      // without one then fails the step instead of the rows silently vanishing.
      Optional<Column> first =
          target.columns().stream().filter(column -> column.generated() == null).findFirst();
      if (first.isEmpty()) {
        return Optional.empty();
      }
      into.add(quote(first.get().name()));
      from.add(
          first.get().defaultValue() == null
              ? "NULL"
              : SqliteDdl.defaultExpression(first.get().defaultValue()));
    }
    return Optional.of(
        "INSERT INTO "
            + quote(temporary)
            + " ("
            + String.join(", ", into)
            + ") SELECT "
            + String.join(", ", from)
            + " FROM "
            + quote(liveName));
  }

  /**
   * Statements that fail the step when the copy changed a value: a column moving to numeric
   * affinity (INTEGER, REAL, NUMERIC) converts text that reads as a number, so {@code '007'}
   * becomes {@code 7} and {@code '3.10'} becomes {@code 3.1}, silently. The values of each such
   * column before and after the copy are compared as a multiset of their printed forms (numbers
   * printed as numbers, so {@code '7'} becoming {@code 7} or {@code 1.0} becoming {@code 1}
   * passes), and a difference fails a CHECK whose name says which column and why.
   */
  private List<String> valuesKept(String temporary) {
    List<String> statements = new ArrayList<>();
    for (Column column : target.columns()) {
      String source = renamedColumns.getOrDefault(column.name(), column.name());
      Optional<Column> old = current.column(source);
      if (column.generated() != null
          || old.isEmpty()
          || !numericAffinity(column.type())
          || affinity(old.get().type()).equals(affinity(column.type()))) {
        continue;
      }
      String check =
          "values of "
              + finalName
              + "."
              + column.name()
              + " would change under type "
              + column.type()
              + "; fix or convert them first";
      statements.add(
          "CREATE TEMP TABLE \"schemasync_values_kept\" (changed INTEGER CONSTRAINT "
              + quote(check)
              + " CHECK (changed = 0))");
      statements.add(
          "INSERT INTO temp.\"schemasync_values_kept\" SELECT count(*) FROM ("
              + printed(sourceExpression(old.get(), column), quote(liveName))
              + " EXCEPT "
              + printed(quote(column.name()), quote(temporary))
              + ")");
      statements.add("DROP TABLE temp.\"schemasync_values_kept\"");
    }
    return statements;
  }

  /**
   * The distinct printed forms of a column's values, with how often each occurs: a whole real as
   * the integer it equals, another real with every digit it has, anything else as its text.
   */
  private static String printed(String column, String table) {
    String x = "(" + column + ")";
    return "SELECT CASE typeof("
        + x
        + ") WHEN 'real' THEN CASE WHEN "
        + x
        + " = CAST("
        + x
        + " AS INTEGER) THEN CAST(CAST("
        + x
        + " AS INTEGER) AS TEXT) ELSE printf('%.17g', "
        + x
        + ") END ELSE CAST("
        + x
        + " AS TEXT) END AS v, count(*) AS n FROM "
        + table
        + " GROUP BY 1";
  }

  /** SQLite's affinity of a declared type (lang_datatype3.html, 3.1). */
  private static String affinity(String type) {
    String t = type.toUpperCase(Locale.ROOT);
    if (t.contains("INT")) {
      return "INTEGER";
    } else if (t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT")) {
      return "TEXT";
    } else if (t.contains("BLOB") || t.isBlank()) {
      return "BLOB";
    } else if (t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB")) {
      return "REAL";
    }
    return "NUMERIC";
  }

  private static boolean numericAffinity(String type) {
    String affinity = affinity(type);
    return affinity.equals("INTEGER") || affinity.equals("REAL") || affinity.equals("NUMERIC");
  }

  /** Rows whose value is NULL take the new default when the column becomes NOT NULL. */
  private static String sourceExpression(Column old, Column column) {
    if (old.nullable() && !column.nullable() && column.defaultValue() != null) {
      return "COALESCE("
          + quote(old.name())
          + ", "
          + SqliteDdl.defaultExpression(column.defaultValue())
          + ")";
    }
    return quote(old.name());
  }

  private String temporaryName() {
    String name = "new_" + finalName;
    for (int i = 2; containsIgnoreCase(takenNames, name); i++) {
      name = "new" + i + "_" + finalName;
    }
    return name;
  }

  private static boolean containsIgnoreCase(Set<String> names, String name) {
    return names.stream().anyMatch(n -> n.equalsIgnoreCase(name));
  }
}
