package io.schemasync.api;

/**
 * The root of every error schema-sync throws. Unchecked; the message says which tenant, object,
 * file and line are concerned and what to do next, and {@link #category()} tells a caller (or the
 * CLI's exit code) whether the input, a policy or the database was at fault.
 */
public abstract class SchemaSyncException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected SchemaSyncException(String message) {
    super(message);
  }

  protected SchemaSyncException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Whose fault the error is, which decides how callers react to it. */
  public abstract ErrorCategory category();

  /** The broad classes of failure; the CLI maps them to exit codes 2, 3 and 4. */
  public enum ErrorCategory {
    /** Bad input: a malformed target, an unknown type, a bad URL or tenant id. Nothing ran. */
    INVALID_INPUT,
    /** A safety policy refused the plan. Nothing ran. */
    POLICY,
    /** The database failed or refused: connection, lock, statement, verification. */
    DATABASE
  }
}
