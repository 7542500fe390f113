package io.schemasync.sqlite.internal;

import io.schemasync.sqlite.internal.SqlTokenizer.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what SQLite's pragmas do not report from a {@code CREATE TABLE} statement: check
 * constraints, collations, {@code AUTOINCREMENT} and generation expressions.
 */
public final class CreateTableParser {
  private CreateTableParser() {}

  /** A column definition's parts that only the text holds. */
  public record ParsedColumn(
      String name,
      String collation,
      boolean autoincrement,
      String generatedExpression,
      boolean generatedStored,
      List<String> checks) {}

  /** The columns in declared order and every check constraint (column- and table-level). */
  public record ParsedTable(List<ParsedColumn> columns, List<String> checks) {}

  public static ParsedTable parse(String sql) {
    List<Token> tokens = SqlTokenizer.significant(sql);
    int open = 0;
    while (open < tokens.size() && !tokens.get(open).isPunct("(")) {
      open++;
    }
    if (open >= tokens.size()) {
      return new ParsedTable(List.of(), List.of()); // CREATE TABLE ... AS SELECT: no constraints
    }
    int close = SqlTokenizer.closing(tokens, open);
    List<ParsedColumn> columns = new ArrayList<>();
    List<String> checks = new ArrayList<>();
    for (List<Token> element : elements(tokens, open + 1, close)) {
      int i = 0;
      if (element.get(0).is("CONSTRAINT")) {
        i = 2;
      }
      if (i >= element.size()) {
        continue;
      }
      Token head = element.get(i);
      if (head.is("CHECK")) {
        checks.add(group(sql, element, i + 1));
      } else if (!(head.is("PRIMARY") || head.is("UNIQUE") || head.is("FOREIGN"))) {
        ParsedColumn column = column(sql, element);
        columns.add(column);
        checks.addAll(column.checks());
      }
    }
    return new ParsedTable(columns, checks);
  }

  private static ParsedColumn column(String sql, List<Token> tokens) {
    String name = tokens.get(0).name();
    String collation = null;
    boolean autoincrement = false;
    String generated = null;
    boolean stored = false;
    List<String> checks = new ArrayList<>();
    for (int i = 1; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.isPunct("(")) {
        i = SqlTokenizer.closing(tokens, i);
      } else if (t.is("CONSTRAINT") || t.is("COLLATE")) {
        if (t.is("COLLATE") && i + 1 < tokens.size()) {
          collation = tokens.get(i + 1).name();
        }
        i++;
      } else if (t.is("AUTOINCREMENT")) {
        autoincrement = true;
      } else if (t.is("CHECK") && i + 1 < tokens.size()) {
        checks.add(group(sql, tokens, i + 1));
        i = SqlTokenizer.closing(tokens, i + 1);
      } else if (t.is("AS") && i + 1 < tokens.size() && tokens.get(i + 1).isPunct("(")) {
        generated = group(sql, tokens, i + 1);
        i = SqlTokenizer.closing(tokens, i + 1);
        stored = i + 1 < tokens.size() && tokens.get(i + 1).is("STORED");
      } else if (t.is("DEFAULT") && !tokens.get(i - 1).is("SET")) {
        i = skipDefault(tokens, i + 1);
      }
    }
    return new ParsedColumn(name, collation, autoincrement, generated, stored, checks);
  }

  /** Index of the last token of a DEFAULT value starting at {@code i}. */
  private static int skipDefault(List<Token> tokens, int i) {
    if (i >= tokens.size()) {
      return i;
    }
    if (tokens.get(i).isPunct("(")) {
      return SqlTokenizer.closing(tokens, i);
    }
    if ((tokens.get(i).isPunct("-") || tokens.get(i).isPunct("+")) && i + 1 < tokens.size()) {
      return i + 1;
    }
    return i;
  }

  /** The normalized expression inside the parenthesized group opening at {@code open}. */
  static String group(String sql, List<Token> tokens, int open) {
    if (open >= tokens.size() || !tokens.get(open).isPunct("(")) {
      return "";
    }
    int close = SqlTokenizer.closing(tokens, open);
    String inner = SqlText.expression(SqlTokenizer.span(sql, tokens, open + 1, close - 1));
    return inner == null ? "" : inner;
  }

  /** The comma-separated elements between {@code from} and {@code to} (exclusive), at depth 0. */
  static List<List<Token>> elements(List<Token> tokens, int from, int to) {
    List<List<Token>> elements = new ArrayList<>();
    List<Token> current = new ArrayList<>();
    int depth = 0;
    for (int i = from; i < to; i++) {
      Token t = tokens.get(i);
      if (t.isPunct("(")) {
        depth++;
      } else if (t.isPunct(")")) {
        depth--;
      }
      if (depth == 0 && t.isPunct(",")) {
        if (!current.isEmpty()) {
          elements.add(current);
        }
        current = new ArrayList<>();
      } else {
        current.add(t);
      }
    }
    if (!current.isEmpty()) {
      elements.add(current);
    }
    return elements;
  }
}
