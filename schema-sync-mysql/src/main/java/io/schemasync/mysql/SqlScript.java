package io.schemasync.mysql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a MySQL script into statements the way the mysql client does: on the delimiter outside
 * quotes, backticks and comments, honouring {@code DELIMITER} lines (needed around trigger and
 * routine bodies that contain {@code ;}). Each statement keeps the line it starts on.
 */
final class SqlScript {
  /** One statement and the 1-based line of its first character. */
  record Statement(String sql, int line) {}

  private SqlScript() {}

  static List<Statement> split(String script) {
    List<Statement> out = new ArrayList<>();
    String delimiter = ";";
    StringBuilder current = new StringBuilder();
    int line = 1;
    int startLine = -1;
    int i = 0;
    int n = script.length();
    boolean atLineStart = true;
    while (i < n) {
      if (atLineStart && current.toString().isBlank()) {
        int eol = script.indexOf('\n', i);
        String text = script.substring(i, eol < 0 ? n : eol).trim();
        if (text.toUpperCase(Locale.ROOT).startsWith("DELIMITER ")) {
          delimiter = text.substring("DELIMITER ".length()).trim();
          current.setLength(0);
          i = eol < 0 ? n : eol + 1;
          line++;
          continue;
        }
      }
      atLineStart = false;
      char c = script.charAt(i);
      if (c == '\n') {
        line++;
        atLineStart = true;
      }
      if (script.startsWith(delimiter, i)) {
        add(out, current, startLine);
        current.setLength(0);
        startLine = -1;
        i += delimiter.length();
        continue;
      }
      if (c == '\'' || c == '"' || c == '`') {
        int end = quotedEnd(script, i, c);
        String piece = script.substring(i, end);
        if (startLine < 0) {
          startLine = line;
        }
        line += count(piece, '\n');
        current.append(piece);
        i = end;
        continue;
      }
      if (c == '#' || (c == '-' && script.startsWith("-- ", i)) || script.startsWith("--\n", i)) {
        int eol = script.indexOf('\n', i);
        i = eol < 0 ? n : eol;
        continue;
      }
      if (script.startsWith("/*", i) && !script.startsWith("/*!", i)) {
        int end = script.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        line += count(script.substring(i, end), '\n');
        current.append(' ');
        i = end;
        continue;
      }
      if (startLine < 0 && !Character.isWhitespace(c)) {
        startLine = line;
      }
      current.append(c);
      i++;
    }
    add(out, current, startLine);
    return out;
  }

  private static void add(List<Statement> out, StringBuilder current, int startLine) {
    String sql = current.toString().trim();
    if (!sql.isEmpty()) {
      out.add(new Statement(sql, startLine < 0 ? 1 : startLine));
    }
  }

  /** Index just past the closing quote; a doubled quote or a backslash escape stays inside. */
  private static int quotedEnd(String s, int start, char quote) {
    int i = start + 1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\' && quote != '`') {
        i += 2;
      } else if (c == quote && i + 1 < s.length() && s.charAt(i + 1) == quote) {
        i += 2;
      } else if (c == quote) {
        return i + 1;
      } else {
        i++;
      }
    }
    return s.length();
  }

  private static int count(String s, char c) {
    int k = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c) {
        k++;
      }
    }
    return k;
  }
}
