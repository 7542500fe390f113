package io.schemasync.api.change;

import io.schemasync.api.model.*;

/** Drops an index. */
public record DropIndex(String tableName, Index index) implements SchemaChange {
  @Override
  public ObjectRef subject() {
    return ObjectRef.in(ObjectKind.INDEX, tableName, index.name());
  }

  @Override
  public String describe() {
    return "drop index " + index.name() + " on " + tableName;
  }
}
