package io.schemasync.api.change;

import io.schemasync.api.model.*;

/** Drops a table and everything in it. */
public record DropTable(Table definition) implements SchemaChange {
  @Override
  public ObjectRef subject() {
    return ObjectRef.of(ObjectKind.TABLE, definition.name());
  }

  @Override
  public String describe() {
    return "drop table " + definition.name();
  }
}
