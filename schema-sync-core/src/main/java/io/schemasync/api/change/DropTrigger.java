package io.schemasync.api.change;

import io.schemasync.api.model.*;

/** Drops a trigger. */
public record DropTrigger(String tableName, Trigger trigger) implements SchemaChange {
  @Override
  public ObjectRef subject() {
    return ObjectRef.in(ObjectKind.TRIGGER, tableName, trigger.name());
  }

  @Override
  public String describe() {
    return "drop trigger " + trigger.name() + " on " + tableName;
  }
}
