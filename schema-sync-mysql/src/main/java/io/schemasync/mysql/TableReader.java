package io.schemasync.mysql;

import io.schemasync.api.model.CheckConstraint;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.GeneratedColumn;
import io.schemasync.api.model.Identity;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.IndexPart;
import io.schemasync.api.model.PrimaryKey;
import io.schemasync.api.model.ReferentialAction;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.TableOptions;
import io.schemasync.api.model.Trigger;
import io.schemasync.api.model.UniqueConstraint;
import io.schemasync.mysql.CatalogQuery.Row;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the tables of many databases from information_schema in one query per catalog table, and
 * builds them in the inspector's normalized form. Every table's engine, default character set and
 * collation are reported; a column's collation only when it differs from its table's.
 */
final class TableReader {
  private final ServerFlavor flavor;

  TableReader(ServerFlavor flavor) {
    this.flavor = flavor;
  }

  Map<String, List<Table>> read(
      Connection c, Collection<String> schemas, Map<String, Map<String, List<Trigger>>> triggers)
      throws SQLException {
    Map<String, List<Row>> tables =
        CatalogQuery.run(
            c,
            "SELECT t.TABLE_SCHEMA, t.TABLE_NAME, t.TABLE_COMMENT, t.ENGINE, t.TABLE_COLLATION,"
                + " c.CHARACTER_SET_NAME FROM information_schema.TABLES t"
                + " LEFT JOIN information_schema.COLLATION_CHARACTER_SET_APPLICABILITY c ON c."
                + (flavor.fullCollationNames() ? "FULL_COLLATION_NAME" : "COLLATION_NAME")
                + " = t.TABLE_COLLATION"
                // MariaDB's system-versioned tables are tables too: their structure is read as any
                // other's (the model does not hold the versioning itself)
                + " WHERE t.TABLE_SCHEMA IN ({schemas})"
                + " AND t.TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')",
            "TABLE_SCHEMA",
            schemas);
    Map<String, List<Row>> columns =
        CatalogQuery.run(
            c,
            "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, COLUMN_DEFAULT, IS_NULLABLE,"
                + " COLUMN_TYPE, COLLATION_NAME, EXTRA, GENERATION_EXPRESSION, COLUMN_COMMENT"
                + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA IN ({schemas})"
                + " ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION",
            "TABLE_SCHEMA",
            schemas);
    Map<String, List<Row>> stats =
        CatalogQuery.run(
            c,
            "SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME, SUB_PART,"
                + " COLLATION, INDEX_TYPE"
                + (flavor.functionalIndexes() ? ", EXPRESSION" : "")
                + invisibleColumn()
                + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA IN ({schemas})"
                + " ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX",
            "TABLE_SCHEMA",
            schemas);
    Map<String, List<Row>> fks =
        CatalogQuery.run(
            c,
            "SELECT k.TABLE_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.ORDINAL_POSITION,"
                + " k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, r.UPDATE_RULE, r.DELETE_RULE"
                + " FROM information_schema.KEY_COLUMN_USAGE k"
                + " LEFT JOIN information_schema.REFERENTIAL_CONSTRAINTS r"
                + " ON r.CONSTRAINT_SCHEMA = k.TABLE_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME"
                + " AND r.TABLE_NAME = k.TABLE_NAME"
                + " WHERE k.TABLE_SCHEMA IN ({schemas}) AND k.REFERENCED_TABLE_NAME IS NOT NULL"
                + " ORDER BY k.TABLE_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION",
            "TABLE_SCHEMA",
            schemas);
    Map<String, List<Row>> checks = CatalogQuery.run(c, checkQuery(), "TABLE_SCHEMA", schemas);

    Map<String, List<Table>> result = new LinkedHashMap<>();
    for (String schema : schemas) {
      List<Table> list = new ArrayList<>();
      for (Row t : tables.get(schema)) {
        String name = t.get("TABLE_NAME");
        if (MysqlNames.isBookkeeping(name)) {
          continue;
        }
        list.add(
            table(
                c,
                schema,
                t,
                rowsOf(columns.get(schema), name),
                rowsOf(stats.get(schema), name),
                rowsOf(fks.get(schema), name),
                rowsOf(checks.get(schema), name),
                triggers.getOrDefault(schema, Map.of()).getOrDefault(name, List.of())));
      }
      result.put(schema, list);
    }
    return result;
  }

  /** Whether each index row is hidden from the optimizer, as {@code INVISIBLE} ("1" or "0"). */
  private String invisibleColumn() {
    if (!flavor.invisibleIndexes()) {
      return "";
    }
    return flavor.mariaDb() ? ", IGNORED = 'YES' AS INVISIBLE" : ", IS_VISIBLE = 'NO' AS INVISIBLE";
  }

  /** MySQL's CHECK_CONSTRAINTS has no TABLE_NAME: the table comes from TABLE_CONSTRAINTS. */
  private String checkQuery() {
    if (flavor.mariaDb()) {
      return "SELECT CONSTRAINT_SCHEMA AS TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE"
          + " FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA IN ({schemas})";
    }
    return "SELECT t.TABLE_SCHEMA, t.TABLE_NAME, t.CONSTRAINT_NAME, cc.CHECK_CLAUSE"
        + " FROM information_schema.TABLE_CONSTRAINTS t JOIN information_schema.CHECK_CONSTRAINTS cc"
        + " ON cc.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = t.CONSTRAINT_NAME"
        + " WHERE t.CONSTRAINT_TYPE = 'CHECK' AND t.TABLE_SCHEMA IN ({schemas})";
  }

  private static List<Row> rowsOf(List<Row> rows, String table) {
    return rows.stream().filter(r -> table.equals(r.get("TABLE_NAME"))).toList();
  }

  private Table table(
      Connection c,
      String schema,
      Row t,
      List<Row> cols,
      List<Row> stats,
      List<Row> fkRows,
      List<Row> checkRows,
      List<Trigger> triggers)
      throws SQLException {
    String tableCollation = t.get("TABLE_COLLATION");
    List<CheckConstraint> checks = new ArrayList<>();
    List<String> jsonColumns = new ArrayList<>();
    for (Row r : checkRows) {
      String name = r.get("CONSTRAINT_NAME");
      String clause =
          flavor.mariaDb() ? r.get("CHECK_CLAUSE") : CatalogQuery.unescaped(r.get("CHECK_CLAUSE"));
      // MariaDB's JSON is LONGTEXT plus a column check json_valid(`col`) named after the column.
      if (flavor.mariaDb() && clause.equals("json_valid(" + MysqlNames.quote(name) + ")")) {
        jsonColumns.add(name);
      } else {
        checks.add(new CheckConstraint(name, clause));
      }
    }
    List<Column> columns = new ArrayList<>();
    List<CheckConstraint> restored = new ArrayList<>();
    for (Row r : cols) {
      Column col = column(r, tableCollation, schema);
      if (jsonColumns.contains(col.name())) {
        if (col.type().equals("longtext")) {
          col = col.withType("json").withCollation(null);
        } else {
          restored.add(
              new CheckConstraint(col.name(), "json_valid(" + MysqlNames.quote(col.name()) + ")"));
        }
      }
      columns.add(col);
    }
    checks.addAll(restored);

    PrimaryKey pk = null;
    List<UniqueConstraint> uniques = new ArrayList<>();
    List<Index> indexes = new ArrayList<>();
    Map<String, List<Row>> byIndex = new LinkedHashMap<>();
    stats.forEach(r -> byIndex.computeIfAbsent(r.get("INDEX_NAME"), k -> new ArrayList<>()).add(r));
    for (Map.Entry<String, List<Row>> e : byIndex.entrySet()) {
      String name = e.getKey();
      List<Row> parts = e.getValue();
      boolean unique = "0".equals(parts.get(0).get("NON_UNIQUE"));
      boolean invisible = "1".equals(parts.get(0).get("INVISIBLE"));
      String type = parts.get(0).get("INDEX_TYPE").toLowerCase(Locale.ROOT);
      String method = type.equals("btree") ? null : type;
      List<IndexPart> indexParts = parts.stream().map(TableReader::part).toList();
      boolean plain = indexParts.stream().allMatch(p -> p.column() != null && !p.descending());
      List<String> columnNames = indexParts.stream().map(IndexPart::column).toList();
      if (name.equals("PRIMARY")) {
        pk = new PrimaryKey(null, columnNames);
      } else if (unique && plain && method == null && !invisible) {
        uniques.add(new UniqueConstraint(name, columnNames));
      } else {
        indexes.add(new Index(name, indexParts, unique, null, method, List.of(), invisible, false));
      }
    }

    List<ForeignKey> fks = new ArrayList<>();
    Map<String, List<Row>> byFk = new LinkedHashMap<>();
    fkRows.forEach(
        r -> byFk.computeIfAbsent(r.get("CONSTRAINT_NAME"), k -> new ArrayList<>()).add(r));
    String createTable = null;
    for (Map.Entry<String, List<Row>> e : byFk.entrySet()) {
      List<Row> rows = e.getValue();
      String onDelete = rows.get(0).get("DELETE_RULE");
      String onUpdate = rows.get(0).get("UPDATE_RULE");
      if (onDelete == null || onUpdate == null) {
        // REFERENTIAL_CONSTRAINTS hides rows from a SELECT-only user; SHOW CREATE TABLE does not.
        if (createTable == null) {
          createTable = showCreateTable(c, schema, t.get("TABLE_NAME"));
        }
        onDelete = ForeignKeyRules.rule(createTable, e.getKey(), "DELETE");
        onUpdate = ForeignKeyRules.rule(createTable, e.getKey(), "UPDATE");
      }
      fks.add(
          new ForeignKey(
              e.getKey(),
              rows.stream().map(r -> r.get("COLUMN_NAME")).toList(),
              rows.get(0).get("REFERENCED_TABLE_NAME"),
              rows.stream().map(r -> r.get("REFERENCED_COLUMN_NAME")).toList(),
              action(onDelete),
              action(onUpdate),
              false));
    }
    String comment = t.get("TABLE_COMMENT");
    return new Table(
        t.get("TABLE_NAME"),
        columns,
        pk,
        uniques,
        checks,
        fks,
        indexes,
        triggers,
        comment == null || comment.isEmpty() ? null : comment,
        // Older servers say utf8 where newer ones say utf8mb3: one spelling for both.
        new TableOptions(
            t.get("ENGINE"),
            TableOptionRules.charset(t.get("CHARACTER_SET_NAME")),
            TableOptionRules.collation(tableCollation)));
  }

  private static String showCreateTable(Connection c, String schema, String table)
      throws SQLException {
    try (java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs =
            st.executeQuery(
                "SHOW CREATE TABLE " + MysqlNames.quote(schema) + "." + MysqlNames.quote(table))) {
      return rs.next() ? rs.getString(2) : "";
    }
  }

  private static IndexPart part(Row r) {
    boolean desc = "D".equals(r.get("COLLATION"));
    String column = r.get("COLUMN_NAME");
    if (column == null) {
      // MySQL 8 hands functional key parts over escaped, like other expression text.
      return new IndexPart(null, CatalogQuery.unescaped(r.get("EXPRESSION")), desc);
    }
    String subPart = r.get("SUB_PART");
    if (subPart != null) {
      return new IndexPart(null, MysqlNames.quote(column) + "(" + subPart + ")", desc);
    }
    return new IndexPart(column, null, desc);
  }

  private static ReferentialAction action(String rule) {
    ReferentialAction a = ReferentialAction.parse(rule);
    return a == ReferentialAction.RESTRICT ? ReferentialAction.NO_ACTION : a;
  }

  private Column column(Row r, String tableCollation, String schema) {
    String rawType = r.get("COLUMN_TYPE");
    String type = MysqlTypes.normalize(rawType).orElse(rawType.toLowerCase(Locale.ROOT));
    String extra = r.get("EXTRA") == null ? "" : r.get("EXTRA");
    String lowerExtra = extra.toLowerCase(Locale.ROOT);
    String expression =
        flavor.mariaDb()
            ? r.get("GENERATION_EXPRESSION")
            : CatalogQuery.unescaped(r.get("GENERATION_EXPRESSION"));
    GeneratedColumn generated = null;
    if (expression != null && !expression.isEmpty()) {
      generated =
          new GeneratedColumn(
              expression, lowerExtra.contains("stored") || lowerExtra.contains("persistent"));
    }
    Identity identity = lowerExtra.contains("auto_increment") ? Identity.BY_DEFAULT : null;
    // MariaDB qualifies names in expression defaults (nextval(`db`.`seq`)): strip the tenant's.
    String defaultValue =
        generated != null
            ? null
            : MysqlDefaults.fromCatalog(r.get("COLUMN_DEFAULT"), extra, type, flavor);
    if (defaultValue != null && !defaultValue.startsWith("'")) {
      defaultValue = ObjectReader.unqualify(defaultValue, schema);
    }
    String collation = r.get("COLLATION_NAME");
    if (collation != null && collation.equals(tableCollation)) {
      collation = null;
    }
    collation = TableOptionRules.collation(collation);
    String comment = r.get("COLUMN_COMMENT");
    return new Column(
        r.get("COLUMN_NAME"),
        type,
        "YES".equals(r.get("IS_NULLABLE")),
        defaultValue,
        identity,
        generated,
        collation,
        comment == null || comment.isEmpty() ? null : comment);
  }
}
