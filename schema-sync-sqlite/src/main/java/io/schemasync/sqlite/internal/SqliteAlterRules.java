package io.schemasync.sqlite.internal;

import io.schemasync.api.model.Column;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.IndexPart;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.Trigger;
import io.schemasync.sqlite.internal.SqlTokenizer.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * What SQLite's own {@code ALTER TABLE ADD COLUMN} and {@code DROP COLUMN} accept
 * (lang_altertable.html); anything else is done with a table rebuild.
 */
public final class SqliteAlterRules {
  private SqliteAlterRules() {}

  /**
   * ADD COLUMN refuses primary-key and unique columns, defaults that are not literals (CURRENT_* or
   * parenthesized expressions), NOT NULL without a non-null default, and stored generated columns.
   */
  public static boolean canAddColumn(Column column, Table target) {
    if (column.identity() != null || (column.generated() != null && column.generated().stored())) {
      return false;
    }
    if (!SqliteDefaults.isConstantLiteral(column.defaultValue())) {
      return false;
    }
    if (!column.nullable() && column.defaultValue() == null && column.generated() == null) {
      return false;
    }
    if (target == null) {
      return true;
    }
    boolean keyed =
        (target.primaryKey() != null && target.primaryKey().columns().contains(column.name()))
            || target.uniques().stream().anyMatch(u -> u.columns().contains(column.name()))
            || target.foreignKeys().stream().anyMatch(f -> f.columns().contains(column.name()));
    return !keyed;
  }

  /**
   * DROP COLUMN refuses a column that is part of a key, indexed, or named by a check, a generated
   * column, or a trigger of the table. Names are matched as tokens, conservatively.
   */
  public static boolean canDropColumn(String column, Table current) {
    if (current.primaryKey() != null && current.primaryKey().columns().contains(column)) {
      return false;
    }
    if (current.uniques().stream().anyMatch(u -> u.columns().contains(column))
        || current.foreignKeys().stream().anyMatch(f -> f.columns().contains(column))) {
      return false;
    }
    List<String> texts = new ArrayList<>();
    current.checks().forEach(c -> texts.add(c.expression()));
    for (Column c : current.columns()) {
      if (c.generated() != null) {
        texts.add(c.generated().expression());
      }
    }
    for (Index index : current.indexes()) {
      for (IndexPart part : index.parts()) {
        texts.add(part.column() != null ? SqlText.quote(part.column()) : part.expression());
      }
      texts.add(index.where());
    }
    for (Trigger trigger : current.triggers()) {
      trigger.updateOf().forEach(u -> texts.add(SqlText.quote(u)));
      texts.add(trigger.when());
      texts.add(trigger.body());
    }
    return texts.stream().noneMatch(text -> mentions(text, column));
  }

  /** Whether a SQL fragment contains the name as a word or quoted identifier. */
  static boolean mentions(String sql, String name) {
    if (sql == null) {
      return false;
    }
    return SqlTokenizer.significant(sql).stream()
        .anyMatch(
            t ->
                (t.kind() == Kind.WORD || t.kind() == Kind.QUOTED_IDENTIFIER)
                    && t.name().equalsIgnoreCase(name));
  }
}
