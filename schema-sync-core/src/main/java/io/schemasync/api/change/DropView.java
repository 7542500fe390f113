package io.schemasync.api.change;

import io.schemasync.api.model.*;

/**
 * Drops a view (views hold no data; they are dropped and recreated around changes they depend on).
 */
public record DropView(View view) implements SchemaChange {
  @Override
  public ObjectRef subject() {
    return ObjectRef.of(ObjectKind.VIEW, view.name());
  }

  @Override
  public String describe() {
    return "drop " + (view.materialized() ? "materialized view " : "view ") + view.name();
  }
}
