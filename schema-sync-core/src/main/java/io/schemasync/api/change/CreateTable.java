package io.schemasync.api.change;

import io.schemasync.api.model.*;

/**
 * Creates a table with its columns, primary key, unique and check constraints; foreign keys,
 * indexes and triggers come as their own changes.
 */
public record CreateTable(Table definition) implements SchemaChange {
  @Override
  public ObjectRef subject() {
    return ObjectRef.of(ObjectKind.TABLE, definition.name());
  }

  @Override
  public String describe() {
    return "create table " + definition.name();
  }
}
