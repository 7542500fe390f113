package io.schemasync.api.change;

import io.schemasync.api.model.*;

/** Renames a table, as asked by an explicit renamedFrom hint in the target. */
public record RenameTable(String from, String to) implements SchemaChange {
  @Override
  public ObjectRef subject() {
    return ObjectRef.of(ObjectKind.TABLE, to);
  }

  @Override
  public String describe() {
    return "rename table " + from + " to " + to;
  }
}
