package io.schemasync.api.model;

import java.util.List;

/**
 * An index on a table.
 *
 * @param parts the indexed columns or expressions, in order
 * @param where the predicate of a partial index, null for a full index
 * @param method the access method (e.g. {@code gin}), null for the database's default
 * @param include non-key columns carried in the index (PostgreSQL {@code INCLUDE}), usually empty
 */
public record Index(
    String name,
    List<IndexPart> parts,
    boolean unique,
    String where,
    String method,
    List<String> include) {

  public Index {
    ModelSupport.name(name, "index");
    parts = ModelSupport.copy(parts);
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("index " + name + " has no columns or expressions");
    }
    where = ModelSupport.blankToNull(where);
    method = ModelSupport.blankToNull(method);
    include = ModelSupport.copy(include);
  }

  /** A plain index over columns. */
  public static Index on(String name, boolean unique, List<String> columns) {
    return new Index(
        name, columns.stream().map(IndexPart::column).toList(), unique, null, null, List.of());
  }

  /** The plain columns this index covers (expressions left out). */
  public List<String> columnNames() {
    return parts.stream().filter(p -> p.column() != null).map(IndexPart::column).toList();
  }
}
