package io.schemasync.sqlite.internal;

import io.schemasync.api.model.IndexPart;
import io.schemasync.api.model.Trigger;
import io.schemasync.api.model.TriggerEvent;
import io.schemasync.api.model.TriggerTiming;
import io.schemasync.sqlite.internal.SqlTokenizer.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads indexes, views and triggers back from the {@code CREATE} statements SQLite keeps in {@code
 * sqlite_schema}: the parts its pragmas do not report (index expressions and predicates, view
 * queries, trigger headers and bodies).
 */
public final class DdlTextParser {
  private DdlTextParser() {}

  /** An index's keys and predicate as written. */
  public record ParsedIndex(List<IndexPart> parts, String where) {}

  public static ParsedIndex index(String sql) {
    List<Token> tokens = SqlTokenizer.significant(sql);
    int open = indexOf(tokens, 0, "(");
    int close = SqlTokenizer.closing(tokens, open);
    List<IndexPart> parts = new ArrayList<>();
    for (List<Token> element : CreateTableParser.elements(tokens, open + 1, close)) {
      boolean descending = false;
      int last = element.size() - 1;
      if (last > 0 && (element.get(last).is("DESC") || element.get(last).is("ASC"))) {
        descending = element.get(last).is("DESC");
        last--;
      }
      if (last == 0 && element.get(0).isName()) {
        parts.add(new IndexPart(element.get(0).name(), null, descending));
      } else {
        String expression = SqlText.expression(SqlTokenizer.span(sql, element, 0, last));
        parts.add(new IndexPart(null, expression, descending));
      }
    }
    String where = null;
    if (close + 1 < tokens.size() && tokens.get(close + 1).is("WHERE")) {
      where = SqlText.expression(SqlTokenizer.span(sql, tokens, close + 2, tokens.size() - 1));
    }
    return new ParsedIndex(parts, where);
  }

  /** The query of a {@code CREATE VIEW}: everything after its {@code AS}, normalized. */
  public static String viewQuery(String sql) {
    List<Token> tokens = SqlTokenizer.significant(sql);
    int depth = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.isPunct("(")) {
        depth++;
      } else if (t.isPunct(")")) {
        depth--;
      } else if (depth == 0 && t.is("AS")) {
        return SqlText.normalize(SqlTokenizer.span(sql, tokens, i + 1, tokens.size() - 1));
      }
    }
    return SqlText.normalize(sql);
  }

  /** A {@code CREATE TRIGGER} statement as the model's trigger. */
  public static Trigger trigger(String name, String sql) {
    List<Token> tokens = SqlTokenizer.significant(sql);
    int i = indexOf(tokens, 0, "TRIGGER") + 1;
    if (tokens.get(i).is("IF")) {
      i += 3;
    }
    i++; // the trigger's name
    if (tokens.get(i).isPunct(".")) {
      i += 2;
    }
    TriggerTiming timing = TriggerTiming.BEFORE;
    if (tokens.get(i).is("BEFORE") || tokens.get(i).is("AFTER")) {
      timing = TriggerTiming.valueOf(tokens.get(i).text().toUpperCase(java.util.Locale.ROOT));
      i++;
    } else if (tokens.get(i).is("INSTEAD")) {
      timing = TriggerTiming.INSTEAD_OF;
      i += 2;
    }
    TriggerEvent event =
        TriggerEvent.valueOf(tokens.get(i).text().toUpperCase(java.util.Locale.ROOT));
    i++;
    List<String> updateOf = new ArrayList<>();
    if (tokens.get(i).is("OF")) {
      i++;
      while (!tokens.get(i).is("ON")) {
        if (!tokens.get(i).isPunct(",")) {
          updateOf.add(tokens.get(i).name());
        }
        i++;
      }
    }
    int begin = indexOf(tokens, i, "BEGIN");
    String when = null;
    int whenAt = indexOf(tokens, i, "WHEN");
    if (whenAt < begin) {
      when = SqlText.expression(SqlTokenizer.span(sql, tokens, whenAt + 1, begin - 1));
    }
    int end = tokens.size() - 1;
    String body = SqlText.normalize(SqlTokenizer.span(sql, tokens, begin + 1, end - 1));
    return new Trigger(
        name, timing, List.of(event), updateOf, true, when, body == null ? "" : body);
  }

  /** Index of the first word or punctuation {@code what} at or after {@code from}. */
  private static int indexOf(List<Token> tokens, int from, String what) {
    for (int i = from; i < tokens.size(); i++) {
      if (tokens.get(i).is(what) || tokens.get(i).isPunct(what)) {
        return i;
      }
    }
    return tokens.size();
  }
}
