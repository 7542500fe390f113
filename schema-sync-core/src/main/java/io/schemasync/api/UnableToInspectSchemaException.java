package io.schemasync.api;

/** Reading a tenant's catalog failed. */
public class UnableToInspectSchemaException extends DatabaseException {
  private static final long serialVersionUID = 1L;

  public UnableToInspectSchemaException(String tenant, String message, Throwable cause) {
    super(tenant, message, cause);
  }

  public UnableToInspectSchemaException(String tenant, String message) {
    super(tenant, message, null);
  }
}
