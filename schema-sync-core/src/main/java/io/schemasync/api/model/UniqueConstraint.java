package io.schemasync.api.model;

import java.util.List;

/** A unique constraint over columns. {@code name} is null when the database keeps it unnamed. */
public record UniqueConstraint(String name, List<String> columns) implements Constraint {
  public UniqueConstraint {
    name = ModelSupport.blankToNull(name);
    columns = ModelSupport.copy(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("unique constraint " + name + " has no columns");
    }
  }

  @Override
  public String key() {
    return name != null ? name : "unique" + columns;
  }
}
