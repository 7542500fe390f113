package io.schemasync.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A unique constraint over columns. {@code name} is null when the database keeps it unnamed.
 *
 * @param nullsNotDistinct whether two NULLs count as equal (PostgreSQL 15 {@code NULLS NOT
 *     DISTINCT}); false, the SQL default, lets any number of rows hold NULL
 */
public record UniqueConstraint(
    String name,
    List<String> columns,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean nullsNotDistinct)
    implements Constraint {
  public UniqueConstraint {
    name = ModelSupport.blankToNull(name);
    columns = ModelSupport.copy(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("unique constraint " + name + " has no columns");
    }
  }

  /** A unique constraint whose NULLs are distinct, as SQL has them by default. */
  public UniqueConstraint(String name, List<String> columns) {
    this(name, columns, false);
  }

  /** The same constraint under another name, or over renamed columns. */
  public UniqueConstraint with(String newName, List<String> newColumns) {
    return new UniqueConstraint(newName, newColumns, nullsNotDistinct);
  }

  @Override
  public String key() {
    return name != null ? name : "unique" + columns;
  }
}
