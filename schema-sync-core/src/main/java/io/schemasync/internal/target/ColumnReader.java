package io.schemasync.internal.target;

import io.schemasync.api.SourceLocation;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.GeneratedColumn;
import io.schemasync.api.model.Identity;
import java.util.List;

/** Reads one column of a table, with the table-level facts it may declare inline. */
final class ColumnReader {
  static final List<String> KEYS =
      List.of(
          "name",
          "type",
          "nullable",
          "primaryKey",
          "unique",
          "default",
          "identity",
          "generated",
          "collation",
          "comment",
          "renamedFrom",
          "references");

  private static final List<String> GENERATED_KEYS = List.of("expression", "stored");
  private static final List<String> REFERENCE_KEYS =
      List.of("table", "column", "onDelete", "onUpdate");

  /**
   * A column and what it says about its table.
   *
   * @param reference the foreign key of a {@code references:} shorthand, null without one
   */
  record ColumnDeclaration(
      Column column,
      boolean primaryKey,
      boolean unique,
      ForeignKey reference,
      String renamedFrom,
      SourceLocation location) {}

  private ColumnReader() {}

  /** Reads a column of {@code table}; null when it is too broken to be one (problem recorded). */
  static ColumnDeclaration read(
      LocatedNode node,
      String table,
      int index,
      IdentifierRules rules,
      SourceMap sourceMap,
      Problems problems) {
    String fallbackPath = "tables." + table + ".columns[" + index + "]";
    PropertyReader r =
        PropertyReader.of(
            node,
            "column " + (index + 1) + " of table " + IdentifierRules.show(table),
            fallbackPath,
            problems);
    if (r == null) {
      return null;
    }
    String name = r.name("name", "column", rules);
    if (name == null) {
      r.allowOnly(KEYS);
      return null;
    }
    String path = "tables." + table + ".columns." + name;
    r =
        PropertyReader.of(
            node, "column " + IdentifierRules.show(table + "." + name), path, problems);
    r.allowOnly(KEYS);
    sourceMap.put(r.location(), "tables", table, "columns", name);

    String type = r.requiredString("type");
    if (r.has("type")) {
      sourceMap.put(r.location("type"), "tables", table, "columns", name, "type");
    }
    Identity identity = r.choice("identity", Vocabulary.IDENTITY);
    if (r.has("identity")) {
      sourceMap.put(r.location("identity"), "tables", table, "columns", name, "identity");
    }
    String renamedFrom = r.string("renamedFrom");
    if (renamedFrom != null) {
      sourceMap.put(r.location("renamedFrom"), "tables", table, "columns", name, "renamedFrom");
    }
    GeneratedColumn generated = generated(r);
    ForeignKey reference = reference(r, table, name, sourceMap);
    boolean nullable = r.bool("nullable", false);
    String defaultValue = r.text("default");
    checkExclusive(r, identity != null, generated != null, defaultValue != null);

    String collation = r.string("collation");
    String comment = r.text("comment");
    Column column =
        type == null
            ? null
            : problems.build(
                r.location(),
                () ->
                    new Column(
                        name,
                        type,
                        nullable,
                        defaultValue,
                        identity,
                        generated,
                        collation,
                        comment));
    boolean primaryKey = r.bool("primaryKey", false);
    boolean unique = r.bool("unique", false);
    return column == null
        ? null
        : new ColumnDeclaration(column, primaryKey, unique, reference, renamedFrom, r.location());
  }

  private static GeneratedColumn generated(PropertyReader r) {
    PropertyReader g = r.object("generated", "generated expression of " + r.what());
    if (g == null) {
      return null;
    }
    g.allowOnly(GENERATED_KEYS);
    String expression = g.requiredString("expression");
    boolean stored = g.bool("stored", true);
    return expression == null ? null : new GeneratedColumn(expression, stored);
  }

  private static ForeignKey reference(
      PropertyReader r, String table, String column, SourceMap sourceMap) {
    PropertyReader ref = r.object("references", "references of " + r.what());
    if (ref == null) {
      return null;
    }
    ref.allowOnly(REFERENCE_KEYS);
    String referencedTable = ref.requiredString("table");
    String referencedColumn = ref.requiredString("column");
    var onDelete = Vocabulary.referentialAction(ref, "onDelete");
    var onUpdate = Vocabulary.referentialAction(ref, "onUpdate");
    if (referencedTable == null || referencedColumn == null) {
      return null;
    }
    ForeignKey fk =
        new ForeignKey(
            null,
            List.of(column),
            referencedTable,
            List.of(referencedColumn),
            onDelete,
            onUpdate,
            false);
    sourceMap.put(ref.location(), "tables", table, "foreignKeys", fk.key());
    return fk;
  }

  /** The database generates a value in exactly one way, or takes the default, never two. */
  private static void checkExclusive(
      PropertyReader r, boolean identity, boolean generated, boolean defaultValue) {
    String clash = null;
    if (identity && generated) {
      clash = "'identity' and 'generated'";
    } else if (identity && defaultValue) {
      clash = "'identity' and 'default'";
    } else if (generated && defaultValue) {
      clash = "'generated' and 'default'";
    }
    if (clash != null) {
      r.problems().add(r.location(), r.what() + " has both " + clash + "; keep one");
    }
  }
}
