package io.schemasync.api;

/** Another process holds the tenant's migration lock and did not release it within the timeout. */
public class UnableToAcquireLockException extends DatabaseException {
  private static final long serialVersionUID = 1L;

  public UnableToAcquireLockException(String tenant, String message, Throwable cause) {
    super(tenant, message, cause);
  }

  public UnableToAcquireLockException(String tenant, String message) {
    super(tenant, message, null);
  }
}
