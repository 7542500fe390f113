package io.schemasync.api.model;

import java.util.Objects;

/** A view. {@code definition} is the query ({@code SELECT ...}) as the dialect normalizes it. */
public record View(String name, String definition, boolean materialized) {
  public View {
    ModelSupport.name(name, "view");
    Objects.requireNonNull(definition, () -> "definition of view " + name);
  }
}
