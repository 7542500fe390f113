package io.schemasync.api.change;

import io.schemasync.api.model.PartitionOf;

/**
 * Makes a partition a table of its own ({@code DETACH PARTITION}): it keeps its rows, which no
 * longer appear in the parent. A partition that goes away entirely is a {@link DropTable} instead.
 */
public record DetachPartition(String tableName, PartitionOf partitionOf) implements SchemaChange {
  @Override
  public ObjectRef subject() {
    return ObjectRef.of(ObjectKind.TABLE, tableName);
  }

  @Override
  public String describe() {
    return "detach partition " + tableName + " from " + partitionOf.parent();
  }
}
