package io.schemasync.sqlite.internal;

import static io.schemasync.sqlite.internal.SqlText.quote;

import io.schemasync.api.model.CheckConstraint;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.Identity;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.IndexPart;
import io.schemasync.api.model.ReferentialAction;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.Trigger;
import io.schemasync.api.model.TriggerTiming;
import io.schemasync.api.model.UniqueConstraint;
import io.schemasync.api.model.View;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The SQLite statement for each object: every name quoted, every fragment in canonical form. */
public final class SqliteDdl {
  private SqliteDdl() {}

  /** {@code CREATE TABLE} with columns, primary key, unique, check and foreign-key constraints. */
  public static String createTable(Table table) {
    boolean inlinePk = hasAutoincrement(table);
    List<String> parts = new ArrayList<>();
    for (Column column : table.columns()) {
      parts.add(column(column, inlinePk && table.primaryKey().columns().contains(column.name())));
    }
    if (table.primaryKey() != null && !inlinePk) {
      parts.add("PRIMARY KEY (" + names(table.primaryKey().columns()) + ")");
    }
    for (UniqueConstraint unique : table.uniques()) {
      parts.add("UNIQUE (" + names(unique.columns()) + ")");
    }
    for (CheckConstraint check : table.checks()) {
      parts.add("CHECK (" + check.expression() + ")");
    }
    for (ForeignKey fk : table.foreignKeys()) {
      parts.add(foreignKey(fk));
    }
    return "CREATE TABLE " + quote(table.name()) + " (\n  " + String.join(",\n  ", parts) + "\n)";
  }

  /** A column definition as in {@code CREATE TABLE} or {@code ADD COLUMN}. */
  public static String column(Column column, boolean inlinePrimaryKey) {
    if (!SqliteTypes.isWritable(column.type())) {
      throw new IllegalArgumentException(
          "column "
              + column.name()
              + " has a type that cannot be written into DDL: "
              + column.type());
    }
    StringBuilder out = new StringBuilder(quote(column.name())).append(' ').append(column.type());
    if (!column.nullable()) {
      out.append(" NOT NULL");
    }
    if (inlinePrimaryKey) {
      out.append(" PRIMARY KEY");
      if (column.identity() == Identity.BY_DEFAULT) {
        out.append(" AUTOINCREMENT");
      }
    }
    if (column.defaultValue() != null) {
      out.append(" DEFAULT ").append(defaultExpression(column.defaultValue()));
    }
    if (column.collation() != null) {
      out.append(" COLLATE ").append(quote(column.collation()));
    }
    if (column.generated() != null) {
      out.append(" GENERATED ALWAYS AS (")
          .append(column.generated().expression())
          .append(")")
          .append(column.generated().stored() ? " STORED" : " VIRTUAL");
    }
    return out.toString();
  }

  /** A default as SQLite accepts it: literals bare, anything else in parentheses. */
  public static String defaultExpression(String expression) {
    return SqliteDefaults.isBare(expression) ? expression : "(" + expression + ")";
  }

  public static String foreignKey(ForeignKey fk) {
    StringBuilder out =
        new StringBuilder("FOREIGN KEY (")
            .append(names(fk.columns()))
            .append(") REFERENCES ")
            .append(quote(fk.referencedTable()))
            .append(" (")
            .append(names(fk.referencedColumns()))
            .append(')');
    if (fk.onDelete() != ReferentialAction.NO_ACTION) {
      out.append(" ON DELETE ").append(fk.onDelete().sql());
    }
    if (fk.onUpdate() != ReferentialAction.NO_ACTION) {
      out.append(" ON UPDATE ").append(fk.onUpdate().sql());
    }
    return out.toString();
  }

  public static String createIndex(String table, Index index) {
    String parts =
        index.parts().stream().map(SqliteDdl::indexPart).collect(Collectors.joining(", "));
    return "CREATE "
        + (index.unique() ? "UNIQUE " : "")
        + "INDEX "
        + quote(index.name())
        + " ON "
        + quote(table)
        + " ("
        + parts
        + ")"
        + (index.where() == null ? "" : " WHERE " + index.where());
  }

  private static String indexPart(IndexPart part) {
    String key = part.column() != null ? quote(part.column()) : "(" + part.expression() + ")";
    return part.descending() ? key + " DESC" : key;
  }

  public static String dropIndex(String name) {
    return "DROP INDEX IF EXISTS " + quote(name);
  }

  public static String createTrigger(String table, Trigger trigger) {
    StringBuilder out =
        new StringBuilder("CREATE TRIGGER ")
            .append(quote(trigger.name()))
            .append(' ')
            .append(
                trigger.timing() == TriggerTiming.INSTEAD_OF
                    ? "INSTEAD OF"
                    : trigger.timing().name())
            .append(' ')
            .append(trigger.events().get(0).name());
    if (!trigger.updateOf().isEmpty()) {
      out.append(" OF ").append(names(trigger.updateOf()));
    }
    out.append(" ON ").append(quote(table)).append(" FOR EACH ROW");
    if (trigger.when() != null) {
      out.append(" WHEN ").append(trigger.when());
    }
    return out.append(" BEGIN ").append(trigger.body()).append(" END").toString();
  }

  public static String dropTrigger(String name) {
    return "DROP TRIGGER IF EXISTS " + quote(name);
  }

  public static String createView(View view) {
    return "CREATE VIEW " + quote(view.name()) + " AS " + view.definition();
  }

  public static String dropView(String name) {
    return "DROP VIEW " + quote(name);
  }

  public static String dropTable(String name) {
    return "DROP TABLE " + quote(name);
  }

  public static String renameTable(String from, String to) {
    return "ALTER TABLE " + quote(from) + " RENAME TO " + quote(to);
  }

  public static String addColumn(String table, Column column) {
    return "ALTER TABLE " + quote(table) + " ADD COLUMN " + column(column, false);
  }

  public static String dropColumn(String table, String column) {
    return "ALTER TABLE " + quote(table) + " DROP COLUMN " + quote(column);
  }

  public static String renameColumn(String table, String from, String to) {
    return "ALTER TABLE " + quote(table) + " RENAME COLUMN " + quote(from) + " TO " + quote(to);
  }

  /** Quoted, comma-separated names. */
  public static String names(List<String> names) {
    return names.stream().map(SqlText::quote).collect(Collectors.joining(", "));
  }

  /** AUTOINCREMENT can only be written on a single-column primary key, inline. */
  static boolean hasAutoincrement(Table table) {
    return table.primaryKey() != null
        && table.primaryKey().columns().size() == 1
        && table
            .column(table.primaryKey().columns().get(0))
            .map(c -> c.identity() == Identity.BY_DEFAULT)
            .orElse(false);
  }
}
