package io.schemasync.sqlite.internal;

import io.schemasync.sqlite.internal.SqlTokenizer.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL script into statements, each with the 1-based line it starts on. A semicolon ends a
 * statement unless it is inside a string, a quoted name, a comment, or the {@code BEGIN ... END}
 * body of a {@code CREATE TRIGGER} (where {@code CASE ... END} is counted too).
 */
public final class SqlScript {
  private SqlScript() {}

  /** One statement of a script, without its terminating semicolon. */
  public record Statement(String sql, int line) {}

  public static List<Statement> split(String script) {
    List<Statement> statements = new ArrayList<>();
    List<Token> current = new ArrayList<>();
    for (Token token : SqlTokenizer.tokenize(script)) {
      if (token.isPunct(";") && !insideTriggerBody(current)) {
        add(statements, script, current);
        current.clear();
      } else {
        current.add(token);
      }
    }
    add(statements, script, current);
    return statements;
  }

  private static void add(List<Statement> statements, String script, List<Token> tokens) {
    Token first = tokens.stream().filter(t -> !t.blank()).findFirst().orElse(null);
    if (first == null) {
      return;
    }
    Token last = first;
    for (Token token : tokens) {
      if (!token.blank()) {
        last = token;
      }
    }
    statements.add(
        new Statement(
            script.substring(first.start(), last.end()).strip(), lineOf(script, first.start())));
  }

  /** True while the tokens so far are a CREATE TRIGGER whose BEGIN has no matching END yet. */
  private static boolean insideTriggerBody(List<Token> tokens) {
    List<Token> words = tokens.stream().filter(t -> !t.blank()).toList();
    if (words.size() < 2 || !words.get(0).is("CREATE")) {
      return false;
    }
    int kw = 1;
    if (words.get(kw).is("TEMP") || words.get(kw).is("TEMPORARY")) {
      kw++;
    }
    if (kw >= words.size() || !words.get(kw).is("TRIGGER")) {
      return false;
    }
    int depth = 0;
    boolean begun = false;
    for (Token t : words) {
      if (t.is("BEGIN")) {
        depth++;
        begun = true;
      } else if (t.is("CASE") && begun) {
        depth++;
      } else if (t.is("END") && begun) {
        depth--;
      }
    }
    return !begun || depth > 0;
  }

  static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
