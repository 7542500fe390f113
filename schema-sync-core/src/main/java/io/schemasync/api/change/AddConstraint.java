package io.schemasync.api.change;

import io.schemasync.api.model.*;

/** Adds a primary key, unique, check or foreign-key constraint to an existing table. */
public record AddConstraint(String tableName, Constraint constraint) implements SchemaChange {
  @Override
  public ObjectRef subject() {
    return ObjectRef.in(ConstraintKinds.kindOf(constraint), tableName, constraint.key());
  }

  @Override
  public String describe() {
    return "add "
        + ConstraintKinds.kindOf(constraint).label()
        + " "
        + constraint.key()
        + " on "
        + tableName;
  }
}
