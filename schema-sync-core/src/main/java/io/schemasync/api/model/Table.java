package io.schemasync.api.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

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
    return with(next -> next.columns = newColumns);
  }

  public Table withName(String newName) {
    return with(next -> next.name = newName);
  }

  public Table withPrimaryKey(PrimaryKey newPrimaryKey) {
    return with(next -> next.primaryKey = newPrimaryKey);
  }

  public Table withUniques(List<UniqueConstraint> newUniques) {
    return with(next -> next.uniques = newUniques);
  }

  public Table withChecks(List<CheckConstraint> newChecks) {
    return with(next -> next.checks = newChecks);
  }

  public Table withForeignKeys(List<ForeignKey> newForeignKeys) {
    return with(next -> next.foreignKeys = newForeignKeys);
  }

  public Table withIndexes(List<Index> newIndexes) {
    return with(next -> next.indexes = newIndexes);
  }

  public Table withTriggers(List<Trigger> newTriggers) {
    return with(next -> next.triggers = newTriggers);
  }

  public Table withComment(String newComment) {
    return with(next -> next.comment = newComment);
  }

  public Table withOptions(TableOptions newOptions) {
    return with(next -> next.options = newOptions);
  }

  public Table withExclusions(List<ExclusionConstraint> newExclusions) {
    return with(next -> next.exclusions = newExclusions);
  }

  /** The same table partitioned by {@code newPartitionBy} (null: not partitioned). */
  public Table withPartitionBy(PartitionBy newPartitionBy) {
    return with(next -> next.partitionBy = newPartitionBy);
  }

  /** The same table as a partition of {@code newPartitionOf} (null: not a partition). */
  public Table withPartitionOf(PartitionOf newPartitionOf) {
    return with(next -> next.partitionOf = newPartitionOf);
  }

  /** A copy of this table with one part changed by {@code change}. */
  private Table with(Consumer<Parts> change) {
    Parts next = new Parts(this);
    change.accept(next);
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
