package io.schemasync.api.change;

import io.schemasync.api.model.*;

/** Creates a trigger on a table. */
public record CreateTrigger(String tableName, Trigger trigger) implements SchemaChange {
  @Override
  public ObjectRef subject() {
    return ObjectRef.in(ObjectKind.TRIGGER, tableName, trigger.name());
  }

  @Override
  public String describe() {
    return "create trigger " + trigger.name() + " on " + tableName;
  }
}
