package io.schemasync.mysql;

import io.schemasync.api.model.CheckConstraint;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.View;

/**
 * Rewrites ANSI {@code "quoted"} names in generated SQL fragments as MySQL {@code `quoted`} ones.
 */
final class AnsiQuotes {
  private AnsiQuotes() {}

  static SchemaSnapshot toBackticks(SchemaSnapshot s) {
    return s.withTables(s.tables().stream().map(AnsiQuotes::table).toList())
        .withViews(
            s.views().stream()
                .map(v -> new View(v.name(), convert(v.definition()), v.materialized()))
                .toList());
  }

  private static Table table(Table t) {
    return t.withChecks(
        t.checks().stream()
            .map(c -> new CheckConstraint(c.name(), convert(c.expression())))
            .toList());
  }

  static String convert(String sql) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\'') {
        int end = i + 1;
        while (end < sql.length()) {
          if (sql.charAt(end) == '\'' && end + 1 < sql.length() && sql.charAt(end + 1) == '\'') {
            end += 2;
          } else if (sql.charAt(end) == '\'') {
            break;
          } else {
            end++;
          }
        }
        out.append(sql, i, Math.min(end + 1, sql.length()));
        i = end + 1;
      } else if (c == '"') {
        StringBuilder name = new StringBuilder();
        int j = i + 1;
        while (j < sql.length()) {
          if (sql.charAt(j) == '"' && j + 1 < sql.length() && sql.charAt(j + 1) == '"') {
            name.append('"');
            j += 2;
          } else if (sql.charAt(j) == '"') {
            break;
          } else {
            name.append(sql.charAt(j++));
          }
        }
        out.append(MysqlNames.quote(name.toString()));
        i = j + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
