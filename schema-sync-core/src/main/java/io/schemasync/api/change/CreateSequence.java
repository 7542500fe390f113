package io.schemasync.api.change;

import io.schemasync.api.model.*;

/** Creates a sequence. */
public record CreateSequence(Sequence sequence) implements SchemaChange {
  @Override
  public ObjectRef subject() {
    return ObjectRef.of(ObjectKind.SEQUENCE, sequence.name());
  }

  @Override
  public String describe() {
    return "create sequence " + sequence.name();
  }
}
