package io.schemasync.postgres;

import java.util.ArrayList;
import java.util.List;

/**
 * Lexical helpers over PostgreSQL text: string literals, quoted identifiers, dollar quotes and
 * comments are skipped so that a keyword or a semicolon inside them is never taken for syntax.
 */
final class SqlText {
  private SqlText() {}

  /** One statement of a script and the line it starts on (1-based). */
  record Statement(String sql, int line) {}

  /** Index of {@code needle} outside quotes at or after {@code from}; -1 when absent. */
  static int indexOutsideQuotes(String text, String needle, int from) {
    int i = from;
    while (i < text.length()) {
      if (text.startsWith(needle, i)) {
        return i;
      }
      i = skip(text, i);
    }
    return -1;
  }

  /** Index of the parenthesis closing the one at {@code open}. */
  static int matchingParen(String text, int open) {
    int depth = 0;
    int i = open;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
      i = skip(text, i);
    }
    throw new IllegalArgumentException("unbalanced parentheses in: " + text);
  }

  /** Splits a list at commas outside parentheses and quotes; each part trimmed. */
  static List<String> splitTopLevel(String list) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    int i = 0;
    while (i < list.length()) {
      char c = list.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(list.substring(start, i).trim());
        start = i + 1;
      }
      i = skip(list, i);
    }
    parts.add(list.substring(start).trim());
    return parts;
  }

  /** {@code (a + 1)} → {@code a + 1}: one pair of parentheses around the whole text removed. */
  static String unwrap(String text) {
    String t = text.trim();
    if (t.startsWith("(") && matchingParen(t, 0) == t.length() - 1) {
      return t.substring(1, t.length() - 1).trim();
    }
    return t;
  }

  /** Splits a script at top-level semicolons, keeping each statement's first line number. */
  static List<Statement> statements(String script) {
    List<Statement> out = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < script.length()) {
      if (script.charAt(i) == ';') {
        add(out, script, start, i);
        start = i + 1;
        i++;
      } else {
        i = skip(script, i);
      }
    }
    add(out, script, start, script.length());
    return out;
  }

  private static void add(List<Statement> out, String script, int start, int end) {
    String sql = script.substring(start, end);
    int offset = firstCode(sql);
    if (offset < 0) {
      return;
    }
    int line = 1;
    for (int k = 0; k < start + offset; k++) {
      if (script.charAt(k) == '\n') {
        line++;
      }
    }
    out.add(new Statement(sql.trim(), line));
  }

  /** Offset of the first character that is neither blank nor comment; -1 when there is none. */
  private static int firstCode(String sql) {
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (sql.startsWith("--", i) || sql.startsWith("/*", i)) {
        i = skip(sql, i);
      } else {
        return i;
      }
    }
    return -1;
  }

  /** The index just after the token starting at {@code i}: a quote, comment or one character. */
  static int skip(String text, int i) {
    char c = text.charAt(i);
    if (c == '\'' || c == '"') {
      int j = i + 1;
      while (j < text.length()) {
        if (text.charAt(j) == c) {
          if (j + 1 < text.length() && text.charAt(j + 1) == c) {
            j += 2;
            continue;
          }
          return j + 1;
        }
        j++;
      }
      return text.length();
    }
    if (text.startsWith("--", i)) {
      int end = text.indexOf('\n', i);
      return end < 0 ? text.length() : end + 1;
    }
    if (text.startsWith("/*", i)) {
      int end = text.indexOf("*/", i + 2);
      return end < 0 ? text.length() : end + 2;
    }
    if (c == '$' && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))) {
      int close = text.indexOf('$', i + 1);
      if (close > 0 && text.substring(i + 1, close).matches("[A-Za-z_]*")) {
        String tag = text.substring(i, close + 1);
        int end = text.indexOf(tag, close + 1);
        return end < 0 ? text.length() : end + tag.length();
      }
    }
    return i + 1;
  }
}
