package io.schemasync.api.model;

/** What a foreign key does when the referenced row is deleted or updated. */
public enum ReferentialAction {
  NO_ACTION("NO ACTION"),
  RESTRICT("RESTRICT"),
  CASCADE("CASCADE"),
  SET_NULL("SET NULL"),
  SET_DEFAULT("SET DEFAULT");

  private final String sql;

  ReferentialAction(String sql) {
    this.sql = sql;
  }

  /** The SQL spelling, e.g. {@code SET NULL}. */
  public String sql() {
    return sql;
  }

  /** Parses the SQL spelling or the enum name, case-insensitively, with space or underscore. */
  public static ReferentialAction parse(String text) {
    String normalized = text.trim().toUpperCase(java.util.Locale.ROOT).replace('_', ' ');
    for (ReferentialAction action : values()) {
      if (action.sql.equals(normalized)) {
        return action;
      }
    }
    throw new IllegalArgumentException(
        "unknown referential action '"
            + text
            + "'; expected one of NO ACTION, RESTRICT, CASCADE,"
            + " SET NULL, SET DEFAULT");
  }
}
