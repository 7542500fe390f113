package io.schemasync.testsupport.gen;

import io.schemasync.api.model.CheckConstraint;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.IndexPart;
import io.schemasync.api.model.PrimaryKey;
import io.schemasync.api.model.ReferentialAction;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.UniqueConstraint;
import io.schemasync.api.model.View;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds one valid table, or one more valid part of a table, from a run of {@link Choices}. Shared
 * by the schema generator and the evolver so both keep the same rules: key columns have key types
 * and are NOT NULL, defaults and checks fit the column's type, foreign keys match the referenced
 * primary key column for column and type.
 */
final class TableGenerator {
  static final int MAX_COLUMNS = 8;

  private final Settings settings;

  TableGenerator(Settings settings) {
    this.settings = settings;
  }

  /** A table whose foreign keys (if any) reference tables among {@code fkTargets}. */
  Table table(Choices c, String name, List<Table> fkTargets) {
    int columnCount = c.between(1, MAX_COLUMNS);
    List<Column> columns = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (int i = 0; i < columnCount; i++) {
      String columnName = Names.pick(settings.columnNames(), c.below(poolSize()), used);
      if (columnName == null) {
        break;
      }
      used.add(columnName);
      // The first column always has a key type so that most tables can have a primary key.
      String type = c.oneOf(i == 0 ? settings.keyTypes() : settings.types());
      columns.add(column(c, columnName, type));
    }
    Table table = Table.of(name, columns, null);
    table = withPrimaryKey(c, table);
    for (int i = c.below(3); i > 0; i--) {
      Table current = table;
      table =
          unique(c, current)
              .map(u -> current.withUniques(plus(current.uniques(), u)))
              .orElse(current);
    }
    if (settings.checks()) {
      for (int i = c.below(3); i > 0; i--) {
        Table current = table;
        table =
            check(c, current)
                .map(k -> current.withChecks(plus(current.checks(), k)))
                .orElse(current);
      }
    }
    if (settings.foreignKeys()) {
      for (int i = c.below(3); i > 0; i--) {
        table = withForeignKey(c, table, fkTargets);
      }
    }
    for (int i = c.below(4); i > 0; i--) {
      Table current = table;
      table =
          index(c, current)
              .map(x -> current.withIndexes(plus(current.indexes(), x)))
              .orElse(current);
    }
    return table;
  }

  /** A column with the given name and type: nullable or not, sometimes with a fitting default. */
  Column column(Choices c, String name, String type) {
    boolean nullable = c.percent(50);
    String defaultValue = null;
    List<String> literals = TypeLiterals.defaults(type);
    if (settings.defaults() && !literals.isEmpty() && c.percent(30)) {
      defaultValue = c.oneOf(literals);
    }
    return Column.of(name, type, nullable).withDefaultValue(defaultValue);
  }

  /** A nullable column, or a NOT NULL one with a default: what can be added to a filled table. */
  Column addableColumn(Choices c, String name, String type) {
    Column column = column(c, name, type);
    List<String> literals = TypeLiterals.defaults(type);
    if (!column.nullable() && column.defaultValue() == null) {
      return literals.isEmpty()
          ? column.withNullable(true)
          : column.withDefaultValue(literals.get(0));
    }
    return column;
  }

  Table withPrimaryKey(Choices c, Table table) {
    int size = Math.min(c.below(4), keyColumns(table).size());
    if (size == 0) {
      return table;
    }
    List<String> pk = distinct(c, keyColumns(table), size);
    Table withKey = table.withPrimaryKey(new PrimaryKey(null, pk));
    for (String column : pk) {
      withKey = withKey.withColumn(withKey.column(column).orElseThrow().withNullable(false));
    }
    return withKey;
  }

  Optional<UniqueConstraint> unique(Choices c, Table table) {
    List<String> keys = keyColumns(table);
    if (keys.isEmpty()) {
      return Optional.empty();
    }
    List<String> columns = distinct(c, keys, Math.min(c.between(1, 2), keys.size()));
    UniqueConstraint unique = new UniqueConstraint(null, columns);
    boolean samePk = table.primaryKey() != null && table.primaryKey().columns().equals(columns);
    boolean duplicate = table.uniques().stream().anyMatch(u -> u.key().equals(unique.key()));
    return samePk || duplicate ? Optional.empty() : Optional.of(unique);
  }

  Optional<CheckConstraint> check(Choices c, Table table) {
    // MySQL and MariaDB refuse a CHECK on a column a foreign key's ON DELETE/UPDATE action writes
    List<Column> checkable =
        table.columns().stream()
            .filter(
                col ->
                    table.foreignKeys().stream()
                        .noneMatch(
                            fk ->
                                fk.columns().contains(col.name())
                                    && (fk.onDelete() != ReferentialAction.NO_ACTION
                                        || fk.onUpdate() != ReferentialAction.NO_ACTION)))
            .toList();
    if (checkable.isEmpty()) {
      return Optional.empty();
    }
    Column column = c.oneOf(checkable);
    String expression = TypeLiterals.check(column.type(), Sql.quote(column.name()));
    if (expression == null) {
      return Optional.empty();
    }
    CheckConstraint check = new CheckConstraint(null, expression);
    boolean duplicate = table.checks().stream().anyMatch(k -> k.key().equals(check.key()));
    return duplicate ? Optional.empty() : Optional.of(check);
  }

  /**
   * The table with one more foreign key to the primary key of one of {@code targets}, through new
   * columns {@code fk<n>_<referenced column>} of the referenced types; unchanged when no target has
   * a primary key or the table is full.
   */
  Table withForeignKey(Choices c, Table table, List<Table> targets) {
    List<Table> referable = targets.stream().filter(t -> t.primaryKey() != null).toList();
    if (referable.isEmpty()) {
      return table;
    }
    Table target = c.oneOf(referable);
    boolean nullable = c.percent(50);
    ReferentialAction onDelete = action(c, nullable);
    int n = 1;
    while (prefixUsed(table, "fk" + n + "_")) {
      n++;
    }
    List<String> columns = new ArrayList<>();
    Table next = table;
    for (String referenced : target.primaryKey().columns()) {
      String name = "fk" + n + "_" + referenced;
      String type = target.column(referenced).orElseThrow().type();
      columns.add(name);
      next = next.withColumn(Column.of(name, type, nullable));
    }
    ForeignKey fk =
        new ForeignKey(
            null,
            columns,
            target.name(),
            target.primaryKey().columns(),
            onDelete,
            ReferentialAction.NO_ACTION,
            false);
    return next.withForeignKeys(plus(next.foreignKeys(), fk));
  }

  private static ReferentialAction action(Choices c, boolean nullable) {
    int pick = c.below(10);
    if (pick >= 8) {
      return ReferentialAction.CASCADE;
    }
    if (pick == 7 && nullable) {
      return ReferentialAction.SET_NULL;
    }
    return ReferentialAction.NO_ACTION;
  }

  /** A new index {@code idx_<table>_<n>} on one or two key columns, or empty when none fits. */
  Optional<Index> index(Choices c, Table table) {
    List<String> keys = keyColumns(table);
    if (keys.isEmpty()) {
      return Optional.empty();
    }
    List<String> columns = distinct(c, keys, Math.min(c.between(1, 2), keys.size()));
    boolean unique = c.percent(25);
    String where =
        settings.partialIndexes() && c.percent(20) ? Sql.isNotNull(columns.get(0)) : null;
    int n = 1;
    while (hasIndex(table, indexName(table, n))) {
      n++;
    }
    Index index =
        new Index(
            indexName(table, n),
            columns.stream().map(IndexPart::column).toList(),
            unique,
            where,
            null,
            List.of());
    // MySQL cannot tell a unique index from a unique constraint on the same columns; neither
    // adds anything, so generate neither twice.
    boolean sameAsOther =
        table.indexes().stream().anyMatch(x -> x.columnNames().equals(columns))
            || (unique
                && table.primaryKey() != null
                && table.primaryKey().columns().equals(columns))
            || (unique && table.uniques().stream().anyMatch(u -> u.columns().equals(columns)));
    return sameAsOther ? Optional.empty() : Optional.of(index);
  }

  /** {@code SELECT} of one to three columns of the table, or empty for a table without any. */
  Optional<View> view(Choices c, Table table, String name) {
    if (table.columns().isEmpty()) {
      return Optional.empty();
    }
    List<String> names = table.columns().stream().map(Column::name).toList();
    List<String> columns = distinct(c, names, Math.min(c.between(1, 3), names.size()));
    return Optional.of(new View(name, Sql.select(columns, table.name()), false));
  }

  List<String> keyColumns(Table table) {
    return table.columns().stream()
        .filter(col -> settings.isKeyType(col.type()))
        .map(Column::name)
        .toList();
  }

  static String indexName(Table table, int n) {
    return "idx_" + table.name() + "_" + n;
  }

  private static boolean hasIndex(Table table, String name) {
    return table.indexes().stream().anyMatch(x -> x.name().equals(name));
  }

  private static boolean prefixUsed(Table table, String prefix) {
    return table.columns().stream().anyMatch(col -> col.name().startsWith(prefix));
  }

  private int poolSize() {
    return settings.columnNames().size();
  }

  /** {@code count} different elements of {@code from}, in the order chosen. */
  static <T> List<T> distinct(Choices c, List<T> from, int count) {
    List<T> remaining = new ArrayList<>(from);
    List<T> chosen = new ArrayList<>();
    for (int i = 0; i < count && !remaining.isEmpty(); i++) {
      chosen.add(remaining.remove(c.below(remaining.size())));
    }
    return chosen;
  }

  static <T> List<T> plus(List<T> list, T element) {
    List<T> next = new ArrayList<>(list);
    next.add(element);
    return next;
  }
}
