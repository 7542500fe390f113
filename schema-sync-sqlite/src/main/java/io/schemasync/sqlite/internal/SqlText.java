package io.schemasync.sqlite.internal;

import io.schemasync.sqlite.internal.SqlTokenizer.Kind;
import io.schemasync.sqlite.internal.SqlTokenizer.Token;
import java.util.List;

/**
 * The one canonical spelling of SQL fragments (defaults, checks, view queries, trigger bodies) used
 * on both sides of a comparison. SQLite stores DDL text verbatim (renames keep each name's quoting
 * style), so canonical text only has to absorb layout: whitespace runs become one space, comments
 * go, and backtick or bracket quoting becomes double quotes. Double-quoted names stay quoted, since
 * SQLite may read {@code "x"} as a string literal; string literals are never touched.
 */
public final class SqlText {
  private SqlText() {}

  /** Quotes a name in double quotes, doubling embedded ones; the only way names enter SQL. */
  public static String quote(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** A string literal, embedded single quotes doubled. */
  public static String literal(String value) {
    return '\'' + value.replace("'", "''") + '\'';
  }

  /** Canonical text of a SQL fragment; null stays null, blank becomes null. Idempotent. */
  public static String normalize(String sql) {
    if (sql == null) {
      return null;
    }
    List<Token> tokens = SqlTokenizer.tokenize(sql);
    StringBuilder out = new StringBuilder();
    Token previous = null;
    boolean gap = false;
    for (Token token : tokens) {
      if (token.blank()) {
        gap = previous != null;
        continue;
      }
      String text = canonical(token);
      if (previous != null && needsSpace(previous, token, gap)) {
        out.append(' ');
      }
      out.append(text);
      previous = token;
      gap = false;
    }
    String result = out.toString();
    return result.isEmpty() ? null : result;
  }

  /**
   * Canonical text of an expression: {@link #normalize} and then without parentheses that enclose
   * all of it, since SQLite reports {@code DEFAULT (1 + 2)} as {@code 1 + 2}.
   */
  public static String expression(String sql) {
    String text = normalize(sql);
    while (text != null && enclosedInParentheses(text)) {
      text = normalize(text.substring(1, text.length() - 1));
    }
    return text;
  }

  /** Whether the whole text is one parenthesized group, e.g. {@code (a) + (b)} is not. */
  static boolean enclosedInParentheses(String text) {
    List<Token> tokens = SqlTokenizer.significant(text);
    if (tokens.size() < 2
        || !tokens.get(0).isPunct("(")
        || !tokens.get(tokens.size() - 1).isPunct(")")) {
      return false;
    }
    int depth = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.isPunct("(")) {
        depth++;
      } else if (t.isPunct(")")) {
        depth--;
        if (depth == 0 && i < tokens.size() - 1) {
          return false;
        }
      }
    }
    return depth == 0;
  }

  private static String canonical(Token token) {
    if (token.kind() == Kind.QUOTED_IDENTIFIER && !token.text().startsWith("\"")) {
      return quote(token.name()); // `x` and [x] are identifiers; "x" may be a string (SQLite's DQS)
    }
    return token.text();
  }

  private static boolean needsSpace(Token previous, Token next, boolean gap) {
    if (wordLike(previous) && wordLike(next)) {
      return true; // never glue two names or a name and a number into one
    }
    if (!gap) {
      return false;
    }
    if (previous.isPunct("(") || previous.isPunct(".")) {
      return false;
    }
    return !(next.isPunct(")") || next.isPunct(",") || next.isPunct(";") || next.isPunct("."));
  }

  private static boolean wordLike(Token token) {
    return switch (token.kind()) {
      case WORD, QUOTED_IDENTIFIER, NUMBER, STRING, BLOB, PARAMETER -> true;
      default -> false;
    };
  }
}
