package io.schemasync.internal.target;

import static io.schemasync.internal.target.IdentifierRules.show;

import io.schemasync.api.model.Column;
import io.schemasync.api.model.DomainType;
import io.schemasync.api.model.ExclusionConstraint;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.IndexPart;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Sequence;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.Trigger;
import io.schemasync.api.model.UniqueConstraint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a declared schema as a whole, independently of any engine: types have a valid shape, every
 * column a key, index or foreign key names exists, foreign keys reference a key, identity columns
 * are integers, renames and names do not clash. Everything found is recorded, not just the first
 * mistake.
 */
final class SchemaValidator {
  private final SchemaSnapshot schema;
  private final SourceMap sources;
  private final Problems problems;
  private final DeclaredTypes types;

  private SchemaValidator(DeclaredSchema declared, Problems problems) {
    this.schema = declared.snapshot();
    this.sources = declared.sourceMap();
    this.problems = problems;
    this.types = new DeclaredTypes(schema);
  }

  static void validate(DeclaredSchema declared, Problems problems) {
    SchemaValidator validator = new SchemaValidator(declared, problems);
    for (Table table : declared.snapshot().tables()) {
      validator.table(table);
    }
    for (DomainType domain : declared.snapshot().domains()) {
      validator
          .types
          .problem(domain.baseType())
          .ifPresent(
              why ->
                  problems.add(
                      declared.sourceMap().at("domains", domain.name(), "type"),
                      "type '"
                          + show(domain.baseType())
                          + "' of domain "
                          + show(domain.name())
                          + " "
                          + why));
    }
    for (Sequence sequence : declared.snapshot().sequences()) {
      validator.ownedBy(sequence);
    }
    RenameChecks.check(declared, problems);
    NamespaceChecks.check(declared, problems);
  }

  private void table(Table table) {
    String t = table.name();
    Map<String, String> lowerCaseNames = new HashMap<>();
    for (Column column : table.columns()) {
      column(table, column);
      String other =
          lowerCaseNames.putIfAbsent(column.name().toLowerCase(Locale.ROOT), column.name());
      if (other != null) {
        problems.add(
            sources.at("tables", t, "columns", column.name()),
            "column "
                + show(t + "." + column.name())
                + " differs only in case from column "
                + show(other)
                + "; SQLite and MySQL would see one column, rename one of them");
      }
    }
    if (table.primaryKey() != null) {
      List<String> columns = table.primaryKey().columns();
      columnsExist(
          table, columns, "primary key of table " + show(t), sources.at("tables", t, "primaryKey"));
      for (String name : columns) {
        table
            .column(name)
            .filter(Column::nullable)
            .ifPresent(
                c ->
                    problems.add(
                        sources.at("tables", t, "columns", name),
                        "column "
                            + show(t + "." + name)
                            + " is in the primary key but declared 'nullable: true';"
                            + " primary key columns are never null, remove 'nullable'"));
      }
    }
    for (UniqueConstraint unique : table.uniques()) {
      columnsExist(
          table,
          unique.columns(),
          "unique constraint " + show(unique.key()) + " of table " + show(t),
          sources.at("tables", t, "uniques", unique.key()));
    }
    for (Index index : table.indexes()) {
      String what = "index " + show(index.name()) + " of table " + show(t);
      columnsExist(
          table, index.columnNames(), what, sources.at("tables", t, "indexes", index.name()));
      columnsExist(
          table,
          index.include(),
          what + " (include)",
          sources.at("tables", t, "indexes", index.name()));
    }
    for (ForeignKey fk : table.foreignKeys()) {
      foreignKey(table, fk);
    }
    for (ExclusionConstraint exclusion : table.exclusions()) {
      columnsExist(
          table,
          exclusion.columns(),
          "exclusion constraint " + show(exclusion.key()) + " of table " + show(t),
          sources.at("tables", t, "exclusions", exclusion.key()));
    }
    for (Trigger trigger : table.triggers()) {
      columnsExist(
          table,
          trigger.updateOf(),
          "trigger " + show(trigger.name()) + " of table " + show(t) + " (updateOf)",
          sources.at("tables", t, "triggers", trigger.name()));
    }
    partitioning(table);
  }

  /**
   * A partition's parent is a declared partitioned table, and no chain of parents loops; a
   * partition key names columns of the table.
   */
  private void partitioning(Table table) {
    String t = table.name();
    if (table.partitionBy() != null) {
      columnsExist(
          table,
          table.partitionBy().key().stream()
              .filter(p -> p.column() != null)
              .map(IndexPart::column)
              .toList(),
          "partition key of table " + show(t),
          sources.at("tables", t, "partitionBy"));
    }
    if (table.partitionOf() == null) {
      return;
    }
    var at = sources.at("tables", t, "partitionOf");
    String parentName = table.partitionOf().parent();
    Optional<Table> parent = schema.table(parentName);
    if (parent.isEmpty()) {
      problems.add(
          at,
          "table "
              + show(t)
              + " is a partition of "
              + show(parentName)
              + ", which is not a declared table; declare it with 'partitionBy'");
    } else if (parent.get().partitionBy() == null) {
      problems.add(
          at,
          "table "
              + show(t)
              + " is a partition of "
              + show(parentName)
              + ", which is not partitioned; give "
              + show(parentName)
              + " a 'partitionBy'");
    } else if (schema.columnsOf(table).isEmpty()) {
      problems.add(
          at,
          "table "
              + show(t)
              + " is (through its parents) a partition of itself; a chain of partitions must end"
              + " at a partitioned table that is no partition");
    }
  }

  private void column(Table table, Column column) {
    String what = "column " + show(table.name() + "." + column.name());
    Optional<String> typeProblem = types.problem(column.type());
    typeProblem.ifPresent(
        why ->
            problems.add(
                sources.at("tables", table.name(), "columns", column.name(), "type"),
                "type '" + show(column.type()) + "' of " + what + " " + why));
    if (column.identity() != null) {
      var at = sources.at("tables", table.name(), "columns", column.name(), "identity");
      if (typeProblem.isEmpty() && !DeclaredTypes.isInteger(column.type())) {
        problems.add(
            at,
            what
                + " is an identity column of type '"
                + show(column.type())
                + "'; identity needs an integer type (smallint, integer or bigint)");
      }
      if (column.nullable()) {
        problems.add(
            at,
            what + " is an identity column and 'nullable: true'; an identity column is never null");
      }
    }
  }

  private void foreignKey(Table table, ForeignKey fk) {
    String t = table.name();
    var at = sources.at("tables", t, "foreignKeys", fk.key());
    String what =
        "foreign key "
            + show(fk.name() != null ? fk.name() : fk.columns().toString())
            + " of table "
            + show(t);
    columnsExist(table, fk.columns(), what, at);
    Optional<Table> referenced = schema.table(fk.referencedTable());
    if (referenced.isEmpty()) {
      String hint =
          schema.view(fk.referencedTable()).isPresent()
              ? "; it is a view, and foreign keys can only reference tables"
              : "; declare the table or fix the name";
      problems.add(
          at,
          what
              + " references table "
              + show(fk.referencedTable())
              + ", which is not declared"
              + hint);
      return;
    }
    List<String> missing = missing(referenced.get(), fk.referencedColumns());
    if (!missing.isEmpty()) {
      problems.add(
          at,
          what
              + " references column(s) "
              + show(String.join(", ", missing))
              + " that table "
              + show(fk.referencedTable())
              + " does not have");
      return;
    }
    if (!isKey(referenced.get(), fk.referencedColumns())) {
      problems.add(
          at,
          what
              + " references "
              + show(fk.referencedTable() + fk.referencedColumns())
              + ", which is neither its primary key nor unique; add 'unique: true' there or"
              + " reference a key");
    }
  }

  /** Engines require the referenced columns to carry a primary key or unique constraint/index. */
  private static boolean isKey(Table table, List<String> columns) {
    Set<String> wanted = new HashSet<>(columns);
    List<List<String>> keys = new ArrayList<>();
    if (table.primaryKey() != null) {
      keys.add(table.primaryKey().columns());
    }
    table.uniques().forEach(u -> keys.add(u.columns()));
    for (Index index : table.indexes()) {
      if (index.unique()
          && index.where() == null
          && index.parts().stream().allMatch(p -> p.column() != null)) {
        keys.add(index.parts().stream().map(IndexPart::column).toList());
      }
    }
    return keys.stream().anyMatch(key -> key.size() == wanted.size() && wanted.containsAll(key));
  }

  private void ownedBy(Sequence sequence) {
    if (sequence.ownedBy() == null) {
      return;
    }
    var at = sources.at("sequences", sequence.name(), "ownedBy");
    String owner = sequence.ownedBy();
    int dot = owner.lastIndexOf('.');
    Optional<Table> table = dot <= 0 ? Optional.empty() : schema.table(owner.substring(0, dot));
    if (dot <= 0 || dot == owner.length() - 1) {
      problems.add(
          at,
          "'ownedBy' of sequence "
              + show(sequence.name())
              + " is '"
              + show(owner)
              + "'; write table.column");
    } else if (table.isEmpty() || !table.get().hasColumn(owner.substring(dot + 1))) {
      problems.add(
          at,
          "sequence "
              + show(sequence.name())
              + " is owned by "
              + show(owner)
              + ", which is not a declared column");
    }
  }

  private void columnsExist(
      Table table, List<String> columns, String what, io.schemasync.api.SourceLocation at) {
    List<String> missing = missing(table, columns);
    if (!missing.isEmpty()) {
      problems.add(
          at,
          what
              + " names column(s) "
              + show(String.join(", ", missing))
              + " that table "
              + show(table.name())
              + " does not have");
    }
    Set<String> seen = new HashSet<>();
    for (String column : columns) {
      if (!seen.add(column)) {
        problems.add(at, what + " names column " + show(column) + " twice");
      }
    }
  }

  /** The columns the table does not have (a partition has its parent's). */
  private List<String> missing(Table table, List<String> columns) {
    Set<String> has = new HashSet<>();
    schema.columnsOf(table).forEach(c -> has.add(c.name()));
    return columns.stream().filter(c -> !has.contains(c)).distinct().toList();
  }
}
