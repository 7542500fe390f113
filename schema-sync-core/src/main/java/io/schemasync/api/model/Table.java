package io.schemasync.api.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A table: its columns in declared order, its constraints, indexes and triggers (sorted by name).
 *
 * @param primaryKey null when the table has none
 * @param comment null when the table has none
 * @param options engine, character set and collation where the engine chooses them per table; null
 *     when none is declared (an empty value is stored as null)
 * @param exclusions exclusion constraints (PostgreSQL), usually empty
 * @param partitionBy how the table is partitioned, null for a plain table
 * @param partitionOf for a partition, its parent and bound; null otherwise. A partition has no
 *     columns of its own (it has its parent's) and lists only what it declares itself
 */
public record Table(
    String name,
    List<Column> columns,
    PrimaryKey primaryKey,
    List<UniqueConstraint> uniques,
    List<CheckConstraint> checks,
    List<ForeignKey> foreignKeys,
    List<Index> indexes,
    List<Trigger> triggers,
    String comment,
    TableOptions options,
    List<ExclusionConstraint> exclusions,
    PartitionBy partitionBy,
    PartitionOf partitionOf) {

  public Table {
    ModelSupport.name(name, "table");
    columns = ModelSupport.copy(columns);
    Set<String> seen = new HashSet<>();
    for (Column c : columns) {
      if (!seen.add(c.name())) {
        throw new IllegalArgumentException("duplicate column '" + c.name() + "' in table " + name);
      }
    }
    String owner = "table " + name;
    uniques = ModelSupport.sortedUnique(uniques, UniqueConstraint::key, "unique constraint", owner);
    checks = ModelSupport.sortedUnique(checks, CheckConstraint::key, "check constraint", owner);
    foreignKeys = ModelSupport.sortedUnique(foreignKeys, ForeignKey::key, "foreign key", owner);
    indexes = ModelSupport.sortedUnique(indexes, Index::name, "index", owner);
    triggers = ModelSupport.sortedUnique(triggers, Trigger::name, "trigger", owner);
    comment = ModelSupport.blankToNull(comment);
    options = options == null || options.isEmpty() ? null : options;
    exclusions =
        ModelSupport.sortedUnique(
            exclusions, ExclusionConstraint::key, "exclusion constraint", owner);
    if (partitionOf != null && !columns.isEmpty()) {
      throw new IllegalArgumentException(
          "table " + name + " is a partition: it has the columns of " + partitionOf.parent());
    }
  }

  /** A table without options, exclusion constraints or partitioning. */
  public Table(
      String name,
      List<Column> columns,
      PrimaryKey primaryKey,
      List<UniqueConstraint> uniques,
      List<CheckConstraint> checks,
      List<ForeignKey> foreignKeys,
      List<Index> indexes,
      List<Trigger> triggers,
      String comment) {
    this(
        name,
        columns,
        primaryKey,
        uniques,
        checks,
        foreignKeys,
        indexes,
        triggers,
        comment,
        null,
        List.of(),
        null,
        null);
  }

  /** A table with options, without exclusion constraints or partitioning. */
  public Table(
      String name,
      List<Column> columns,
      PrimaryKey primaryKey,
      List<UniqueConstraint> uniques,
      List<CheckConstraint> checks,
      List<ForeignKey> foreignKeys,
      List<Index> indexes,
      List<Trigger> triggers,
      String comment,
      TableOptions options) {
    this(
        name,
        columns,
        primaryKey,
        uniques,
        checks,
        foreignKeys,
        indexes,
        triggers,
        comment,
        options,
        List.of(),
        null,
        null);
  }

  /** A table with just columns and an optional primary key. */
  public static Table of(String name, List<Column> columns, PrimaryKey primaryKey) {
    return new Table(
        name, columns, primaryKey, List.of(), List.of(), List.of(), List.of(), List.of(), null);
  }

  public Optional<Column> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }

  public boolean hasColumn(String columnName) {
    return column(columnName).isPresent();
  }

  /** Every constraint of the table, primary key first. */
  public List<Constraint> constraints() {
    List<Constraint> all = new ArrayList<>();
    if (primaryKey != null) {
      all.add(primaryKey);
    }
    all.addAll(uniques);
    all.addAll(checks);
    all.addAll(foreignKeys);
    all.addAll(exclusions);
    return all;
  }

  public Table withColumns(List<Column> newColumns) {
    Parts next = new Parts(this);
    next.columns = newColumns;
    return next.build();
  }

  public Table withName(String newName) {
    Parts next = new Parts(this);
    next.name = newName;
    return next.build();
  }

  public Table withPrimaryKey(PrimaryKey newPrimaryKey) {
    Parts next = new Parts(this);
    next.primaryKey = newPrimaryKey;
    return next.build();
  }

  public Table withUniques(List<UniqueConstraint> newUniques) {
    Parts next = new Parts(this);
    next.uniques = newUniques;
    return next.build();
  }

  public Table withChecks(List<CheckConstraint> newChecks) {
    Parts next = new Parts(this);
    next.checks = newChecks;
    return next.build();
  }

  public Table withForeignKeys(List<ForeignKey> newForeignKeys) {
    Parts next = new Parts(this);
    next.foreignKeys = newForeignKeys;
    return next.build();
  }

  public Table withIndexes(List<Index> newIndexes) {
    Parts next = new Parts(this);
    next.indexes = newIndexes;
    return next.build();
  }

  public Table withTriggers(List<Trigger> newTriggers) {
    Parts next = new Parts(this);
    next.triggers = newTriggers;
    return next.build();
  }

  public Table withComment(String newComment) {
    Parts next = new Parts(this);
    next.comment = newComment;
    return next.build();
  }

  public Table withOptions(TableOptions newOptions) {
    Parts next = new Parts(this);
    next.options = newOptions;
    return next.build();
  }

  public Table withExclusions(List<ExclusionConstraint> newExclusions) {
    Parts next = new Parts(this);
    next.exclusions = newExclusions;
    return next.build();
  }

  /** The same table partitioned by {@code newPartitionBy} (null: not partitioned). */
  public Table withPartitionBy(PartitionBy newPartitionBy) {
    Parts next = new Parts(this);
    next.partitionBy = newPartitionBy;
    return next.build();
  }

  /** The same table as a partition of {@code newPartitionOf} (null: not a partition). */
  public Table withPartitionOf(PartitionOf newPartitionOf) {
    Parts next = new Parts(this);
    next.partitionOf = newPartitionOf;
    return next.build();
  }

  /** A table's parts, for the {@code with...} methods: each changes one and builds a new table. */
  private static final class Parts {
    String name;
    List<Column> columns;
    PrimaryKey primaryKey;
    List<UniqueConstraint> uniques;
    List<CheckConstraint> checks;
    List<ForeignKey> foreignKeys;
    List<Index> indexes;
    List<Trigger> triggers;
    String comment;
    TableOptions options;
    List<ExclusionConstraint> exclusions;
    PartitionBy partitionBy;
    PartitionOf partitionOf;

    Parts(Table t) {
      name = t.name;
      columns = t.columns;
      primaryKey = t.primaryKey;
      uniques = t.uniques;
      checks = t.checks;
      foreignKeys = t.foreignKeys;
      indexes = t.indexes;
      triggers = t.triggers;
      comment = t.comment;
      options = t.options;
      exclusions = t.exclusions;
      partitionBy = t.partitionBy;
      partitionOf = t.partitionOf;
    }

    Table build() {
      return new Table(
          name,
          columns,
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
          partitionOf);
    }
  }

  /** True when the table is a partition of another. */
  @JsonIgnore
  public boolean isPartition() {
    return partitionOf != null;
  }

  Table withColumnsSortedByName() {
    List<Column> sorted = new ArrayList<>(columns);
    sorted.sort(Comparator.comparing(Column::name));
    return withColumns(sorted);
  }

  /** Replaces the column of the same name, or appends it when the table has none by that name. */
  public Table withColumn(Column column) {
    Objects.requireNonNull(column, "column");
    List<Column> next = new ArrayList<>(columns);
    for (int i = 0; i < next.size(); i++) {
      if (next.get(i).name().equals(column.name())) {
        next.set(i, column);
        return withColumns(next);
      }
    }
    next.add(column);
    return withColumns(next);
  }
}
