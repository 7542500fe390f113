package io.schemasync.api.model;

import java.util.Objects;

/**
 * One element of an exclusion constraint: a column or an expression, and the operator two rows'
 * values must not both satisfy (e.g. {@code room WITH =}, {@code during WITH &&}).
 *
 * @param operator the operator as PostgreSQL prints it: {@code =}, {@code &&}, or {@code
 *     OPERATOR(schema.op)} for one outside pg_catalog
 */
public record ExclusionElement(String column, String expression, String operator) {
  public ExclusionElement {
    column = ModelSupport.blankToNull(column);
    expression = ModelSupport.blankToNull(expression);
    if ((column == null) == (expression == null)) {
      throw new IllegalArgumentException(
          "an exclusion element names either a column or an expression, not both or neither");
    }
    Objects.requireNonNull(operator, "exclusion operator");
    if (operator.isBlank()) {
      throw new IllegalArgumentException("an exclusion element needs an operator");
    }
  }

  /** {@code column WITH operator}. */
  public static ExclusionElement column(String column, String operator) {
    return new ExclusionElement(column, null, operator);
  }
}
