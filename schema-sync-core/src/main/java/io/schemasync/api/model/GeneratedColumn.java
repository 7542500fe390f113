package io.schemasync.api.model;

import java.util.Objects;

/** The expression of a computed column, and whether its value is stored or computed on read. */
public record GeneratedColumn(String expression, boolean stored) {
  public GeneratedColumn {
    Objects.requireNonNull(expression, "generated column expression");
  }
}
