package io.schemasync.internal.target;

import io.schemasync.api.model.CheckConstraint;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.ExclusionConstraint;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.PartitionBy;
import io.schemasync.api.model.PartitionOf;
import io.schemasync.api.model.PrimaryKey;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.TableOptions;
import io.schemasync.api.model.Trigger;
import io.schemasync.api.model.UniqueConstraint;
import io.schemasync.internal.target.ColumnReader.ColumnDeclaration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads one table: its columns, keys, constraints, indexes and triggers, folding the column-level
 * shorthands ({@code primaryKey: true}, {@code unique: true}, {@code references:}) into table-level
 * constraints, and rejecting duplicate names inside the table.
 */
final class TableReader {
  /** The properties of a table, besides its name. */
  static final List<String> KEYS =
      List.of(
          "renamedFrom",
          "comment",
          "columns",
          "primaryKey",
          "uniques",
          "checks",
          "foreignKeys",
          "indexes",
          "triggers",
          "options",
          "exclusions",
          "partitionBy",
          "partitionOf");

  private TableReader() {}

  /**
   * Reads a table; null when it is too broken to build (problems recorded).
   *
   * @param nameKey {@code name} in a schema document, {@code table} in a single-table file
   * @param otherKeys further properties the caller allows and reads itself
   */
  static DeclaredTable read(
      LocatedNode node,
      int position,
      String nameKey,
      List<String> otherKeys,
      IdentifierRules rules,
      SourceMap sourceMap,
      Problems problems) {
    List<String> allowed = new ArrayList<>();
    allowed.add(nameKey);
    allowed.addAll(KEYS);
    allowed.addAll(otherKeys);
    PropertyReader r =
        PropertyReader.of(node, "table " + (position + 1), "tables[" + position + "]", problems);
    if (r == null) {
      return null;
    }
    String name = r.name(nameKey, "table", rules);
    if (name == null) {
      r.allowOnly(allowed);
      return null;
    }
    r = PropertyReader.of(node, "table " + IdentifierRules.show(name), "tables." + name, problems);
    r.allowOnly(allowed);
    sourceMap.put(r.location(), "tables", name);
    String renamedFrom = r.string("renamedFrom");
    if (renamedFrom != null) {
      sourceMap.put(r.location("renamedFrom"), "tables", name, "renamedFrom");
    }

    PartitionBy partitionBy = PartitionReader.partitionBy(r, name, sourceMap);
    PartitionOf partitionOf = PartitionReader.partitionOf(r, name, sourceMap);
    boolean partition = r.has("partitionOf");
    if (partition && r.has("columns")) {
      problems.add(
          r.location("columns"),
          "table "
              + IdentifierRules.show(name)
              + " is a partition and has the columns of its parent; remove 'columns'");
    }
    List<ColumnDeclaration> columns = partition ? List.of() : columns(r, name, rules, sourceMap);
    ConstraintReader constraints = new ConstraintReader(r, name, rules, sourceMap);
    UniqueNames constraintNames = new UniqueNames(problems);
    PrimaryKey primaryKey = primaryKey(r, name, columns, constraints.primaryKey(), constraintNames);
    List<UniqueConstraint> uniques =
        uniques(r, name, columns, constraints.uniques(), constraintNames, sourceMap);
    List<CheckConstraint> checks =
        distinct(
            constraints.checks(),
            CheckConstraint::key,
            CheckConstraint::name,
            "check",
            name,
            constraintNames,
            sourceMap,
            "checks",
            problems);
    List<Located<ForeignKey>> declaredFks = new ArrayList<>();
    for (ColumnDeclaration c : columns) {
      if (c.reference() != null) {
        declaredFks.add(new Located<>(c.reference(), c.location()));
      }
    }
    declaredFks.addAll(constraints.foreignKeys());
    List<ForeignKey> foreignKeys =
        distinct(
            declaredFks,
            ForeignKey::key,
            ForeignKey::name,
            "foreign key",
            name,
            constraintNames,
            sourceMap,
            "foreignKeys",
            problems);
    List<ExclusionConstraint> exclusions =
        distinct(
            constraints.exclusions(),
            ExclusionConstraint::key,
            ExclusionConstraint::name,
            "exclusion constraint",
            name,
            constraintNames,
            sourceMap,
            "exclusions",
            problems);
    List<Index> indexes = indexes(r, name, rules, sourceMap);
    List<Trigger> triggers = triggers(r, name, rules, sourceMap);

    if (columns.isEmpty() && (!partition || partitionOf == null)) {
      return null;
    }
    Map<String, String> columnRenames = new LinkedHashMap<>();
    List<Column> columnList = new ArrayList<>();
    for (ColumnDeclaration c : columns) {
      columnList.add(c.column());
      if (c.renamedFrom() != null) {
        columnRenames.put(c.column().name(), c.renamedFrom());
      }
    }
    String comment = r.text("comment");
    TableOptions options = TableOptionsReader.read(r, name);
    Table table =
        problems.build(
            r.location(),
            () ->
                new Table(
                    name,
                    columnList,
                    primaryKey,
                    uniques,
                    checks,
                    foreignKeys,
                    indexes,
                    triggers,
                    comment,
                    options,
                    exclusions,
                    partitionBy,
                    partitionOf));
    return table == null
        ? null
        : new DeclaredTable(table, renamedFrom, columnRenames, r.location());
  }

  private static List<ColumnDeclaration> columns(
      PropertyReader r, String table, IdentifierRules rules, SourceMap sourceMap) {
    if (!r.has("columns")) {
      r.problems()
          .add(
              r.location(),
              "table "
                  + IdentifierRules.show(table)
                  + " has no 'columns'; a table needs at least one column");
      return List.of();
    }
    List<LocatedNode> elements = r.list("columns");
    if (elements.isEmpty() && r.value("columns") instanceof LocatedNode.ListNode) {
      r.problems()
          .add(
              r.location("columns"),
              "'columns' of table "
                  + IdentifierRules.show(table)
                  + " is empty; a table needs at least one column");
    }
    UniqueNames names = new UniqueNames(r.problems());
    List<ColumnDeclaration> columns = new ArrayList<>();
    for (int i = 0; i < elements.size(); i++) {
      ColumnDeclaration c =
          ColumnReader.read(elements.get(i), table, i, rules, sourceMap, r.problems());
      if (c != null
          && names.claim(
              c.column().name(),
              "column " + IdentifierRules.show(table + "." + c.column().name()),
              c.location())) {
        columns.add(c);
      }
    }
    return columns;
  }

  private static PrimaryKey primaryKey(
      PropertyReader r,
      String table,
      List<ColumnDeclaration> columns,
      PrimaryKey tableLevel,
      UniqueNames constraintNames) {
    List<String> flagged =
        columns.stream().filter(ColumnDeclaration::primaryKey).map(c -> c.column().name()).toList();
    if (!flagged.isEmpty() && r.has("primaryKey")) {
      r.problems()
          .add(
              r.location("primaryKey"),
              "table "
                  + IdentifierRules.show(table)
                  + " declares its primary key twice: 'primaryKey: true' on column(s) "
                  + flagged
                  + " and the table's 'primaryKey'; keep one");
      return tableLevel;
    }
    if (!flagged.isEmpty()) {
      // Several flagged columns make one composite key, in column order: a table has one primary
      // key.
      return new PrimaryKey(null, flagged);
    }
    if (tableLevel != null && tableLevel.name() != null) {
      constraintNames.claim(
          tableLevel.name(),
          "constraint name " + IdentifierRules.show(tableLevel.name()),
          r.location("primaryKey"));
    }
    return tableLevel;
  }

  private static List<UniqueConstraint> uniques(
      PropertyReader r,
      String table,
      List<ColumnDeclaration> columns,
      List<Located<UniqueConstraint>> tableLevel,
      UniqueNames constraintNames,
      SourceMap sourceMap) {
    List<Located<UniqueConstraint>> all = new ArrayList<>();
    for (ColumnDeclaration c : columns) {
      if (c.unique()) {
        all.add(
            new Located<>(new UniqueConstraint(null, List.of(c.column().name())), c.location()));
      }
    }
    all.addAll(tableLevel);
    return distinct(
        all,
        UniqueConstraint::key,
        UniqueConstraint::name,
        "unique constraint",
        table,
        constraintNames,
        sourceMap,
        "uniques",
        r.problems());
  }

  /**
   * Drops and reports a second constraint with the same key (the same name, or for unnamed ones the
   * same content) or a name another constraint of the table already uses.
   */
  private static <T> List<T> distinct(
      List<Located<T>> declared,
      Function<T, String> key,
      Function<T, String> name,
      String kind,
      String table,
      UniqueNames constraintNames,
      SourceMap sourceMap,
      String section,
      Problems problems) {
    UniqueNames keys = new UniqueNames(problems);
    List<T> out = new ArrayList<>();
    for (Located<T> c : declared) {
      String k = key.apply(c.value());
      String n = name.apply(c.value());
      String description =
          kind + " " + IdentifierRules.show(k) + " of table " + IdentifierRules.show(table);
      if (!keys.claim(k, description, c.location())) {
        continue;
      }
      if (n != null
          && !constraintNames.claim(
              n,
              "constraint name "
                  + IdentifierRules.show(n)
                  + " in table "
                  + IdentifierRules.show(table),
              c.location())) {
        continue;
      }
      sourceMap.put(c.location(), "tables", table, section, k);
      out.add(c.value());
    }
    return out;
  }

  private static List<Index> indexes(
      PropertyReader r, String table, IdentifierRules rules, SourceMap sourceMap) {
    UniqueNames names = new UniqueNames(r.problems());
    List<Index> out = new ArrayList<>();
    List<LocatedNode> elements = r.list("indexes");
    for (int i = 0; i < elements.size(); i++) {
      Located<Index> index = IndexReader.read(elements.get(i), table, i, rules, r.problems());
      if (index != null
          && names.claim(
              index.value().name(),
              "index "
                  + IdentifierRules.show(index.value().name())
                  + " of table "
                  + IdentifierRules.show(table),
              index.location())) {
        sourceMap.put(index.location(), "tables", table, "indexes", index.value().name());
        out.add(index.value());
      }
    }
    return out;
  }

  private static List<Trigger> triggers(
      PropertyReader r, String table, IdentifierRules rules, SourceMap sourceMap) {
    UniqueNames names = new UniqueNames(r.problems());
    List<Trigger> out = new ArrayList<>();
    List<LocatedNode> elements = r.list("triggers");
    for (int i = 0; i < elements.size(); i++) {
      Located<Trigger> trigger = TriggerReader.read(elements.get(i), table, i, rules, r.problems());
      if (trigger != null
          && names.claim(
              trigger.value().name(),
              "trigger "
                  + IdentifierRules.show(trigger.value().name())
                  + " of table "
                  + IdentifierRules.show(table),
              trigger.location())) {
        sourceMap.put(trigger.location(), "tables", table, "triggers", trigger.value().name());
        out.add(trigger.value());
      }
    }
    return out;
  }
}
