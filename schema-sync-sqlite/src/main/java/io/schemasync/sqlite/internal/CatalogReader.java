package io.schemasync.sqlite.internal;

import io.schemasync.api.model.CheckConstraint;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.GeneratedColumn;
import io.schemasync.api.model.Identity;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.IndexPart;
import io.schemasync.api.model.PrimaryKey;
import io.schemasync.api.model.ReferentialAction;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.Trigger;
import io.schemasync.api.model.UniqueConstraint;
import io.schemasync.api.model.View;
import io.schemasync.spi.CommitMarker;
import io.schemasync.sqlite.internal.CreateTableParser.ParsedColumn;
import io.schemasync.sqlite.internal.CreateTableParser.ParsedTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one SQLite database into a snapshot: {@code sqlite_schema} for the objects and their text,
 * the {@code table_xinfo}, {@code index_list}, {@code index_xinfo} and {@code foreign_key_list}
 * pragmas for what SQLite reports structurally. Output is already in the dialect's normal form.
 */
public final class CatalogReader {
  private static final Pattern WITHOUT_ROWID =
      Pattern.compile("(?is).*\\)\\s*WITHOUT\\s+ROWID\\s*(,.*)?$");

  private final Connection connection;
  private final Map<String, String> tableSql = new LinkedHashMap<>();
  private final Map<String, String> indexSql = new LinkedHashMap<>();
  private final List<String[]> triggerRows = new ArrayList<>();
  private final Map<String, String> viewSql = new LinkedHashMap<>();

  private CatalogReader(Connection connection) {
    this.connection = connection;
  }

  /** The schema of the database the connection is open on, as the dialect normalizes it. */
  public static SchemaSnapshot read(Connection connection) throws SQLException {
    return new CatalogReader(connection).read();
  }

  private SchemaSnapshot read() throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT type, name, tbl_name, sql FROM sqlite_master"
                + " WHERE substr(name, 1, 7) <> 'sqlite_' AND sql IS NOT NULL AND tbl_name <> ?"
                + " ORDER BY name")) {
      // the rollout's bookkeeping table is not part of the tenant's schema
      statement.setString(1, CommitMarker.TABLE);
      readObjects(statement);
    }
    List<Table> tables = new ArrayList<>();
    for (Map.Entry<String, String> entry : tableSql.entrySet()) {
      try {
        tables.add(table(entry.getKey(), entry.getValue()));
      } catch (RuntimeException e) {
        throw unreadable("table", entry.getKey(), e);
      }
    }
    List<View> views = new ArrayList<>();
    for (Map.Entry<String, String> entry : viewSql.entrySet()) {
      try {
        views.add(new View(entry.getKey(), DdlTextParser.viewQuery(entry.getValue()), false));
      } catch (RuntimeException e) {
        throw unreadable("view", entry.getKey(), e);
      }
    }
    return new SchemaSnapshot(tables, views, List.of(), List.of(), List.of(), List.of());
  }

  private void readObjects(PreparedStatement statement) throws SQLException {
    try (ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        String type = rows.getString(1);
        String name = rows.getString(2);
        String sql = rows.getString(4);
        switch (type) {
          case "table" -> {
            if (!sql.regionMatches(true, 0, "CREATE VIRTUAL", 0, 14)) {
              tableSql.put(name, sql);
            }
          }
          case "index" -> indexSql.put(name, sql);
          case "view" -> viewSql.put(name, sql);
          case "trigger" -> triggerRows.add(new String[] {name, rows.getString(3), sql});
          default -> {}
        }
      }
    }
  }

  private Table table(String name, String sql) throws SQLException {
    ParsedTable parsed = CreateTableParser.parse(sql);
    Map<String, ParsedColumn> parsedColumns = new LinkedHashMap<>();
    parsed.columns().forEach(c -> parsedColumns.put(c.name().toLowerCase(Locale.ROOT), c));
    List<ColumnRow> rows = columnRows(name);
    List<String> pk =
        rows.stream()
            .filter(r -> r.pk > 0)
            .sorted((a, b) -> Integer.compare(a.pk, b.pk))
            .map(r -> r.name)
            .toList();
    boolean rowidAlias =
        pk.size() == 1
            && !WITHOUT_ROWID.matcher(sql).matches()
            && rows.stream()
                .anyMatch(r -> r.pk > 0 && "INTEGER".equals(SqliteTypes.normalize(r.type)));
    List<Column> columns = new ArrayList<>();
    for (ColumnRow row : rows) {
      ParsedColumn text = parsedColumns.get(row.name.toLowerCase(Locale.ROOT));
      columns.add(column(row, text, rowidAlias && row.pk > 0));
    }
    List<String> columnNames = columns.stream().map(Column::name).toList();
    Set<String> checks = new LinkedHashSet<>(parsed.checks());
    checks.remove("");
    List<UniqueConstraint> uniques = new ArrayList<>();
    List<Index> indexes = new ArrayList<>();
    readIndexes(name, columnNames, uniques, indexes);
    List<Trigger> triggers = new ArrayList<>();
    for (String[] trigger : triggerRows) {
      if (trigger[1].equalsIgnoreCase(name)) {
        triggers.add(DdlTextParser.trigger(trigger[0], trigger[2]));
      }
    }
    return new Table(
        name,
        columns,
        pk.isEmpty() ? null : new PrimaryKey(null, pk),
        uniques.stream().distinct().toList(),
        checks.stream().map(c -> new CheckConstraint(null, c)).toList(),
        foreignKeys(name, columnNames),
        indexes,
        triggers,
        null);
  }

  private static Column column(ColumnRow row, ParsedColumn text, boolean rowidAlias) {
    GeneratedColumn generated = null;
    if (row.hidden == 2 || row.hidden == 3) {
      String expression =
          text == null || text.generatedExpression() == null ? "NULL" : text.generatedExpression();
      generated = new GeneratedColumn(expression, row.hidden == 3);
    }
    String defaultValue = generated == null ? SqliteDefaults.normalize(row.defaultValue) : null;
    return new Column(
        row.name,
        SqliteTypes.normalize(row.type),
        !row.notNull && !rowidAlias,
        defaultValue,
        text != null && text.autoincrement() ? Identity.BY_DEFAULT : null,
        generated,
        SqliteDefaults.collation(text == null ? null : text.collation()),
        null);
  }

  private record ColumnRow(
      String name, String type, boolean notNull, String defaultValue, int pk, int hidden) {}

  private List<ColumnRow> columnRows(String table) throws SQLException {
    List<ColumnRow> rows = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo(?) ORDER BY cid")) {
      statement.setString(1, table);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          if (rs.getInt(6) != 1) { // 1 = hidden column of a virtual table
            rows.add(
                new ColumnRow(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getInt(3) != 0,
                    rs.getString(4),
                    rs.getInt(5),
                    rs.getInt(6)));
          }
        }
      }
    }
    return rows;
  }

  private void readIndexes(
      String table, List<String> columns, List<UniqueConstraint> uniques, List<Index> indexes)
      throws SQLException {
    List<String[]> list = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT name, \"unique\", origin FROM pragma_index_list(?)")) {
      statement.setString(1, table);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          list.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
        }
      }
    }
    for (String[] index : list) {
      if ("u".equals(index[2])) {
        uniques.add(new UniqueConstraint(null, indexColumns(index[0])));
      } else if ("c".equals(index[2]) && indexSql.containsKey(index[0])) {
        DdlTextParser.ParsedIndex parsed = DdlTextParser.index(indexSql.get(index[0]));
        List<IndexPart> parts =
            parsed.parts().stream().map(p -> TargetNormalizer.canonicalPart(p, columns)).toList();
        indexes.add(
            new Index(index[0], parts, "1".equals(index[1]), parsed.where(), null, List.of()));
      }
    }
  }

  private List<String> indexColumns(String index) throws SQLException {
    List<String> names = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT name FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno")) {
      statement.setString(1, index);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    }
    return names;
  }

  private List<ForeignKey> foreignKeys(String table, List<String> columns) throws SQLException {
    Map<Integer, List<String[]>> byId = new LinkedHashMap<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?)"
                + " ORDER BY id, seq")) {
      statement.setString(1, table);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          byId.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>())
              .add(
                  new String[] {
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6)
                  });
        }
      }
    }
    Set<ForeignKey> keys = new LinkedHashSet<>();
    for (List<String[]> parts : byId.values()) {
      String referenced = canonicalName(List.copyOf(tableSql.keySet()), parts.get(0)[0]);
      List<String> from = parts.stream().map(p -> canonicalName(columns, p[1])).toList();
      List<String> referencedColumns;
      List<String> targetColumns =
          tableSql.containsKey(referenced)
              ? columnRows(referenced).stream().map(ColumnRow::name).toList()
              : List.of();
      if (parts.get(0)[2] == null) {
        List<String> targetPk =
            tableSql.containsKey(referenced)
                ? columnRows(referenced).stream()
                    .filter(r -> r.pk > 0)
                    .sorted((a, b) -> Integer.compare(a.pk, b.pk))
                    .map(ColumnRow::name)
                    .toList()
                : List.of();
        referencedColumns = targetPk.size() == from.size() ? targetPk : from;
      } else {
        referencedColumns = parts.stream().map(p -> canonicalName(targetColumns, p[2])).toList();
      }
      keys.add(
          new ForeignKey(
              null,
              from,
              referenced,
              referencedColumns,
              ReferentialAction.parse(parts.get(0)[4]),
              ReferentialAction.parse(parts.get(0)[3]),
              false));
    }
    return List.copyOf(keys);
  }

  /** A definition this reader cannot make sense of: reported, never skipped silently. */
  private static SQLException unreadable(String kind, String name, RuntimeException cause) {
    return new SQLException(
        "cannot read the definition of "
            + kind
            + " "
            + name
            + " (or one of its indexes or triggers): "
            + cause.getMessage(),
        cause);
  }

  /** The declared spelling of a name SQLite matched case-insensitively. */
  private static String canonicalName(List<String> names, String name) {
    return names.stream().filter(n -> n.equalsIgnoreCase(name)).findFirst().orElse(name);
  }
}
