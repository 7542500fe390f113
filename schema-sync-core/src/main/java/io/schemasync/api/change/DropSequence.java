package io.schemasync.api.change;

import io.schemasync.api.model.*;

/** Drops a sequence. */
public record DropSequence(Sequence sequence) implements SchemaChange {
  @Override
  public ObjectRef subject() {
    return ObjectRef.of(ObjectKind.SEQUENCE, sequence.name());
  }

  @Override
  public String describe() {
    return "drop sequence " + sequence.name();
  }
}
