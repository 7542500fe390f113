package io.schemasync.api.change;

import io.schemasync.api.model.PartitionBy;

/**
 * A table whose partitioning differs from the target's: partitioned differently, partitioned where
 * the target has a plain table, or the other way round. The diff reports it so that drift shows; no
 * engine can make it in place, so planners refuse it rather than recreate the table.
 *
 * @param from the current partitioning, null for a plain table
 * @param to the target's partitioning, null for a plain table
 */
public record AlterPartitioning(String tableName, PartitionBy from, PartitionBy to)
    implements SchemaChange {
  @Override
  public ObjectRef subject() {
    return ObjectRef.of(ObjectKind.TABLE, tableName);
  }

  @Override
  public String describe() {
    return "change partitioning of table "
        + tableName
        + " from "
        + (from == null ? "none" : from.describe())
        + " to "
        + (to == null ? "none" : to.describe());
  }
}
