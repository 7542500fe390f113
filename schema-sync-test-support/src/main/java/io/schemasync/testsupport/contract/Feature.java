package io.schemasync.testsupport.contract;

/** A case of the contract suite an engine may declare it cannot support, with its reason. */
public enum Feature {
  /** Indexes with a WHERE predicate. */
  PARTIAL_INDEXES,
  /** Index keys that are expressions rather than columns. */
  EXPRESSION_INDEXES,
  /** A dry run that really executes the plan inside a transaction that is rolled back. */
  TRANSACTIONAL_DRY_RUN,
  /** Names with quotes, semicolons, spaces and non-ASCII letters. */
  HOSTILE_NAMES,
  /**
   * Exclusion constraints ({@code EXCLUDE (email WITH =)}); an engine without them must refuse the
   * target naming the constraint.
   */
  EXCLUSION_CONSTRAINTS,
  /**
   * Unique keys under which NULLs are equal ({@code NULLS NOT DISTINCT}); an engine without them
   * must refuse the target naming the key.
   */
  NULLS_NOT_DISTINCT,
  /**
   * Partitioned tables and their partitions; an engine without them must refuse the target naming
   * the table.
   */
  PARTITIONING
}
