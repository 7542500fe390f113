package io.schemasync.api.change;

import io.schemasync.api.model.*;

/** Renames a column, as asked by an explicit renamedFrom hint in the target. */
public record RenameColumn(String tableName, String from, String to) implements SchemaChange {
  @Override
  public ObjectRef subject() {
    return ObjectRef.in(ObjectKind.COLUMN, tableName, to);
  }

  @Override
  public String describe() {
    return "rename column " + tableName + "." + from + " to " + to;
  }
}
