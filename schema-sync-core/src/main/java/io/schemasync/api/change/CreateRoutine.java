package io.schemasync.api.change;

import io.schemasync.api.model.*;

/** Creates a function or procedure. */
public record CreateRoutine(Routine routine) implements SchemaChange {
  @Override
  public ObjectRef subject() {
    return ObjectRef.of(ObjectKind.ROUTINE, routine.key());
  }

  @Override
  public String describe() {
    return "create "
        + routine.kind().name().toLowerCase(java.util.Locale.ROOT)
        + " "
        + routine.key();
  }
}
