package io.schemasync.internal.target;

import io.schemasync.api.model.CheckConstraint;
import io.schemasync.api.model.ExclusionConstraint;
import io.schemasync.api.model.ExclusionElement;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.PrimaryKey;
import io.schemasync.api.model.ReferentialAction;
import io.schemasync.api.model.UniqueConstraint;
import io.schemasync.internal.target.LocatedNode.ListNode;
import io.schemasync.internal.target.LocatedNode.MapNode;
import io.schemasync.internal.target.LocatedNode.Scalar;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the table-level {@code primaryKey}, {@code uniques}, {@code checks}, {@code foreignKeys}
 * and {@code exclusions}.
 */
final class ConstraintReader {
  private static final List<String> KEY_KEYS = List.of("name", "columns");
  private static final List<String> UNIQUE_KEYS = List.of("name", "columns", "nullsNotDistinct");
  private static final List<String> EXCLUSION_KEYS =
      List.of("name", "method", "elements", "where", "deferrable");
  private static final List<String> ELEMENT_KEYS = List.of("column", "expression", "operator");
  private static final List<String> CHECK_KEYS = List.of("name", "expression");
  private static final List<String> FK_KEYS =
      List.of("name", "columns", "references", "onDelete", "onUpdate", "deferrable");
  private static final List<String> FK_TARGET_KEYS = List.of("table", "columns");

  private final PropertyReader table;
  private final String tableName;
  private final IdentifierRules rules;
  private final SourceMap sourceMap;

  ConstraintReader(
      PropertyReader table, String tableName, IdentifierRules rules, SourceMap sourceMap) {
    this.table = table;
    this.tableName = tableName;
    this.rules = rules;
    this.sourceMap = sourceMap;
  }

  /**
   * {@code primaryKey: [a, b]}, {@code primaryKey: id} or {@code primaryKey: {name, columns}}; null
   * when absent.
   */
  PrimaryKey primaryKey() {
    LocatedNode value = table.value("primaryKey");
    if (value == null) {
      return null;
    }
    sourceMap.put(table.location("primaryKey"), "tables", tableName, "primaryKey");
    if (value instanceof Scalar) {
      String column = table.string("primaryKey");
      return column == null ? null : new PrimaryKey(null, List.of(column));
    }
    if (value instanceof ListNode list) {
      List<String> columns = table.strings("primaryKey");
      if (list.elements().isEmpty()) {
        return emptyColumns(table, "primaryKey");
      }
      return columns.size() == list.elements().size() ? new PrimaryKey(null, columns) : null;
    }
    PropertyReader r = table.object("primaryKey", "primary key of table " + tableName);
    r.allowOnly(KEY_KEYS);
    String name = r.has("name") ? r.name("name", "primary key", rules) : null;
    List<String> columns = requiredColumns(r, "columns");
    return columns.isEmpty() ? null : new PrimaryKey(name, columns);
  }

  List<Located<UniqueConstraint>> uniques() {
    List<Located<UniqueConstraint>> out = new ArrayList<>();
    for (PropertyReader r : entries("uniques", "unique constraint")) {
      r.allowOnly(UNIQUE_KEYS);
      String name = r.has("name") ? r.name("name", "unique constraint", rules) : null;
      List<String> columns = requiredColumns(r, "columns");
      boolean nullsNotDistinct = r.bool("nullsNotDistinct", false);
      if (!columns.isEmpty()) {
        out.add(new Located<>(new UniqueConstraint(name, columns, nullsNotDistinct), r.location()));
      }
    }
    return out;
  }

  List<Located<CheckConstraint>> checks() {
    List<Located<CheckConstraint>> out = new ArrayList<>();
    for (PropertyReader r : entries("checks", "check")) {
      r.allowOnly(CHECK_KEYS);
      String name = r.has("name") ? r.name("name", "check", rules) : null;
      if (!r.has("expression")) {
        r.problems().add(r.location(), "missing 'expression' in " + r.what());
        continue;
      }
      String expression = r.text("expression");
      if (expression != null) {
        out.add(new Located<>(new CheckConstraint(name, expression), r.location()));
      }
    }
    return out;
  }

  List<Located<ForeignKey>> foreignKeys() {
    List<Located<ForeignKey>> out = new ArrayList<>();
    for (PropertyReader r : entries("foreignKeys", "foreign key")) {
      r.allowOnly(FK_KEYS);
      String name = r.has("name") ? r.name("name", "foreign key", rules) : null;
      List<String> columns = requiredColumns(r, "columns");
      PropertyReader target = r.object("references", "references of " + r.what());
      if (target == null) {
        if (!r.has("references")) {
          r.problems()
              .add(r.location(), "missing 'references' in " + r.what() + "; give {table, columns}");
        }
        continue;
      }
      target.allowOnly(FK_TARGET_KEYS);
      String referencedTable = target.requiredString("table");
      List<String> referencedColumns = requiredColumns(target, "columns");
      ReferentialAction onDelete = Vocabulary.referentialAction(r, "onDelete");
      ReferentialAction onUpdate = Vocabulary.referentialAction(r, "onUpdate");
      boolean deferrable = r.bool("deferrable", false);
      if (columns.isEmpty() || referencedTable == null || referencedColumns.isEmpty()) {
        continue;
      }
      if (columns.size() != referencedColumns.size()) {
        r.problems()
            .add(
                r.location(),
                r.what()
                    + " has "
                    + columns.size()
                    + " column(s) "
                    + columns
                    + " but references "
                    + referencedColumns.size()
                    + " "
                    + referencedTable
                    + referencedColumns
                    + "; name as many columns on each side");
        continue;
      }
      out.add(
          new Located<>(
              new ForeignKey(
                  name,
                  columns,
                  referencedTable,
                  referencedColumns,
                  onDelete,
                  onUpdate,
                  deferrable),
              r.location()));
    }
    return out;
  }

  /**
   * {@code exclusions: [{name, method, elements: [{column|expression, operator}], where,
   * deferrable}]}.
   */
  List<Located<ExclusionConstraint>> exclusions() {
    List<Located<ExclusionConstraint>> out = new ArrayList<>();
    for (PropertyReader r : entries("exclusions", "exclusion constraint")) {
      r.allowOnly(EXCLUSION_KEYS);
      String name = r.has("name") ? r.name("name", "exclusion constraint", rules) : null;
      String method = r.string("method");
      String where = r.text("where");
      boolean deferrable = r.bool("deferrable", false);
      if (!r.has("elements")) {
        r.problems()
            .add(
                r.location(),
                "missing 'elements' in "
                    + r.what()
                    + "; list {column, operator} pairs, e.g. {column: room, operator: '='}");
        continue;
      }
      List<LocatedNode> nodes = r.list("elements");
      List<ExclusionElement> elements = new ArrayList<>();
      boolean broken = false;
      for (int i = 0; i < nodes.size(); i++) {
        ExclusionElement element = element(nodes.get(i), i, r);
        broken |= element == null;
        if (element != null) {
          elements.add(element);
        }
      }
      if (nodes.isEmpty() && r.value("elements") instanceof ListNode) {
        emptyColumns(r, "elements");
      }
      if (broken || elements.isEmpty()) {
        continue;
      }
      out.add(
          new Located<>(
              new ExclusionConstraint(name, method, elements, where, deferrable), r.location()));
    }
    return out;
  }

  private static ExclusionElement element(LocatedNode node, int i, PropertyReader owner) {
    PropertyReader e =
        PropertyReader.of(
            node,
            "element " + (i + 1) + " of " + owner.what(),
            owner.path() + ".elements[" + i + "]",
            owner.problems());
    if (e == null) {
      return null;
    }
    e.allowOnly(ELEMENT_KEYS);
    String column = e.string("column");
    String expression = e.text("expression");
    String operator = e.requiredString("operator");
    if (e.has("column") == e.has("expression")) {
      e.problems().add(e.location(), e.what() + " names either 'column' or 'expression'");
      return null;
    }
    if ((column == null && expression == null) || operator == null) {
      return null;
    }
    return new ExclusionElement(column, expression, operator);
  }

  /**
   * Readers for each mapping in the list property {@code key}, named after their position or name.
   */
  private List<PropertyReader> entries(String key, String kind) {
    List<PropertyReader> readers = new ArrayList<>();
    List<LocatedNode> elements = table.list(key);
    for (int i = 0; i < elements.size(); i++) {
      LocatedNode element = elements.get(i);
      String label =
          element instanceof MapNode m
                  && m.fields().get("name") != null
                  && m.fields().get("name").value() instanceof Scalar s
                  && !s.isNull()
              ? kind + " " + IdentifierRules.show(s.text())
              : kind + " " + (i + 1);
      PropertyReader r =
          PropertyReader.of(
              element,
              label + " of table " + tableName,
              "tables." + tableName + "." + key + "[" + i + "]",
              table.problems());
      if (r != null) {
        readers.add(r);
      }
    }
    return readers;
  }

  private static List<String> requiredColumns(PropertyReader r, String key) {
    if (!r.has(key)) {
      r.problems().add(r.location(), "missing '" + key + "' in " + r.what());
      return List.of();
    }
    List<String> columns = r.strings(key);
    if (r.value(key) instanceof ListNode list && list.elements().isEmpty()) {
      emptyColumns(r, key);
    }
    return columns;
  }

  private static <T> T emptyColumns(PropertyReader r, String key) {
    r.problems()
        .add(
            r.location(key),
            "'" + key + "' of " + r.what() + " is empty; list at least one column");
    return null;
  }
}
