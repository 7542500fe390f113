package io.schemasync.internal.plan;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds which names a piece of SQL (a view's query, a check's expression) mentions. A lexical scan,
 * not a parser: it may over-report (a column that shares a table's name), which only costs a
 * needless view recreation or a dry run that rehearses instead of querying, but it does not miss a
 * quoted or unquoted mention.
 */
public final class SqlReferences {
  private static final Pattern TOKEN =
      Pattern.compile(
          "'(?:[^']|'')*'" // string literal: skipped
              + "|\"((?:[^\"]|\"\")*)\"" // "quoted"
              + "|`((?:[^`]|``)*)`" // `quoted`
              + "|\\[([^\\]]*)\\]" // [quoted]
              + "|([\\p{L}_][\\p{L}\\p{N}_$]*)"); // bare word

  private SqlReferences() {}

  /** The identifiers in the SQL: quoted ones exactly, bare ones lower-cased with a marker. */
  public static Set<String> identifiers(String sql) {
    Set<String> names = new HashSet<>();
    Matcher m = TOKEN.matcher(sql);
    while (m.find()) {
      if (m.group(1) != null) {
        names.add(m.group(1).replace("\"\"", "\""));
      } else if (m.group(2) != null) {
        names.add(m.group(2).replace("``", "`"));
      } else if (m.group(3) != null) {
        names.add(m.group(3));
      } else if (m.group(4) != null) {
        names.add(bare(m.group(4)));
      }
    }
    return names;
  }

  /** Whether the SQL mentions the name, quoted exactly or bare in any case. */
  public static boolean mentions(Set<String> identifiers, String name) {
    return identifiers.contains(name) || identifiers.contains(bare(name));
  }

  private static String bare(String word) {
    return "\u0000" + word.toLowerCase(Locale.ROOT);
  }
}
