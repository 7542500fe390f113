package io.schemasync.api.model;

/** One key of an index: exactly one of a column name or an SQL expression, and its sort order. */
public record IndexPart(String column, String expression, boolean descending) {
  public IndexPart {
    column = ModelSupport.blankToNull(column);
    expression = ModelSupport.blankToNull(expression);
    if ((column == null) == (expression == null)) {
      throw new IllegalArgumentException(
          "an index part names either a column or an expression, not both or neither");
    }
  }

  public static IndexPart column(String column) {
    return new IndexPart(column, null, false);
  }

  public static IndexPart expression(String expression) {
    return new IndexPart(null, expression, false);
  }
}
