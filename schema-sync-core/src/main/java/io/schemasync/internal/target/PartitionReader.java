package io.schemasync.internal.target;

import io.schemasync.api.model.IndexPart;
import io.schemasync.api.model.PartitionBy;
import io.schemasync.api.model.PartitionOf;
import java.util.ArrayList;
import java.util.List;

/** Reads a table's {@code partitionBy: {strategy, key}} and {@code partitionOf: {table, bound}}. */
final class PartitionReader {
  private static final List<String> BY_KEYS = List.of("strategy", "key");
  private static final List<String> OF_KEYS = List.of("table", "bound");

  private PartitionReader() {}

  /** {@code partitionBy: {strategy: range, key: [created_at]}}; null when absent or broken. */
  static PartitionBy partitionBy(PropertyReader table, String tableName, SourceMap sourceMap) {
    PropertyReader r = table.object("partitionBy", "partitioning of table " + tableName);
    if (r == null) {
      return null;
    }
    sourceMap.put(r.location(), "tables", tableName, "partitionBy");
    r.allowOnly(BY_KEYS);
    PartitionBy.Strategy strategy =
        r.has("strategy")
            ? r.choice("strategy", Vocabulary.PARTITION_STRATEGY)
            : missing(r, "strategy", "range, list or hash");
    if (!r.has("key")) {
      missing(r, "key", "the partition key's columns, e.g. key: [created_at]");
      return null;
    }
    List<IndexPart> key = new ArrayList<>();
    boolean broken = false;
    for (LocatedNode element : r.list("key")) {
      IndexPart part = IndexReader.part(element, r);
      if (part != null && part.descending()) {
        r.problems()
            .add(element.at(r.path() + ".key"), "a partition key of " + r.what() + " has no order");
        part = null;
      }
      broken |= part == null;
      if (part != null) {
        key.add(part);
      }
    }
    if (key.isEmpty() && !broken && r.value("key") instanceof LocatedNode.ListNode) {
      r.problems().add(r.location("key"), "'key' of " + r.what() + " is empty");
    }
    if (strategy == null || broken || key.isEmpty()) {
      return null;
    }
    if (strategy == PartitionBy.Strategy.LIST && key.size() > 1) {
      r.problems()
          .add(
              r.location("key"),
              r.what() + " is by list over " + key.size() + " keys; list partitioning takes one");
      return null;
    }
    return new PartitionBy(strategy, key);
  }

  /** {@code partitionOf: {table: events, bound: "FOR VALUES IN ('eu')"}}; null when absent. */
  static PartitionOf partitionOf(PropertyReader table, String tableName, SourceMap sourceMap) {
    PropertyReader r = table.object("partitionOf", "partition bound of table " + tableName);
    if (r == null) {
      return null;
    }
    sourceMap.put(r.location(), "tables", tableName, "partitionOf");
    r.allowOnly(OF_KEYS);
    String parent = r.requiredString("table");
    String bound = r.has("bound") ? r.text("bound") : null;
    if (!r.has("bound")) {
      missing(
          r,
          "bound",
          "DEFAULT or FOR VALUES ... as in CREATE TABLE ... PARTITION OF, e.g."
              + " \"FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')\"");
    } else if (bound != null && bound.isBlank()) {
      r.problems().add(r.location("bound"), "'bound' of " + r.what() + " is empty");
      bound = null;
    }
    return parent == null || bound == null ? null : new PartitionOf(parent, bound);
  }

  private static <T> T missing(PropertyReader r, String key, String expected) {
    r.problems().add(r.location(), "missing '" + key + "' in " + r.what() + "; give " + expected);
    return null;
  }
}
