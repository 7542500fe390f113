package io.schemasync.api.change;

import io.schemasync.api.model.*;

/** Creates an index. */
public record CreateIndex(String tableName, Index index) implements SchemaChange {
  @Override
  public ObjectRef subject() {
    return ObjectRef.in(ObjectKind.INDEX, tableName, index.name());
  }

  @Override
  public String describe() {
    return "create index " + index.name() + " on " + tableName;
  }
}
