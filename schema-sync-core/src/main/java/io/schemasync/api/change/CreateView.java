package io.schemasync.api.change;

import io.schemasync.api.model.*;

/** Creates a view. */
public record CreateView(View view) implements SchemaChange {
  @Override
  public ObjectRef subject() {
    return ObjectRef.of(ObjectKind.VIEW, view.name());
  }

  @Override
  public String describe() {
    return "create " + (view.materialized() ? "materialized view " : "view ") + view.name();
  }
}
