package io.schemasync.testsupport.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL fragments generated schemas contain (checks, partial index predicates, view queries),
 * written with standard double-quoted identifiers, and the reading back of the names they use.
 */
final class Sql {
  private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"]|\"\")*)\"");

  private Sql() {}

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** Every quoted identifier in the fragment, in order of appearance. */
  static List<String> identifiers(String fragment) {
    List<String> names = new ArrayList<>();
    if (fragment == null) {
      return names;
    }
    Matcher matcher = QUOTED.matcher(fragment);
    while (matcher.find()) {
      names.add(matcher.group(1).replace("\"\"", "\""));
    }
    return names;
  }

  static String isNotNull(String column) {
    return quote(column) + " IS NOT NULL";
  }

  static String select(List<String> columns, String table) {
    List<String> quoted = columns.stream().map(Sql::quote).toList();
    return "SELECT " + String.join(", ", quoted) + " FROM " + quote(table);
  }

  /** The table a view made by {@link #select} reads: the last identifier. */
  static String viewTable(String definition) {
    List<String> names = identifiers(definition);
    return names.isEmpty() ? null : names.get(names.size() - 1);
  }

  /** The columns a view made by {@link #select} reads: every identifier but the last. */
  static List<String> viewColumns(String definition) {
    List<String> names = identifiers(definition);
    return names.isEmpty() ? List.of() : names.subList(0, names.size() - 1);
  }
}
