package io.schemasync.api.change;

import io.schemasync.api.model.*;

/** Adds a column to an existing table. */
public record AddColumn(String tableName, Column column) implements SchemaChange {
  @Override
  public ObjectRef subject() {
    return ObjectRef.in(ObjectKind.COLUMN, tableName, column.name());
  }

  @Override
  public String describe() {
    return "add column " + tableName + "." + column.name();
  }
}
