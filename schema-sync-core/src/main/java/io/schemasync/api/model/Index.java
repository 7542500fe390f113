package io.schemasync.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An index on a table.
 *
 * @param parts the indexed columns or expressions, in order
 * @param where the predicate of a partial index, null for a full index
 * @param method the access method (e.g. {@code gin}), null for the database's default
 * @param include non-key columns carried in the index (PostgreSQL {@code INCLUDE}), usually empty
 * @param invisible whether the optimizer must not use the index although it is kept up to date
 *     (MySQL's {@code INVISIBLE}, MariaDB's {@code IGNORED}); false for a normal index
 * @param nullsNotDistinct for a unique index, whether two NULLs count as equal (PostgreSQL 15
 *     {@code NULLS NOT DISTINCT}); false, the SQL default, lets any number of rows hold NULL
 */
public record Index(
    String name,
    List<IndexPart> parts,
    boolean unique,
    String where,
    String method,
    List<String> include,
    // Left out of the JSON when false, so snapshots of engines without the notion keep their hash.
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean invisible,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean nullsNotDistinct) {

  public Index {
    ModelSupport.name(name, "index");
    parts = ModelSupport.copy(parts);
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("index " + name + " has no columns or expressions");
    }
    where = ModelSupport.blankToNull(where);
    method = ModelSupport.blankToNull(method);
    include = ModelSupport.copy(include);
    if (nullsNotDistinct && !unique) {
      throw new IllegalArgumentException(
          "index " + name + " is not unique, so NULLS NOT DISTINCT means nothing for it");
    }
  }

  /** A visible index whose NULLs are distinct, as SQL has them by default. */
  public Index(
      String name,
      List<IndexPart> parts,
      boolean unique,
      String where,
      String method,
      List<String> include) {
    this(name, parts, unique, where, method, include, false, false);
  }

  /** A plain index over columns. */
  public static Index on(String name, boolean unique, List<String> columns) {
    return new Index(
        name, columns.stream().map(IndexPart::column).toList(), unique, null, null, List.of());
  }

  /** The same index with other keys, e.g. after a column rename. */
  public Index withParts(List<IndexPart> newParts, List<String> newInclude) {
    return new Index(
        name, newParts, unique, where, method, newInclude, invisible, nullsNotDistinct);
  }

  /** The same index with another access method (null for the default). */
  public Index withMethod(String newMethod) {
    return new Index(name, parts, unique, where, newMethod, include, invisible, nullsNotDistinct);
  }

  /** The same index, visible to the optimizer or not. */
  public Index withInvisible(boolean newInvisible) {
    return new Index(name, parts, unique, where, method, include, newInvisible, nullsNotDistinct);
  }

  /** The plain columns this index covers (expressions left out). */
  public List<String> columnNames() {
    return parts.stream().filter(p -> p.column() != null).map(IndexPart::column).toList();
  }
}
