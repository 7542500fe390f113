package io.schemasync.api;

import java.sql.SQLException;

/**
 * A failure reported by the database, wrapped once at the SPI boundary with the tenant and object
 * concerned; keeps the SQLState and vendor code of the underlying {@link SQLException}.
 */
public abstract class DatabaseException extends SchemaSyncException {
  private static final long serialVersionUID = 1L;
  private final String tenant;

  protected DatabaseException(String tenant, String message, Throwable cause) {
    super((tenant == null ? "" : "tenant " + tenant + ": ") + message + sqlDetail(cause), cause);
    this.tenant = tenant;
  }

  /** The tenant concerned, null when the failure concerns no single tenant. */
  public String tenant() {
    return tenant;
  }

  /** The SQLState of the database error, null when there is none. */
  public String sqlState() {
    return cause() == null ? null : cause().getSQLState();
  }

  /** The vendor error code, 0 when there is none. */
  public int vendorCode() {
    return cause() == null ? 0 : cause().getErrorCode();
  }

  private SQLException cause() {
    return getCause() instanceof SQLException sql ? sql : null;
  }

  @Override
  public ErrorCategory category() {
    return ErrorCategory.DATABASE;
  }

  private static String sqlDetail(Throwable cause) {
    if (cause instanceof SQLException sql) {
      return " ["
          + (sql.getSQLState() == null ? "" : "SQLState " + sql.getSQLState() + ", ")
          + "error "
          + sql.getErrorCode()
          + ": "
          + sql.getMessage()
          + "]";
    }
    return cause == null ? "" : " [" + cause + "]";
  }
}
