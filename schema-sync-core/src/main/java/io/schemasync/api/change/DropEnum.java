package io.schemasync.api.change;

import io.schemasync.api.model.*;

/** Drops an enum type. */
public record DropEnum(EnumType type) implements SchemaChange {
  @Override
  public ObjectRef subject() {
    return ObjectRef.of(ObjectKind.ENUM, type.name());
  }

  @Override
  public String describe() {
    return "drop enum type " + type.name();
  }
}
