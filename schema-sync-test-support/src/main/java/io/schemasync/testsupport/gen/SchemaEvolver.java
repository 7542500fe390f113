package io.schemasync.testsupport.gen;

import io.schemasync.api.model.Column;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.View;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a generated schema into a changed but still valid one by applying one to four random
 * mutations, each of which a migration has to carry out on a live database.
 *
 * <p>Mutations stay within what every engine can migrate with its data in place: added columns are
 * nullable or have a default, a column made NOT NULL gets a default, key, index and foreign key
 * columns keep their type, and foreign keys never form a cycle.
 */
final class SchemaEvolver {
  private final Settings settings;
  private final TableGenerator tables;

  SchemaEvolver(Settings settings) {
    this.settings = settings;
    this.tables = new TableGenerator(settings);
  }

  /**
   * A schema that differs from {@code from} (its hash is never the same): one mutation per element
   * of {@code mutations}, each decided by its own run of choices.
   */
  SchemaSnapshot evolve(SchemaSnapshot from, List<Choices> mutations) {
    SchemaSnapshot schema = from;
    // A table dropped and added again under its old name is the same table to a diff (altered,
    // rows kept), not a new one: new tables take names the starting schema never had.
    Set<String> original = from.tables().stream().map(Table::name).collect(Collectors.toSet());
    for (Choices c : mutations) {
      schema = Repair.repair(mutate(schema, c, original));
    }
    if (schema.hash().equals(from.hash())) {
      schema = addColumn(schema, schema.tables().get(0), new Choices(List.of()));
    }
    return schema;
  }

  /** The kinds of change, simplest first so that shrinking ends on adding a column. */
  private enum Mutation {
    ADD_COLUMN,
    DROP_COLUMN,
    ALTER_NULLABILITY,
    ALTER_DEFAULT,
    ALTER_TYPE,
    ADD_INDEX,
    DROP_INDEX,
    ADD_UNIQUE,
    DROP_UNIQUE,
    ADD_CHECK,
    DROP_CHECK,
    ADD_FOREIGN_KEY,
    DROP_FOREIGN_KEY,
    ADD_VIEW,
    DROP_VIEW,
    ADD_TABLE,
    DROP_TABLE
  }

  private SchemaSnapshot mutate(SchemaSnapshot s, Choices c, Set<String> original) {
    Mutation mutation = c.oneOf(List.of(Mutation.values()));
    Table t = c.oneOf(s.tables());
    return switch (mutation) {
      case ADD_COLUMN -> addColumn(s, t, c);
      case DROP_COLUMN -> dropColumn(s, t, c);
      case ALTER_NULLABILITY -> alterNullability(s, t, c);
      case ALTER_DEFAULT -> alterDefault(s, t, c);
      case ALTER_TYPE -> alterType(s, t, c);
      case ADD_INDEX ->
          replace(
              s,
              tables
                  .index(c, t)
                  .map(x -> t.withIndexes(TableGenerator.plus(t.indexes(), x)))
                  .orElse(t));
      case DROP_INDEX ->
          t.indexes().isEmpty() ? s : replace(s, t.withIndexes(without(t.indexes(), c)));
      case ADD_UNIQUE ->
          replace(
              s,
              tables
                  .unique(c, t)
                  .map(u -> t.withUniques(TableGenerator.plus(t.uniques(), u)))
                  .orElse(t));
      case DROP_UNIQUE ->
          t.uniques().isEmpty() ? s : replace(s, t.withUniques(without(t.uniques(), c)));
      case ADD_CHECK ->
          !settings.checks()
              ? s
              : replace(
                  s,
                  tables
                      .check(c, t)
                      .map(k -> t.withChecks(TableGenerator.plus(t.checks(), k)))
                      .orElse(t));
      case DROP_CHECK ->
          t.checks().isEmpty() ? s : replace(s, t.withChecks(without(t.checks(), c)));
      case ADD_FOREIGN_KEY -> settings.foreignKeys() ? addForeignKey(s, t, c) : s;
      case DROP_FOREIGN_KEY ->
          t.foreignKeys().isEmpty()
              ? s
              : replace(s, t.withForeignKeys(without(t.foreignKeys(), c)));
      case ADD_VIEW -> settings.views() ? addView(s, t, c) : s;
      case DROP_VIEW -> s.views().isEmpty() ? s : s.withViews(without(s.views(), c));
      case ADD_TABLE -> addTable(s, c, original);
      case DROP_TABLE -> s.tables().size() <= 1 ? s : s.withTables(without(s.tables(), t));
    };
  }

  private SchemaSnapshot addColumn(SchemaSnapshot s, Table t, Choices c) {
    Set<String> used = t.columns().stream().map(Column::name).collect(Collectors.toSet());
    String name = Names.pick(settings.columnNames(), c.below(settings.columnNames().size()), used);
    for (int n = 1; name == null; n++) {
      name = used.contains("added_" + n) ? null : "added_" + n;
    }
    return replace(s, t.withColumn(tables.addableColumn(c, name, c.oneOf(settings.types()))));
  }

  private SchemaSnapshot dropColumn(SchemaSnapshot s, Table t, Choices c) {
    List<Column> droppable =
        t.columns().stream()
            .filter(col -> !inPrimaryKey(t, col) && !referenced(s, t, col))
            .toList();
    if (droppable.isEmpty() || t.columns().size() <= 1) {
      return s;
    }
    Column dropped = c.oneOf(droppable);
    return replace(s, t.withColumns(without(t.columns(), dropped)));
  }

  private SchemaSnapshot alterNullability(SchemaSnapshot s, Table t, Choices c) {
    List<Column> candidates =
        t.columns().stream().filter(col -> !inPrimaryKey(t, col) && !inForeignKey(t, col)).toList();
    if (candidates.isEmpty()) {
      return s;
    }
    Column column = c.oneOf(candidates);
    if (!column.nullable()) {
      return replace(s, t.withColumn(column.withNullable(true)));
    }
    // Existing rows hold NULLs: a NOT NULL column needs a default to fill them with.
    List<String> literals = TypeLiterals.defaults(column.type());
    if (column.defaultValue() == null && literals.isEmpty()) {
      return s;
    }
    String fill = column.defaultValue() != null ? column.defaultValue() : c.oneOf(literals);
    return replace(s, t.withColumn(column.withNullable(false).withDefaultValue(fill)));
  }

  private SchemaSnapshot alterDefault(SchemaSnapshot s, Table t, Choices c) {
    List<Column> candidates =
        t.columns().stream()
            .filter(col -> !inPrimaryKey(t, col))
            // a default fills the column in existing rows, and no literal names a referenced key
            .filter(col -> !inForeignKey(t, col))
            .filter(col -> !TypeLiterals.defaults(col.type()).isEmpty())
            .toList();
    if (candidates.isEmpty() || !settings.defaults()) {
      return s;
    }
    Column column = c.oneOf(candidates);
    List<String> options = new ArrayList<>(TypeLiterals.defaults(column.type()));
    options.add(null);
    options.remove(column.defaultValue());
    if (!column.nullable()) {
      options.remove(null);
    }
    String next = options.isEmpty() ? null : options.get(c.below(options.size()));
    return Objects.equals(next, column.defaultValue())
        ? s
        : replace(s, t.withColumn(column.withDefaultValue(next)));
  }

  private SchemaSnapshot alterType(SchemaSnapshot s, Table t, Choices c) {
    List<Column> candidates =
        t.columns().stream()
            .filter(col -> !inPrimaryKey(t, col) && !inForeignKey(t, col))
            .filter(col -> !inUniqueOrIndex(t, col))
            .toList();
    if (candidates.isEmpty()) {
      return s;
    }
    Column column = c.oneOf(candidates);
    List<String> types = new ArrayList<>(settings.types());
    types.remove(column.type());
    types.removeIf(type -> !settings.typeChanges().test(column.type(), type));
    if (types.isEmpty()) {
      return s;
    }
    String type = c.oneOf(types);
    List<String> literals = TypeLiterals.defaults(type);
    String newDefault = null;
    if (column.defaultValue() != null || !column.nullable()) {
      newDefault = literals.isEmpty() ? null : c.oneOf(literals);
    }
    Column altered = column.withType(type).withDefaultValue(newDefault);
    if (!altered.nullable() && newDefault == null) {
      altered = altered.withNullable(true);
    }
    // A check written for the old type may not even compare on the new one.
    Table changed =
        t.withColumn(altered)
            .withChecks(
                t.checks().stream()
                    .filter(k -> !Sql.identifiers(k.expression()).contains(column.name()))
                    .toList());
    return replace(s, changed);
  }

  private SchemaSnapshot addForeignKey(SchemaSnapshot s, Table t, Choices c) {
    List<Table> targets =
        s.tables().stream().filter(target -> !reaches(s, target.name(), t.name())).toList();
    Table withFk = tables.withForeignKey(c, t, targets);
    // New columns on a table that may hold rows: they must accept NULL.
    Set<String> before = t.columns().stream().map(Column::name).collect(Collectors.toSet());
    for (Column col : withFk.columns()) {
      if (!before.contains(col.name())) {
        withFk = withFk.withColumn(col.withNullable(true));
      }
    }
    return replace(s, withFk);
  }

  private SchemaSnapshot addView(SchemaSnapshot s, Table t, Choices c) {
    Set<String> used = s.views().stream().map(View::name).collect(Collectors.toSet());
    int n = 1;
    while (used.contains(SchemaGenerator.viewName(t.name(), n))) {
      n++;
    }
    String name = SchemaGenerator.viewName(t.name(), n);
    return tables
        .view(c, t, name)
        .map(v -> s.withViews(TableGenerator.plus(s.views(), v)))
        .orElse(s);
  }

  private SchemaSnapshot addTable(SchemaSnapshot s, Choices c, Set<String> original) {
    Set<String> used = s.tables().stream().map(Table::name).collect(Collectors.toSet());
    used.addAll(original);
    used.addAll(s.views().stream().map(View::name).toList());
    String name = Names.pick(settings.tableNames(), c.below(settings.tableNames().size()), used);
    if (name == null) {
      return s;
    }
    // Nothing references the new table yet, so it may reference any table without a cycle.
    return s.withTables(TableGenerator.plus(s.tables(), tables.table(c, name, s.tables())));
  }

  /** Whether {@code from} reaches {@code to} by following foreign keys (or is it). */
  private static boolean reaches(SchemaSnapshot s, String from, String to) {
    Set<String> seen = new HashSet<>();
    List<String> pending = new ArrayList<>(List.of(from));
    while (!pending.isEmpty()) {
      String current = pending.remove(pending.size() - 1);
      if (current.equals(to)) {
        return true;
      }
      if (seen.add(current)) {
        s.table(current)
            .ifPresent(t -> t.foreignKeys().forEach(fk -> pending.add(fk.referencedTable())));
      }
    }
    return false;
  }

  private static boolean inPrimaryKey(Table t, Column col) {
    return t.primaryKey() != null && t.primaryKey().columns().contains(col.name());
  }

  private static boolean inForeignKey(Table t, Column col) {
    return t.foreignKeys().stream().anyMatch(fk -> fk.columns().contains(col.name()));
  }

  private static boolean inUniqueOrIndex(Table t, Column col) {
    return t.uniques().stream().anyMatch(u -> u.columns().contains(col.name()))
        || t.indexes().stream()
            .anyMatch(
                x ->
                    x.columnNames().contains(col.name())
                        || Sql.identifiers(x.where()).contains(col.name()));
  }

  /** Whether another table's foreign key references the column. */
  private static boolean referenced(SchemaSnapshot s, Table t, Column col) {
    for (Table other : s.tables()) {
      for (ForeignKey fk : other.foreignKeys()) {
        if (fk.referencedTable().equals(t.name()) && fk.referencedColumns().contains(col.name())) {
          return true;
        }
      }
    }
    return false;
  }

  private static SchemaSnapshot replace(SchemaSnapshot s, Table table) {
    List<Table> next = new ArrayList<>(s.tables());
    next.replaceAll(t -> t.name().equals(table.name()) ? table : t);
    return s.withTables(next);
  }

  private static <T> List<T> without(List<T> list, Choices c) {
    return without(list, list.get(c.below(list.size())));
  }

  private static <T> List<T> without(List<T> list, T element) {
    List<T> next = new ArrayList<>(list);
    next.remove(element);
    return next;
  }
}
