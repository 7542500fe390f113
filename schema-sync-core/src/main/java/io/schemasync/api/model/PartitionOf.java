package io.schemasync.api.model;

import java.util.Objects;

/**
 * What makes a table a partition: its partitioned parent table and the bound of the rows it holds.
 * A partition has its parent's columns, and inherits the parent's keys, checks, foreign keys,
 * indexes and row triggers; its {@link Table} lists only what it declares itself.
 *
 * @param parent the partitioned table, in the same tenant
 * @param bound the bound as PostgreSQL prints it ({@code pg_get_expr(relpartbound)}): {@code FOR
 *     VALUES FROM ('2024-01-01') TO ('2025-01-01')}, {@code FOR VALUES IN ('eu')}, {@code FOR
 *     VALUES WITH (modulus 4, remainder 0)} or {@code DEFAULT}
 */
public record PartitionOf(String parent, String bound) {
  public PartitionOf {
    ModelSupport.name(parent, "parent table");
    Objects.requireNonNull(bound, "partition bound");
    bound = bound.strip();
    if (bound.isEmpty()) {
      throw new IllegalArgumentException("partition of " + parent + " needs a bound");
    }
  }

  /** True for the partition that takes the rows no other partition's bound covers. */
  public boolean isDefault() {
    return bound.equalsIgnoreCase("DEFAULT");
  }
}
