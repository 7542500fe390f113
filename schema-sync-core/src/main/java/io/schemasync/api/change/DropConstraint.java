package io.schemasync.api.change;

import io.schemasync.api.model.*;

/** Drops a constraint from a table. */
public record DropConstraint(String tableName, Constraint constraint) implements SchemaChange {
  @Override
  public ObjectRef subject() {
    return ObjectRef.in(ConstraintKinds.kindOf(constraint), tableName, constraint.key());
  }

  @Override
  public String describe() {
    return "drop "
        + ConstraintKinds.kindOf(constraint).label()
        + " "
        + constraint.key()
        + " on "
        + tableName;
  }
}
