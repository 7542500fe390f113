package io.schemasync.api.model;

import java.util.List;
import java.util.Objects;

/** A check constraint: a boolean SQL expression every row must satisfy. */
public record CheckConstraint(String name, String expression) implements Constraint {
  public CheckConstraint {
    name = ModelSupport.blankToNull(name);
    Objects.requireNonNull(expression, "check expression");
  }

  @Override
  public String key() {
    return name != null ? name : "check(" + expression + ")";
  }

  @Override
  public List<String> columns() {
    return List.of();
  }
}
