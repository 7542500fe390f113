package io.schemasync.api.change;

import io.schemasync.api.model.*;

/** Changes a table's comment (null removes it). */
public record AlterTableComment(String tableName, String from, String to) implements SchemaChange {
  @Override
  public ObjectRef subject() {
    return ObjectRef.of(ObjectKind.TABLE, tableName);
  }

  @Override
  public String describe() {
    return "set comment of table " + tableName;
  }
}
