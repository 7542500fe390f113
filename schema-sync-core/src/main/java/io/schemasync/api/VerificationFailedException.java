package io.schemasync.api;

/**
 * After execution the tenant's schema still differs from the target; the message holds the
 * remaining diff.
 */
public class VerificationFailedException extends DatabaseException {
  private static final long serialVersionUID = 1L;

  public VerificationFailedException(String tenant, String message, Throwable cause) {
    super(tenant, message, cause);
  }

  public VerificationFailedException(String tenant, String message) {
    super(tenant, message, null);
  }
}
