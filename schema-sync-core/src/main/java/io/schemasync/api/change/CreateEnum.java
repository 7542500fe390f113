package io.schemasync.api.change;

import io.schemasync.api.model.*;

/** Creates an enum type. */
public record CreateEnum(EnumType type) implements SchemaChange {
  @Override
  public ObjectRef subject() {
    return ObjectRef.of(ObjectKind.ENUM, type.name());
  }

  @Override
  public String describe() {
    return "create enum type " + type.name();
  }
}
