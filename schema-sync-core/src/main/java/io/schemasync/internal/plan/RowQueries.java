package io.schemasync.internal.plan;

import io.schemasync.api.model.ForeignKey;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * Read-only queries that find a row a change would fail on, in the SQL every engine here shares;
 * each dialect names the tables and quotes the columns its own way. Dry runs run them where they
 * cannot rehearse a step on the tenant's rows (PostgreSQL's validations after the commit, MySQL's
 * tables too big to copy).
 */
public final class RowQueries {
  private RowQueries() {}

  /**
   * Rows of {@code child} whose foreign key columns are all set and match no row of {@code parent}
   * (MATCH SIMPLE: a NULL in any of them lets the row through).
   *
   * @param child the child table as the dialect names it in a query
   * @param parent the referenced table, likewise
   * @param quote quotes a column name
   */
  public static String orphans(
      String child, String parent, ForeignKey key, UnaryOperator<String> quote) {
    List<String> set = new ArrayList<>();
    key.columns().forEach(column -> set.add("c." + quote.apply(column) + " IS NOT NULL"));
    List<String> matches =
        IntStream.range(0, key.columns().size())
            .mapToObj(
                i ->
                    "p."
                        + quote.apply(key.referencedColumns().get(i))
                        + " = c."
                        + quote.apply(key.columns().get(i)))
            .toList();
    return "SELECT 1 FROM "
        + child
        + " c WHERE "
        + String.join(" AND ", set)
        + " AND NOT EXISTS (SELECT 1 FROM "
        + parent
        + " p WHERE "
        + String.join(" AND ", matches)
        + ") LIMIT 1";
  }

  /**
   * Rows of {@code table} with the same key as another: rows with a NULL in the key never collide
   * unless {@code nullsDistinct} is false, and rows outside {@code where} (when not null) do not
   * count.
   *
   * @param keys what the key compares, each as SQL: a quoted column, an expression
   */
  public static String duplicates(
      String table, List<String> keys, String where, boolean nullsDistinct) {
    List<String> conditions = new ArrayList<>();
    if (where != null) {
      conditions.add("(" + where + ")");
    }
    if (nullsDistinct) {
      keys.forEach(key -> conditions.add(key + " IS NOT NULL"));
    }
    return "SELECT 1 FROM "
        + table
        + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
        + " GROUP BY "
        + String.join(", ", keys)
        + " HAVING count(*) > 1 LIMIT 1";
  }
}
