package io.schemasync.api.model;

import java.util.List;

/** A table constraint; the closed set of kinds the model knows. */
public sealed interface Constraint
    permits PrimaryKey, UniqueConstraint, CheckConstraint, ForeignKey, ExclusionConstraint {

  /** The constraint's name, or null when the database keeps it unnamed (SQLite does). */
  String name();

  /**
   * What identifies this constraint within its table: its name, or for an unnamed one a signature
   * of its content, so unnamed constraints still match one to one across snapshots.
   */
  String key();

  /** The columns the constraint covers, empty for a check; an exclusion's plain columns. */
  List<String> columns();
}
