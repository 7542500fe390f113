package io.schemasync.api.plan;

/** How dangerous a migration step is, from harmless to data-destroying; ordered by severity. */
public enum Safety {
  /** Changes metadata only or adds something nobody depends on yet. */
  SAFE,
  /** Correct, but takes a lock or rewrites/scans the table long enough to stall traffic. */
  LOCKING,
  /**
   * Can fail on existing data or break running code: narrowing a type, SET NOT NULL, a new unique
   * or check constraint over rows that may violate it.
   */
  BREAKING,
  /** Destroys data: drops a table or column, or a type change that loses values. */
  DESTRUCTIVE;

  public Safety max(Safety other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
