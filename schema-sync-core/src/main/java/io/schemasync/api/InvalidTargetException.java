package io.schemasync.api;

/**
 * The target schema is malformed or inconsistent: bad YAML/JSON, an unknown type, duplicate names,
 * a foreign key to a missing table or column. Names the file and line when known.
 */
public class InvalidTargetException extends SchemaSyncException {
  private static final long serialVersionUID = 1L;
  private final transient SourceLocation location;

  public InvalidTargetException(SourceLocation location, String message) {
    super(location == null ? message : location + ": " + message);
    this.location = location;
  }

  public InvalidTargetException(SourceLocation location, String message, Throwable cause) {
    super(location == null ? message : location + ": " + message, cause);
    this.location = location;
  }

  /** Where in the target the problem is; null when it has no single place. */
  public SourceLocation location() {
    return location;
  }

  @Override
  public ErrorCategory category() {
    return ErrorCategory.INVALID_INPUT;
  }
}
