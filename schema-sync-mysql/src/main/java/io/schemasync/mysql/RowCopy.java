package io.schemasync.mysql;

import static io.schemasync.mysql.MysqlNames.quote;

import io.schemasync.api.model.Column;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a tenant's rows into its scratch copy for a dry run, so that steps which fail on data (a
 * unique key over duplicates, NOT NULL over NULLs, a narrowing type) fail in the rehearsal and not
 * half-way through the real run, which MySQL cannot roll back. Tables above {@link #MAX_ROWS} (by
 * the catalog's estimate) are left empty to keep the rehearsal cheap; {@link DataChecks} then look
 * in them for the rows the plan's steps would fail on.
 */
final class RowCopy {
  static final long MAX_ROWS = 100_000;
  private static final Logger LOG = LoggerFactory.getLogger(RowCopy.class);

  private RowCopy() {}

  /**
   * Copies every table's rows from {@code source} into the connection's (scratch) database.
   *
   * @return the tables left empty, too big to copy
   */
  static Set<String> copy(Connection c, String source, SchemaSnapshot schema, ServerFlavor flavor)
      throws SQLException {
    String mode = Sessions.queryString(c, "SELECT @@SESSION.sql_mode");
    // MySQL 8 caches TABLE_ROWS for a day by default; a table that grew since would be copied.
    String expiry =
        flavor.mariaDb() || !flavor.atLeast(8, 0, 3)
            ? null
            : Sessions.queryString(c, "SELECT @@SESSION.information_schema_stats_expiry");
    // Rows the tenant already holds (zero dates of a legacy schema) must copy as they are.
    Sessions.execute(c, "SET SESSION sql_mode = ''");
    if (expiry != null) {
      Sessions.execute(c, "SET SESSION information_schema_stats_expiry = 0");
    }
    try {
      return copyTables(c, source, schema);
    } finally {
      Sessions.execute(c, "SET SESSION sql_mode = " + MysqlNames.literal(mode));
      if (expiry != null) {
        Sessions.execute(
            c, "SET SESSION information_schema_stats_expiry = " + Long.parseLong(expiry));
      }
    }
  }

  private static Set<String> copyTables(Connection c, String source, SchemaSnapshot schema)
      throws SQLException {
    Set<String> empty = new HashSet<>();
    for (Table t : schema.tables()) {
      long estimate = estimatedRows(c, source, t.name());
      if (estimate > MAX_ROWS) {
        LOG.info(
            "dry run of {}: table {} holds about {} rows; rehearsed without them, the steps"
                + " that could fail on them checked by queries",
            source,
            t.name(),
            estimate);
        empty.add(t.name());
        continue;
      }
      List<String> columns = new ArrayList<>();
      for (Column col : t.columns()) {
        if (col.generated() == null) {
          columns.add(quote(col.name()));
        }
      }
      String list = String.join(", ", columns);
      Sessions.execute(
          c,
          "INSERT INTO "
              + quote(t.name())
              + " ("
              + list
              + ") SELECT "
              + list
              + " FROM "
              + quote(source)
              + "."
              + quote(t.name()));
    }
    return empty;
  }

  private static long estimatedRows(Connection c, String schema, String table) throws SQLException {
    String rows = Sessions.tableProperty(c, schema, table, "TABLE_ROWS");
    return rows == null ? 0 : Long.parseLong(rows);
  }
}
