package io.schemasync.mysql;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Stops HikariCP from closing a connection on SQLState 0A000 (feature not supported), which it
 * treats as fatal but MySQL and MariaDB raise for ordinary DDL refusals, such as an {@code
 * ALGORITHM} the server cannot use for a statement (errno 1846). Without it the step's journal
 * entry cannot be closed on that connection, and the real error is lost behind "Connection is
 * closed".
 */
public final class KeepConnectionOnDdlErrors implements SQLExceptionOverride {
  @java.lang.Override
  public SQLExceptionOverride.Override adjudicate(SQLException e) {
    return "0A000".equals(e.getSQLState())
        ? SQLExceptionOverride.Override.DO_NOT_EVICT
        : SQLExceptionOverride.Override.CONTINUE_EVICT;
  }
}
