package io.schemasync.api.model;

import java.util.List;

/** A table's primary key. {@code name} is null when the database keeps it unnamed. */
public record PrimaryKey(String name, List<String> columns) implements Constraint {
  public PrimaryKey {
    name = ModelSupport.blankToNull(name);
    columns = ModelSupport.copy(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("primary key " + name + " has no columns");
    }
  }

  @Override
  public String key() {
    return name != null ? name : "pk" + columns;
  }
}
