package io.schemasync.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one information_schema query for many databases at once ({@code ... IN (?, ?, ...)}) and
 * returns its rows as string maps grouped by database. Rows are matched to databases by exact name
 * in Java: information_schema compares names case-insensitively on some servers.
 */
final class CatalogQuery {
  private CatalogQuery() {}

  /** One row: column label (upper case) to value. */
  record Row(Map<String, String> values) {
    String get(String column) {
      return values.get(column);
    }

    int getInt(String column) {
      String v = values.get(column);
      return v == null ? 0 : Integer.parseInt(v);
    }
  }

  /**
   * @param sql a query with the placeholder {@code {schemas}} for the IN list and whose column
   *     {@code schemaColumn} names the database of each row
   */
  static Map<String, List<Row>> run(
      Connection connection, String sql, String schemaColumn, Collection<String> schemas)
      throws SQLException {
    Map<String, List<Row>> bySchema = new LinkedHashMap<>();
    schemas.forEach(s -> bySchema.put(s, new ArrayList<>()));
    if (schemas.isEmpty()) {
      return bySchema;
    }
    String marks = String.join(",", Collections.nCopies(schemas.size(), "?"));
    try (PreparedStatement st = connection.prepareStatement(sql.replace("{schemas}", marks))) {
      int i = 1;
      for (String schema : schemas) {
        st.setString(i++, schema);
      }
      try (ResultSet rs = st.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          Map<String, String> values = new LinkedHashMap<>();
          for (int c = 1; c <= columns; c++) {
            values.put(
                rs.getMetaData().getColumnLabel(c).toUpperCase(java.util.Locale.ROOT),
                rs.getString(c));
          }
          List<Row> rows = bySchema.get(values.get(schemaColumn));
          if (rows != null) {
            rows.add(new Row(values));
          }
        }
      }
    }
    return bySchema;
  }

  /**
   * MySQL 8's data dictionary hands expression text (expression defaults, generation expressions,
   * CHECK clauses) to information_schema escaped like the body of a string literal: every quote as
   * {@code \'} and every backslash doubled, so {@code DEFAULT ('it''s')} reads {@code
   * _utf8mb4\'it\\\'s\'}. Undoes that, giving the SQL text. Text with an unescaped quote (as
   * MariaDB and other versions print it) is already SQL and is returned unchanged.
   */
  static String unescaped(String text) {
    if (text == null || text.indexOf('\'') < 0) {
      return text;
    }
    for (int i = text.indexOf('\''); i >= 0; i = text.indexOf('\'', i + 1)) {
      int backslashes = 0;
      for (int j = i - 1; j >= 0 && text.charAt(j) == '\\'; j--) {
        backslashes++;
      }
      if (backslashes % 2 == 0) {
        return text;
      }
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        c = text.charAt(++i);
      }
      out.append(c);
    }
    return out.toString();
  }
}
