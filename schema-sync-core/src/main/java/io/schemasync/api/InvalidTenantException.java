package io.schemasync.api;

/** A tenant id that is malformed, unsafe for the engine, or names no existing tenant. */
public class InvalidTenantException extends SchemaSyncException {
  private static final long serialVersionUID = 1L;
  private final String tenantId;

  public InvalidTenantException(String tenantId, String reason) {
    super("invalid tenant '" + printable(tenantId) + "': " + reason);
    this.tenantId = tenantId;
  }

  public String tenantId() {
    return tenantId;
  }

  @Override
  public ErrorCategory category() {
    return ErrorCategory.INVALID_INPUT;
  }

  private static String printable(String id) {
    if (id == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder();
    id.codePoints()
        .limit(80)
        .forEach(
            cp -> {
              if (Character.isISOControl(cp)) {
                out.append(String.format("\\u%04x", cp));
              } else {
                out.appendCodePoint(cp);
              }
            });
    return id.length() > 80 ? out + "..." : out.toString();
  }
}
