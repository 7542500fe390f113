package io.schemasync.sqlite.internal;

import io.schemasync.api.InvalidTargetException;
import io.schemasync.api.model.CheckConstraint;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.GeneratedColumn;
import io.schemasync.api.model.Identity;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.IndexPart;
import io.schemasync.api.model.PrimaryKey;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.Trigger;
import io.schemasync.api.model.TriggerEvent;
import io.schemasync.api.model.TriggerTiming;
import io.schemasync.api.model.UniqueConstraint;
import io.schemasync.api.model.View;
import io.schemasync.spi.ModelFeature;
import io.schemasync.sqlite.internal.SqlTokenizer.Token;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Brings a snapshot to the form SQLite's inspector reports: no constraint names or comments
 * (SQLite's pragmas report none), canonical SQL text, and the rowid rules. Rejects what SQLite
 * cannot hold, naming the object and what to use instead. Inspector output passes unchanged.
 */
public final class TargetNormalizer {
  private TargetNormalizer() {}

  public static SchemaSnapshot normalize(SchemaSnapshot snapshot) {
    rejectUnsupported(snapshot);
    List<Table> tables = snapshot.tables().stream().map(TargetNormalizer::table).toList();
    List<View> views = new ArrayList<>();
    for (View view : snapshot.views()) {
      if (view.materialized()) {
        throw invalid(
            "SQLite has no materialized views (view "
                + view.name()
                + "); use a plain view, or a table kept up to date by triggers");
      }
      String definition = SqlText.normalize(view.definition());
      while (definition != null && definition.endsWith(";")) {
        definition = SqlText.normalize(definition.substring(0, definition.length() - 1));
      }
      views.add(new View(view.name(), definition == null ? "" : definition, false));
    }
    return new SchemaSnapshot(tables, views, List.of(), List.of(), List.of(), List.of());
  }

  /** What SQLite lacks of the model, and what to write instead. */
  private static final Map<ModelFeature, String> MISSING =
      Map.of(
          ModelFeature.EXCLUSION_CONSTRAINTS,
          "check overlaps in a BEFORE INSERT/UPDATE trigger that raises an error",
          ModelFeature.NULLS_NOT_DISTINCT,
          "SQLite treats NULLs as distinct in every unique key; make the columns NOT NULL",
          ModelFeature.PARTITIONING,
          "declare one plain table",
          ModelFeature.EXTENSIONS,
          "load SQLite extensions in the application; remove 'extensions'");

  private static void rejectUnsupported(SchemaSnapshot snapshot) {
    ModelFeature.rejectUnsupported(snapshot, "SQLite", MISSING);
    if (!snapshot.enums().isEmpty()) {
      throw invalid(
          "SQLite has no enum types (enum "
              + snapshot.enums().get(0).name()
              + "); use a text column with a CHECK (col IN (...)) constraint");
    }
    if (!snapshot.domains().isEmpty()) {
      throw invalid(
          "SQLite has no domains (domain "
              + snapshot.domains().get(0).name()
              + "); use the base type with a CHECK constraint on each column");
    }
    if (!snapshot.sequences().isEmpty()) {
      throw invalid(
          "SQLite has no sequences (sequence "
              + snapshot.sequences().get(0).name()
              + "); use an INTEGER PRIMARY KEY column with identity (AUTOINCREMENT)");
    }
    for (Table table : snapshot.tables()) {
      for (Index index : table.indexes()) {
        if (index.invisible()) {
          throw invalid(
              "SQLite cannot hide an index from its query planner (index "
                  + index.name()
                  + " of table "
                  + table.name()
                  + " is declared invisible); drop 'invisible', or drop the index");
        }
      }
    }
    if (!snapshot.routines().isEmpty()) {
      throw invalid(
          "SQLite has no stored functions or procedures ("
              + snapshot.routines().get(0).kind().name().toLowerCase(Locale.ROOT)
              + " "
              + snapshot.routines().get(0).key()
              + "); move the logic into the application or a trigger");
    }
  }

  private static Table table(Table table) {
    boolean rowidAlias =
        table.primaryKey() != null
            && table.primaryKey().columns().size() == 1
            && table
                .column(table.primaryKey().columns().get(0))
                .map(c -> "INTEGER".equals(SqliteTypes.normalize(c.type())))
                .orElse(false);
    List<Column> columns = new ArrayList<>();
    for (Column column : table.columns()) {
      boolean pkColumn =
          table.primaryKey() != null && table.primaryKey().columns().contains(column.name());
      columns.add(column(table.name(), column, rowidAlias && pkColumn));
    }
    List<String> names = columns.stream().map(Column::name).toList();
    // Table options (engine, character set, collation) are the MySQL family's: SQLite has one
    // encoding per file and one storage engine, so they are left out rather than refused, and a
    // document shared with MySQL tenants stays usable.
    return new Table(
        table.name(),
        columns,
        table.primaryKey() == null ? null : new PrimaryKey(null, table.primaryKey().columns()),
        distinct(
            table.uniques().stream().map(u -> new UniqueConstraint(null, u.columns())).toList()),
        distinct(
            table.checks().stream()
                .map(c -> SqlText.expression(c.expression()))
                .filter(e -> e != null)
                .map(e -> new CheckConstraint(null, e))
                .toList()),
        distinct(
            table.foreignKeys().stream()
                .map(
                    f ->
                        new ForeignKey(
                            null,
                            f.columns(),
                            f.referencedTable(),
                            f.referencedColumns(),
                            f.onDelete(),
                            f.onUpdate(),
                            false))
                .toList()),
        table.indexes().stream().map(i -> index(table.name(), i, names)).toList(),
        table.triggers().stream().map(t -> trigger(table.name(), t)).toList(),
        null);
  }

  private static Column column(String table, Column column, boolean rowidAlias) {
    Identity identity = column.identity() == null ? null : Identity.BY_DEFAULT;
    if (identity != null && !rowidAlias) {
      throw invalid(
          "SQLite generates values only for a single-column INTEGER PRIMARY KEY (column "
              + table
              + "."
              + column.name()
              + " has identity); make it the table's only primary-key"
              + " column with type integer, or remove the identity");
    }
    String collation = SqliteDefaults.collation(column.collation());
    if (collation != null && !collation.equals("NOCASE") && !collation.equals("RTRIM")) {
      throw invalid(
          "SQLite knows the collations BINARY, NOCASE and RTRIM (column "
              + table
              + "."
              + column.name()
              + " asks for "
              + column.collation()
              + "); use one of them or none");
    }
    GeneratedColumn generated =
        column.generated() == null
            ? null
            : new GeneratedColumn(
                SqlText.expression(column.generated().expression()), column.generated().stored());
    return new Column(
        column.name(),
        SqliteTypes.normalize(column.type()),
        column.nullable() && !rowidAlias,
        generated == null ? SqliteDefaults.normalize(column.defaultValue()) : null,
        identity,
        generated,
        collation,
        null);
  }

  private static Index index(String table, Index index, List<String> columns) {
    String where = "index " + index.name() + " on " + table;
    if (index.method() != null && !index.method().equalsIgnoreCase("btree")) {
      throw invalid(
          "SQLite has only B-tree indexes ("
              + where
              + " asks for method '"
              + index.method()
              + "'); remove the method");
    }
    if (!index.include().isEmpty()) {
      throw invalid(
          "SQLite indexes cannot INCLUDE extra columns ("
              + where
              + "); add them as key columns or remove include");
    }
    List<IndexPart> parts = index.parts().stream().map(p -> canonicalPart(p, columns)).toList();
    return new Index(
        index.name(), parts, index.unique(), SqlText.expression(index.where()), null, List.of());
  }

  /**
   * An index key in canonical form: an expression that is just a column's name becomes that column,
   * and column names take the table's spelling (SQLite matches them case-insensitively).
   */
  public static IndexPart canonicalPart(IndexPart part, List<String> columns) {
    if (part.column() != null) {
      return new IndexPart(spelling(columns, part.column()), null, part.descending());
    }
    String expression = SqlText.expression(part.expression());
    List<Token> tokens = SqlTokenizer.significant(expression);
    if (tokens.size() == 1
        && tokens.get(0).isName()
        && columns.stream().anyMatch(c -> c.equalsIgnoreCase(tokens.get(0).name()))) {
      return new IndexPart(spelling(columns, tokens.get(0).name()), null, part.descending());
    }
    return new IndexPart(null, expression, part.descending());
  }

  private static Trigger trigger(String table, Trigger trigger) {
    String where = "trigger " + trigger.name() + " on " + table;
    if (trigger.events().size() != 1 || trigger.events().contains(TriggerEvent.TRUNCATE)) {
      throw invalid(
          "a SQLite trigger fires on exactly one of INSERT, UPDATE or DELETE ("
              + where
              + " has "
              + trigger.events()
              + "); split it into one trigger per event");
    }
    if (!trigger.forEachRow()) {
      throw invalid(
          "SQLite has only row-level triggers ("
              + where
              + " is statement-level);"
              + " make it FOR EACH ROW");
    }
    if (trigger.timing() == TriggerTiming.INSTEAD_OF) {
      throw invalid(
          "SQLite allows INSTEAD OF triggers only on views (" + where + "); use BEFORE or AFTER");
    }
    String body = SqlText.normalize(trigger.body());
    if (body == null) {
      throw invalid("the body of " + where + " is empty");
    }
    if (!body.endsWith(";")) {
      body = body + ";";
    }
    return new Trigger(
        trigger.name(),
        trigger.timing(),
        trigger.events(),
        trigger.updateOf(),
        true,
        SqlText.expression(trigger.when()),
        body);
  }

  private static String spelling(List<String> columns, String name) {
    return columns.stream().filter(c -> c.equalsIgnoreCase(name)).findFirst().orElse(name);
  }

  private static <T> List<T> distinct(List<T> list) {
    return List.copyOf(new LinkedHashSet<>(list));
  }

  private static InvalidTargetException invalid(String message) {
    return new InvalidTargetException(null, message);
  }
}
