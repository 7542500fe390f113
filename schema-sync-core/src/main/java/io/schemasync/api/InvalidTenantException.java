package io.schemasync.api;

import io.schemasync.internal.SafeText;

/** A tenant id that is malformed, unsafe for the engine, or names no existing tenant. */
public class InvalidTenantException extends SchemaSyncException {
  private static final long serialVersionUID = 1L;
  private final String tenantId;

  public InvalidTenantException(String tenantId, String reason) {
    super("invalid tenant '" + SafeText.show(tenantId) + "': " + reason);
    this.tenantId = tenantId;
  }

  public String tenantId() {
    return tenantId;
  }

  @Override
  public ErrorCategory category() {
    return ErrorCategory.INVALID_INPUT;
  }
}
