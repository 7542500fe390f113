package io.schemasync.sqlite.internal;

import io.schemasync.sqlite.internal.SqlTokenizer.Kind;
import io.schemasync.sqlite.internal.SqlTokenizer.Token;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Canonical forms of column defaults and collations, and what SQLite accepts where. */
public final class SqliteDefaults {
  private static final Set<String> TIME_KEYWORDS =
      Set.of("CURRENT_TIME", "CURRENT_DATE", "CURRENT_TIMESTAMP");
  private static final Set<String> LITERAL_WORDS = Set.of("NULL", "TRUE", "FALSE");

  private SqliteDefaults() {}

  /**
   * The default as SQLite reports it: the expression without enclosing parentheses, canonical
   * spacing; {@code NULL} means no default.
   */
  public static String normalize(String defaultValue) {
    String text = SqlText.expression(defaultValue);
    return text == null || text.equalsIgnoreCase("NULL") ? null : text;
  }

  /** A collation name in upper case; {@code BINARY}, the default, is no collation. */
  public static String collation(String collation) {
    if (collation == null || collation.isBlank()) {
      return null;
    }
    String upper = collation.trim().toUpperCase(Locale.ROOT);
    return upper.equals("BINARY") ? null : upper;
  }

  /**
   * Whether a default may be written without parentheses: a number (optionally signed), a string or
   * blob literal, NULL, TRUE, FALSE or one of the CURRENT_* keywords.
   */
  public static boolean isBare(String defaultValue) {
    return isConstantLiteral(defaultValue) || isTimeKeyword(defaultValue);
  }

  /** Whether {@code ALTER TABLE ADD COLUMN} accepts the default: a literal, not CURRENT_*. */
  public static boolean isConstantLiteral(String defaultValue) {
    if (defaultValue == null) {
      return true;
    }
    List<Token> tokens = SqlTokenizer.significant(defaultValue);
    if (tokens.size() == 2 && (tokens.get(0).isPunct("-") || tokens.get(0).isPunct("+"))) {
      return tokens.get(1).kind() == Kind.NUMBER;
    }
    if (tokens.size() != 1) {
      return false;
    }
    Token t = tokens.get(0);
    return t.kind() == Kind.NUMBER
        || t.kind() == Kind.STRING
        || t.kind() == Kind.BLOB
        || (t.kind() == Kind.WORD && LITERAL_WORDS.contains(t.text().toUpperCase(Locale.ROOT)));
  }

  private static boolean isTimeKeyword(String defaultValue) {
    List<Token> tokens = SqlTokenizer.significant(defaultValue);
    return tokens.size() == 1
        && tokens.get(0).kind() == Kind.WORD
        && TIME_KEYWORDS.contains(tokens.get(0).text().toUpperCase(Locale.ROOT));
  }
}
