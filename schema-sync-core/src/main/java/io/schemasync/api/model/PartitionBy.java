package io.schemasync.api.model;

import java.util.List;
import java.util.Objects;

/**
 * How a partitioned table splits its rows among its partitions: {@code PARTITION BY RANGE (a)},
 * {@code LIST (region)}, {@code HASH (id)}. The partitions are tables of their own, each with a
 * {@link PartitionOf}.
 *
 * @param key the partition key: columns or expressions, in order (never descending)
 */
public record PartitionBy(Strategy strategy, List<IndexPart> key) {
  /** The partitioning strategies. */
  public enum Strategy {
    RANGE,
    LIST,
    HASH
  }

  public PartitionBy {
    Objects.requireNonNull(strategy, "partition strategy");
    key = ModelSupport.copy(key);
    if (key.isEmpty()) {
      throw new IllegalArgumentException("a partition key needs at least one column");
    }
    if (key.stream().anyMatch(IndexPart::descending)) {
      throw new IllegalArgumentException("a partition key has no sort order");
    }
  }

  /** {@code RANGE (a, (lower(b)))}: the strategy and the key, as in a message. */
  public String describe() {
    StringBuilder out = new StringBuilder(strategy.name()).append(" (");
    for (int i = 0; i < key.size(); i++) {
      IndexPart part = key.get(i);
      out.append(i == 0 ? "" : ", ")
          .append(part.column() != null ? part.column() : "(" + part.expression() + ")");
    }
    return out.append(')').toString();
  }
}
