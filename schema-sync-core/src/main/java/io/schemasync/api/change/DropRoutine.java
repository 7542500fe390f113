package io.schemasync.api.change;

import io.schemasync.api.model.*;

/** Drops a function or procedure. */
public record DropRoutine(Routine routine) implements SchemaChange {
  @Override
  public ObjectRef subject() {
    return ObjectRef.of(ObjectKind.ROUTINE, routine.key());
  }

  @Override
  public String describe() {
    return "drop " + routine.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + routine.key();
  }
}
