package io.schemasync.internal.target;

import io.schemasync.api.model.Index;
import io.schemasync.api.model.IndexPart;
import io.schemasync.internal.target.LocatedNode.Scalar;
import io.schemasync.internal.target.LocatedNode.ScalarKind;
import java.util.ArrayList;
import java.util.List;

/** Reads one entry of a table's {@code indexes}. */
final class IndexReader {
  static final List<String> KEYS =
      List.of(
          "name",
          "columns",
          "unique",
          "where",
          "method",
          "include",
          "invisible",
          "nullsNotDistinct");
  private static final List<String> PART_KEYS = List.of("column", "expression", "order");

  private IndexReader() {}

  /** The index, or null when it is too broken to build (problem recorded). */
  static Located<Index> read(
      LocatedNode node, String table, int position, IdentifierRules rules, Problems problems) {
    String path = "tables." + table + ".indexes[" + position + "]";
    PropertyReader r =
        PropertyReader.of(
            node,
            "index " + (position + 1) + " of table " + IdentifierRules.show(table),
            path,
            problems);
    if (r == null) {
      return null;
    }
    String name = r.has("name") ? r.name("name", "index", rules) : null;
    if (name != null) {
      r =
          PropertyReader.of(
              node,
              "index " + IdentifierRules.show(name) + " of table " + IdentifierRules.show(table),
              "tables." + table + ".indexes." + name,
              problems);
    }
    r.allowOnly(KEYS);
    if (!r.has("columns")) {
      problems.add(r.location(), "missing 'columns' in " + r.what() + "; list the indexed columns");
      return null;
    }
    List<LocatedNode> elements = r.list("columns");
    List<IndexPart> parts = new ArrayList<>();
    for (LocatedNode element : elements) {
      IndexPart part = part(element, r);
      if (part != null) {
        parts.add(part);
      }
    }
    if (parts.isEmpty()) {
      if (elements.isEmpty() && r.value("columns") instanceof LocatedNode.ListNode) {
        problems.add(r.location("columns"), "'columns' of " + r.what() + " is empty");
      }
      return null;
    }
    String finalName = name != null ? name : IndexNames.generate(table, parts);
    boolean unique = r.bool("unique", false);
    String where = r.text("where");
    String method = r.string("method");
    List<String> include = r.strings("include");
    boolean invisible = r.bool("invisible", false);
    boolean nullsNotDistinct = r.bool("nullsNotDistinct", false);
    if (nullsNotDistinct && !unique) {
      problems.add(
          r.location("nullsNotDistinct"),
          r.what() + " is not unique, so 'nullsNotDistinct' means nothing; add 'unique: true'");
      return null;
    }
    Index index =
        problems.build(
            r.location(),
            () ->
                new Index(
                    finalName, parts, unique, where, method, include, invisible, nullsNotDistinct));
    return index == null ? null : new Located<>(index, r.location());
  }

  /** {@code email}, {@code {column: email, order: desc}} or {@code {expression: lower(email)}}. */
  static IndexPart part(LocatedNode element, PropertyReader index) {
    if (element instanceof Scalar s && s.kind() == ScalarKind.TEXT) {
      return IndexPart.column(s.text());
    }
    PropertyReader p =
        PropertyReader.of(
            element, "a column of " + index.what(), index.path() + ".columns", index.problems());
    if (p == null) {
      return null;
    }
    p.allowOnly(PART_KEYS);
    String column = p.string("column");
    String expression = p.text("expression");
    Boolean descending = p.choice("order", Vocabulary.ORDER_DESCENDING);
    if (p.has("column") == p.has("expression")) {
      index
          .problems()
          .add(
              p.location(),
              "a column of " + index.what() + " names either 'column' or 'expression'");
      return null;
    }
    if (column == null && expression == null) {
      return null;
    }
    return new IndexPart(column, expression, descending != null && descending);
  }
}
