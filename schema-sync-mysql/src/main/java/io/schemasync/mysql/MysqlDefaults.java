package io.schemasync.mysql;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Column defaults in one canonical form across MySQL and MariaDB: string literals single-quoted
 * ({@code 'abc'}), numbers bare, {@code CURRENT_TIMESTAMP[(n)]} in upper case, other expressions as
 * the server prints them. {@code ON UPDATE CURRENT_TIMESTAMP}, which the model has no field for, is
 * carried as a suffix of the default ({@code CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP}, {@code
 * NULL ON UPDATE CURRENT_TIMESTAMP(6)}) — which is also valid column DDL.
 */
final class MysqlDefaults {
  private static final Pattern NUMBER =
      Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
  private static final Pattern NOW =
      Pattern.compile(
          "(?i)^(current_timestamp|now|localtimestamp|localtime)\\s*(?:\\(\\s*(\\d?)\\s*\\))?$");
  private static final String ON_UPDATE = " ON UPDATE ";
  private static final Pattern INTRODUCED =
      Pattern.compile("(?s)^_[A-Za-z0-9]+\\s*'((?:[^'\\\\]|\\\\.|'')*)'$");

  private MysqlDefaults() {}

  /**
   * The canonical default from {@code information_schema.COLUMNS}.
   *
   * @param raw COLUMN_DEFAULT: quoted literals on MariaDB, unquoted on MySQL
   * @param extra EXTRA: {@code DEFAULT_GENERATED} marks an expression on MySQL, and both servers
   *     put {@code on update ...} there
   */
  static String fromCatalog(String raw, String extra, String columnType, ServerFlavor flavor) {
    String value = raw == null ? null : fromCatalogValue(raw, extra, columnType, flavor);
    String onUpdate = onUpdate(extra);
    if (onUpdate == null) {
      return value;
    }
    return (value == null ? "NULL" : value) + ON_UPDATE + onUpdate;
  }

  private static String fromCatalogValue(
      String raw, String extra, String columnType, ServerFlavor flavor) {
    String e = extra == null ? "" : extra.toLowerCase(Locale.ROOT);
    if (flavor.mariaDb()) {
      if (raw.equals("NULL")) {
        return null;
      }
      if (raw.startsWith("'") || NUMBER.matcher(raw).matches()) {
        return raw;
      }
      return expression(raw);
    }
    if (e.contains("default_generated")) {
      return introducedLiteral(expression(stripParens(CatalogQuery.unescaped(raw))));
    }
    if (MysqlTypes.isNumeric(columnType) && NUMBER.matcher(raw).matches()) {
      return raw;
    }
    if (columnType.startsWith("bit") && raw.startsWith("b'")) {
      return raw;
    }
    return MysqlNames.literal(raw);
  }

  /**
   * A string literal with a character set introducer ({@code _utf8mb4'it\'s'}, how MySQL 8 prints
   * the {@code DEFAULT ('it''s')} that text, blob and JSON columns need) as the plain literal
   * ({@code 'it''s'}); anything else unchanged.
   */
  static String introducedLiteral(String expression) {
    Matcher m = INTRODUCED.matcher(expression);
    if (!m.matches()) {
      return expression;
    }
    String body = m.group(1);
    StringBuilder value = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length()) {
        char next = body.charAt(++i);
        value.append(
            switch (next) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              case '0' -> '\0';
              default -> next;
            });
      } else if (c == '\'') {
        value.append('\'');
        i++; // a doubled quote
      } else {
        value.append(c);
      }
    }
    return MysqlNames.literal(value.toString());
  }

  private static String onUpdate(String extra) {
    if (extra == null) {
      return null;
    }
    int at = extra.toLowerCase(Locale.ROOT).indexOf("on update ");
    return at < 0 ? null : expression(extra.substring(at + "on update ".length()).trim());
  }

  /** A default written in a target, brought to the canonical form where that needs no server. */
  static String fromTarget(String value, String columnType) {
    if (value == null) {
      return null;
    }
    String v = value.trim();
    String suffix = null;
    int split = onUpdateIndex(v);
    if (split >= 0) {
      suffix = expression(v.substring(split + ON_UPDATE.length()).trim());
      v = v.substring(0, split).trim();
    }
    String main;
    if (v.equalsIgnoreCase("null")) {
      main = suffix == null ? null : "NULL";
    } else if (columnType.equals("tinyint(1)") && v.equalsIgnoreCase("true")) {
      main = "1";
    } else if (columnType.equals("tinyint(1)") && v.equalsIgnoreCase("false")) {
      main = "0";
    } else if (v.startsWith("'") || NUMBER.matcher(v).matches()) {
      main = v;
    } else {
      main = expression(stripParens(v));
    }
    return suffix == null ? main : main + ON_UPDATE + suffix;
  }

  /**
   * MySQL requires CURRENT_TIMESTAMP in a {@code datetime(n)} / {@code timestamp(n)} default to
   * carry the column's precision; a portable {@code timestamp default CURRENT_TIMESTAMP} gets it.
   */
  static String withPrecision(String canonical, String columnType) {
    Matcher m = Pattern.compile("^(datetime|timestamp)\\((\\d)\\)$").matcher(columnType);
    if (canonical == null || !m.matches()) {
      return canonical;
    }
    return canonical.replaceAll(
        "CURRENT_TIMESTAMP(?!\\()", "CURRENT_TIMESTAMP(" + m.group(2) + ")");
  }

  /** CURRENT_TIMESTAMP and its synonyms in one spelling; other expressions unchanged. */
  static String expression(String expression) {
    Matcher m = NOW.matcher(expression.trim());
    if (m.matches()) {
      String precision = m.group(2);
      return precision == null || precision.isEmpty() || precision.equals("0")
          ? "CURRENT_TIMESTAMP"
          : "CURRENT_TIMESTAMP(" + precision + ")";
    }
    return expression;
  }

  /** The DDL after {@code DEFAULT}, or the whole clause when the column has only ON UPDATE. */
  static String render(String canonical) {
    return render(canonical, false);
  }

  /**
   * As {@link #render(String)}; {@code expressionOnly} for a column that takes no literal default
   * (MySQL's text, blob, JSON and geometry columns), where even a literal is written {@code DEFAULT
   * ('x')}.
   */
  static String render(String canonical, boolean expressionOnly) {
    int split = onUpdateIndex(canonical);
    String main = split >= 0 ? canonical.substring(0, split) : canonical;
    String suffix = split >= 0 ? canonical.substring(split) : "";
    String value = renderValue(main.trim());
    if (expressionOnly && !value.startsWith("(") && !value.equalsIgnoreCase("NULL")) {
      value = "(" + value + ")";
    }
    return "DEFAULT " + value + suffix;
  }

  /** Column types MySQL gives no literal default, only an expression one (8.0.13 and later). */
  static boolean expressionOnly(String columnType) {
    String base = columnType.toLowerCase(Locale.ROOT).replaceAll("[ (].*$", "");
    return base.endsWith("text")
        || base.endsWith("blob")
        || base.equals("json")
        || base.equals("geometry")
        || base.equals("point")
        || base.equals("linestring")
        || base.equals("polygon")
        || base.startsWith("multi")
        || base.equals("geometrycollection");
  }

  private static String renderValue(String v) {
    if (v.startsWith("'")
        || v.equalsIgnoreCase("NULL")
        || NUMBER.matcher(v).matches()
        || NOW.matcher(v).matches()
        || v.startsWith("b'")) {
      return v;
    }
    // MySQL needs parentheses around expression defaults; MariaDB accepts them.
    return "(" + v + ")";
  }

  private static String stripParens(String v) {
    String s = v;
    while (s.startsWith("(") && s.endsWith(")") && balanced(s.substring(1, s.length() - 1))) {
      s = s.substring(1, s.length() - 1).trim();
    }
    return s;
  }

  private static boolean balanced(String s) {
    int depth = 0;
    for (char c : s.toCharArray()) {
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (depth < 0) {
        return false;
      }
    }
    return depth == 0;
  }

  /** Where {@code ON UPDATE} starts, outside a leading string literal; -1 when absent. */
  private static int onUpdateIndex(String v) {
    int from = 0;
    if (v.startsWith("'")) {
      int i = 1;
      while (i < v.length()) {
        if (v.charAt(i) == '\'' && i + 1 < v.length() && v.charAt(i + 1) == '\'') {
          i += 2;
        } else if (v.charAt(i) == '\'') {
          break;
        } else {
          i++;
        }
      }
      from = i;
    }
    return v.toUpperCase(Locale.ROOT).indexOf(ON_UPDATE, from);
  }
}
