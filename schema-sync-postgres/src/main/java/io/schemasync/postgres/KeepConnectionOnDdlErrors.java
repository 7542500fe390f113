package io.schemasync.postgres;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Stops HikariCP from closing a connection on SQLState 0A000 (feature not supported), which it
 * treats as fatal for some drivers but PostgreSQL raises for ordinary DDL refusals such as altering
 * a column a generated column reads. Without it the real error is lost behind "this connection has
 * been closed".
 */
public final class KeepConnectionOnDdlErrors implements SQLExceptionOverride {
  @java.lang.Override
  public SQLExceptionOverride.Override adjudicate(SQLException e) {
    return "0A000".equals(e.getSQLState())
        ? SQLExceptionOverride.Override.DO_NOT_EVICT
        : SQLExceptionOverride.Override.CONTINUE_EVICT;
  }
}
