package io.schemasync.api.change;

import io.schemasync.api.model.CheckConstraint;
import io.schemasync.api.model.Constraint;
import io.schemasync.api.model.ExclusionConstraint;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.PrimaryKey;
import io.schemasync.api.model.UniqueConstraint;

/** Maps a constraint to the object kind that names it in messages. */
public final class ConstraintKinds {
  private ConstraintKinds() {}

  public static ObjectKind kindOf(Constraint constraint) {
    if (constraint instanceof PrimaryKey) {
      return ObjectKind.PRIMARY_KEY;
    } else if (constraint instanceof UniqueConstraint) {
      return ObjectKind.UNIQUE;
    } else if (constraint instanceof CheckConstraint) {
      return ObjectKind.CHECK;
    } else if (constraint instanceof ForeignKey) {
      return ObjectKind.FOREIGN_KEY;
    } else if (constraint instanceof ExclusionConstraint) {
      return ObjectKind.EXCLUSION;
    }
    throw new IllegalArgumentException("unknown constraint " + constraint);
  }
}
