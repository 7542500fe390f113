package io.schemasync.api;

/**
 * The tenant's schema changed between planning and execution, so the plan no longer applies; plan
 * again.
 */
public class ConcurrentChangeException extends DatabaseException {
  private static final long serialVersionUID = 1L;

  public ConcurrentChangeException(String tenant, String message, Throwable cause) {
    super(tenant, message, cause);
  }

  public ConcurrentChangeException(String tenant, String message) {
    super(tenant, message, null);
  }
}
