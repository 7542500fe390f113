package io.schemasync.sqlite.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQLite SQL text into tokens that keep their offsets, so parsers can cut expressions out of
 * the original text. Quotes ({@code '...'}, {@code "..."}, {@code `...`}, {@code [...]}) and
 * comments are single tokens, which is what keeps a semicolon or parenthesis inside a string from
 * being mistaken for syntax.
 */
public final class SqlTokenizer {
  private SqlTokenizer() {}

  /** What a token is. */
  public enum Kind {
    WORD,
    QUOTED_IDENTIFIER,
    STRING,
    NUMBER,
    BLOB,
    PARAMETER,
    PUNCT,
    SPACE,
    COMMENT
  }

  /** One token and where it is in the text ({@code end} exclusive). */
  public record Token(Kind kind, String text, int start, int end) {
    /** True for whitespace and comments. */
    public boolean blank() {
      return kind == Kind.SPACE || kind == Kind.COMMENT;
    }

    /** Case-insensitive keyword test for an unquoted word. */
    public boolean is(String keyword) {
      return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    /** Whether this is exactly the punctuation {@code p}. */
    public boolean isPunct(String p) {
      return kind == Kind.PUNCT && text.equals(p);
    }

    /** True for anything that can name an object: a word or a quoted identifier or string. */
    public boolean isName() {
      return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER || kind == Kind.STRING;
    }

    /** The name this token spells, quotes removed and doubled quotes undone. */
    public String name() {
      return switch (kind) {
        case QUOTED_IDENTIFIER, STRING -> unquote(text);
        default -> text;
      };
    }
  }

  /** Every token, blanks included; an unterminated quote or comment runs to the end of the text. */
  public static List<Token> tokenize(String sql) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      int start = i;
      Kind kind;
      if (Character.isWhitespace(c)) {
        while (i < n && Character.isWhitespace(sql.charAt(i))) {
          i++;
        }
        kind = Kind.SPACE;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n') {
          i++;
        }
        kind = Kind.COMMENT;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int close = sql.indexOf("*/", i + 2);
        i = close < 0 ? n : close + 2;
        kind = Kind.COMMENT;
      } else if (c == '\'' || c == '"' || c == '`') {
        i = endOfQuoted(sql, i, c);
        kind = c == '\'' ? Kind.STRING : Kind.QUOTED_IDENTIFIER;
      } else if (c == '[') {
        int close = sql.indexOf(']', i + 1);
        i = close < 0 ? n : close + 1;
        kind = Kind.QUOTED_IDENTIFIER;
      } else if ((c == 'x' || c == 'X') && i + 1 < n && sql.charAt(i + 1) == '\'') {
        i = endOfQuoted(sql, i + 1, '\'');
        kind = Kind.BLOB;
      } else if (Character.isDigit(c)
          || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
        i = endOfNumber(sql, i);
        kind = Kind.NUMBER;
      } else if (isWordStart(c)) {
        while (i < n && isWordPart(sql.charAt(i))) {
          i++;
        }
        kind = Kind.WORD;
      } else if (c == '?' || c == ':' || c == '@' || c == '$') {
        i++;
        while (i < n && isWordPart(sql.charAt(i))) {
          i++;
        }
        kind = Kind.PARAMETER;
      } else {
        i += operatorLength(sql, i);
        kind = Kind.PUNCT;
      }
      tokens.add(new Token(kind, sql.substring(start, i), start, i));
    }
    return tokens;
  }

  /** The tokens without whitespace and comments. */
  public static List<Token> significant(String sql) {
    return tokenize(sql).stream().filter(t -> !t.blank()).toList();
  }

  /** Index of the ")" closing the "(" at {@code open}; the last index when it is never closed. */
  public static int closing(List<Token> tokens, int open) {
    int depth = 0;
    for (int i = open; i < tokens.size(); i++) {
      if (tokens.get(i).isPunct("(")) {
        depth++;
      } else if (tokens.get(i).isPunct(")") && --depth == 0) {
        return i;
      }
    }
    return tokens.size() - 1;
  }

  /**
   * The original text from token {@code from} to token {@code to}, both included; "" when empty.
   */
  public static String span(String sql, List<Token> tokens, int from, int to) {
    if (from > to || from >= tokens.size()) {
      return "";
    }
    return sql.substring(tokens.get(from).start(), tokens.get(to).end());
  }

  /** Removes the quotes of a quoted identifier or string and undoes doubled quote characters. */
  public static String unquote(String quoted) {
    if (quoted.length() < 2) {
      return quoted;
    }
    char open = quoted.charAt(0);
    if (open == '[') {
      return quoted.substring(1, quoted.length() - 1);
    }
    if (open != '"' && open != '\'' && open != '`') {
      return quoted;
    }
    String inner = quoted.substring(1, quoted.length() - 1);
    String quote = String.valueOf(open);
    return inner.replace(quote + quote, quote);
  }

  private static int endOfQuoted(String sql, int open, char quote) {
    int i = open + 1;
    int n = sql.length();
    while (i < n) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < n && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return n;
  }

  private static int endOfNumber(String sql, int i) {
    int n = sql.length();
    if (sql.startsWith("0x", i) || sql.startsWith("0X", i)) {
      i += 2;
      while (i < n && Character.digit(sql.charAt(i), 16) >= 0) {
        i++;
      }
      return i;
    }
    while (i < n && (Character.isDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
      i++;
    }
    if (i < n && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
      int j = i + 1;
      if (j < n && (sql.charAt(j) == '+' || sql.charAt(j) == '-')) {
        j++;
      }
      if (j < n && Character.isDigit(sql.charAt(j))) {
        i = j;
        while (i < n && Character.isDigit(sql.charAt(i))) {
          i++;
        }
      }
    }
    return i;
  }

  private static int operatorLength(String sql, int i) {
    String[] twoChar = {"||", "<=", ">=", "<>", "!=", "==", "<<", ">>", "->"};
    for (String op : twoChar) {
      if (sql.startsWith(op, i)) {
        return op.equals("->") && sql.startsWith("->>", i) ? 3 : 2;
      }
    }
    return 1;
  }

  private static boolean isWordStart(char c) {
    return Character.isLetter(c) || c == '_' || c > 127;
  }

  private static boolean isWordPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127;
  }
}
