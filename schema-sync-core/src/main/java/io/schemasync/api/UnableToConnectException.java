package io.schemasync.api;

/**
 * The database cannot be reached or refuses the connection. The URL in the message has its password
 * masked.
 */
public class UnableToConnectException extends DatabaseException {
  private static final long serialVersionUID = 1L;

  public UnableToConnectException(String tenant, String message, Throwable cause) {
    super(tenant, message, cause);
  }

  public UnableToConnectException(String tenant, String message) {
    super(tenant, message, null);
  }
}
