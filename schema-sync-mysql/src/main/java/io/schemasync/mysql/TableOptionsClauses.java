package io.schemasync.mysql;

import static io.schemasync.mysql.MysqlNames.quote;

import io.schemasync.api.change.AddColumn;
import io.schemasync.api.change.AlterColumn;
import io.schemasync.api.change.AlterTableOptions;
import io.schemasync.api.change.SchemaChange;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The ALTER TABLE clauses of a table options change, and what they cost.
 *
 * <p>A new default character set or collation converts the text columns that inherit it (those
 * without a collation of their own in the target): each is modified in the same statement, which
 * gives it the new default. This is what {@code CONVERT TO CHARACTER SET} does, except that columns
 * with a collation of their own keep it and every column keeps its declared type ({@code CONVERT}
 * would turn a {@code text} into a {@code mediumtext} when the new set is wider). A table without
 * such columns only changes its default, in its metadata. A new engine copies the table.
 */
final class TableOptionsClauses {
  private final List<String> clauses = new ArrayList<>();
  private AlterCost cost = AlterCost.SERVER_CHOICE;
  private final StringBuilder why = new StringBuilder();

  /**
   * @param target the table as the target declares it
   * @param sameStatement the other changes of the statement (their columns are already modified)
   * @param added the columns the plan adds to the table (they do not exist yet)
   */
  TableOptionsClauses(
      AlterTableOptions change,
      Table target,
      List<SchemaChange> sameStatement,
      Set<String> added,
      MysqlDdl ddl) {
    clauses.addAll(MysqlDdl.tableOptions(change.from(), change.to()));
    List<String> reasons = new ArrayList<>();
    if (change.engineChanged()) {
      cost = AlterCost.COPY;
      reasons.add(
          "changing the engine of "
              + change.tableName()
              + " to "
              + change.to().engine()
              + " copies the table");
    }
    if (change.charsetChanged() && target != null) {
      List<String> converted = new ArrayList<>();
      for (Column c : target.columns()) {
        boolean inherits =
            c.collation() == null && c.generated() == null && TableOptionRules.isText(c.type());
        if (inherits && !added.contains(c.name()) && !modifiedBy(sameStatement, c.name())) {
          clauses.add("MODIFY COLUMN " + ddl.column(c));
          converted.add(quote(c.name()));
        }
      }
      if (!converted.isEmpty()) {
        cost = AlterCost.COPY;
        reasons.add(
            "converting "
                + String.join(", ", converted)
                + " to "
                + (change.to().collation() != null
                    ? change.to().collation()
                    : change.to().charset())
                + " copies the table (and fails on a value the new character set cannot hold)");
      }
    }
    why.append(String.join("; ", reasons));
  }

  private static boolean modifiedBy(List<SchemaChange> changes, String column) {
    return changes.stream()
        .anyMatch(
            c ->
                (c instanceof AlterColumn alter && alter.to().name().equals(column))
                    || (c instanceof AddColumn add && add.column().name().equals(column)));
  }

  List<String> clauses() {
    return clauses;
  }

  AlterCost cost() {
    return cost;
  }

  /** Why the change blocks writes; empty when it does not. */
  String why() {
    return why.toString();
  }
}
