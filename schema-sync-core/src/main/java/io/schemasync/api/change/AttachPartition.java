package io.schemasync.api.change;

import io.schemasync.api.model.PartitionOf;

/**
 * Makes an existing table a partition of a partitioned table ({@code ATTACH PARTITION}); its rows
 * must all lie inside the bound. A new partition is a {@link CreateTable} instead.
 */
public record AttachPartition(String tableName, PartitionOf partitionOf) implements SchemaChange {
  @Override
  public ObjectRef subject() {
    return ObjectRef.of(ObjectKind.TABLE, tableName);
  }

  @Override
  public String describe() {
    return "attach table "
        + tableName
        + " to "
        + partitionOf.parent()
        + " as partition "
        + partitionOf.bound();
  }
}
