package io.schemasync.api.change;

import io.schemasync.api.model.*;

/**
 * Adds values to an enum type, keeping the existing ones in place (the only enum change that is not
 * breaking).
 */
public record AddEnumValues(EnumType from, EnumType to) implements SchemaChange {
  @Override
  public ObjectRef subject() {
    return ObjectRef.of(ObjectKind.ENUM, to.name());
  }

  @Override
  public String describe() {
    return "add values to enum type " + to.name();
  }
}
