package io.schemasync.api.change;

import io.schemasync.api.model.*;

/** Drops a column and its data. */
public record DropColumn(String tableName, Column column) implements SchemaChange {
  @Override
  public ObjectRef subject() {
    return ObjectRef.in(ObjectKind.COLUMN, tableName, column.name());
  }

  @Override
  public String describe() {
    return "drop column " + tableName + "." + column.name();
  }
}
