package io.schemasync.api.change;

import io.schemasync.api.model.*;

/** Changes a sequence's options. */
public record AlterSequence(Sequence from, Sequence to) implements SchemaChange {
  @Override
  public ObjectRef subject() {
    return ObjectRef.of(ObjectKind.SEQUENCE, to.name());
  }

  @Override
  public String describe() {
    return "alter sequence " + to.name();
  }
}
