package io.schemasync.api;

/**
 * A migration statement failed; the message names the tenant, the step and the statement. The
 * tenant's transaction was rolled back where the engine allows.
 */
public class UnableToExecuteStatementException extends DatabaseException {
  private static final long serialVersionUID = 1L;

  public UnableToExecuteStatementException(String tenant, String message, Throwable cause) {
    super(tenant, message, cause);
  }

  public UnableToExecuteStatementException(String tenant, String message) {
    super(tenant, message, null);
  }
}
