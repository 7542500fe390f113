package io.schemasync.api.change;

import io.schemasync.api.model.Index;

/**
 * Makes an index invisible to the optimizer, or visible again, without rebuilding it: the index is
 * the same on both sides but for {@link Index#invisible()}.
 */
public record AlterIndexVisibility(String tableName, Index from, Index to) implements SchemaChange {
  @Override
  public ObjectRef subject() {
    return ObjectRef.in(ObjectKind.INDEX, tableName, to.name());
  }

  @Override
  public String describe() {
    return "make index "
        + to.name()
        + " on "
        + tableName
        + (to.invisible() ? " invisible" : " visible");
  }
}
