package io.schemasync.mysql;

import static io.schemasync.mysql.MysqlNames.quote;

import io.schemasync.api.UnableToExecuteStatementException;
import io.schemasync.api.change.AddConstraint;
import io.schemasync.api.change.AlterColumn;
import io.schemasync.api.change.CreateIndex;
import io.schemasync.api.change.SchemaChange;
import io.schemasync.api.model.CheckConstraint;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.IndexPart;
import io.schemasync.api.model.PrimaryKey;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.UniqueConstraint;
import io.schemasync.api.plan.MigrationPlan;
import io.schemasync.api.plan.MigrationStep;
import io.schemasync.internal.plan.RowQueries;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-only queries on a tenant's own tables that a dry run rehearsed without their rows (too big
 * to copy): for each step that would fail on rows — a unique key or primary key over duplicates or
 * NULLs, NOT NULL over NULLs, a foreign key or check some row breaks, a narrower string or integer
 * type some value does not fit — one query looks for such a row. A column changed to a type or
 * character set no such query covers (a date from text, a shorter ENUM, another character set) is
 * converted by the server itself: the column's values are copied into a temporary table that has
 * the new definition, which fails on the first value strict mode refuses, as the real run would.
 * Without them a dry run passes and the real run, which MySQL cannot roll back, fails half-way. A
 * check that cannot run (a column the plan renames first, an expression) is skipped and logged: the
 * checks are a help for big tables, not a second planner.
 */
final class DataChecks {
  private static final Logger LOG = LoggerFactory.getLogger(DataChecks.class);

  private DataChecks() {}

  /** What a dry run looks for in one table it could not copy. */
  private sealed interface Check permits RowQuery, ServerConversion {
    /** The table looked in. */
    String table();

    /**
     * What the table holds that the step would fail on, or null when it holds nothing of the kind
     * or the check could not run (logged).
     */
    String find(Connection c);
  }

  /** One query that finds a row the step would fail on, and what that row means. */
  private record RowQuery(String table, String sql, String finding) implements Check {
    @Override
    public String find(Connection c) {
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery(sql)) {
        return rs.next() ? finding : null;
      } catch (SQLException e) {
        LOG.info("data check skipped ({}): {}", e.getMessage(), sql);
        return null;
      }
    }
  }

  /** A column's values converted by the server to the column's new definition. */
  private record ServerConversion(String db, String table, String column, Column to)
      implements Check {
    @Override
    public String find(Connection c) {
      // the type and collation alone: a column that takes any value they take
      String refused = refusedConversion(c, db, table, column, MysqlDdl.typeOf(to));
      return refused == null
          ? null
          : "holds a value of "
              + column
              + " that "
              + to.type()
              + " cannot hold: "
              // the rest names the temporary table and its row number, which mean nothing here
              + refused.replaceFirst("^Data truncation: ", "").replaceFirst(" for column .*$", "");
    }
  }

  /**
   * Runs the checks of every step on the tables of {@code empty}, in the tenant's database.
   *
   * @throws UnableToExecuteStatementException naming the step, the table and what was found
   */
  static void run(
      Connection c, String tenant, MigrationPlan plan, SchemaSnapshot current, Set<String> empty) {
    if (empty.isEmpty()) {
      return;
    }
    for (MigrationStep step : plan.steps()) {
      for (SchemaChange change : step.changes()) {
        for (Check check : checks(change, tenant, current)) {
          String found = empty.contains(check.table()) ? check.find(c) : null;
          if (found != null) {
            throw new UnableToExecuteStatementException(
                tenant,
                MysqlRunner.dryRunStep(step, plan)
                    + " would fail on the tenant's rows: table "
                    + check.table()
                    + " (too big to copy into the rehearsal, so checked in place) "
                    + found
                    + " -- the tenant was not changed",
                null);
          }
        }
      }
    }
  }

  private static List<Check> checks(SchemaChange change, String db, SchemaSnapshot current) {
    List<Check> checks = new ArrayList<>();
    String table = change.table();
    String from = quote(db) + "." + quote(table);
    if (change instanceof AddConstraint add) {
      if (add.constraint() instanceof PrimaryKey pk) {
        checks.add(nulls(table, from, pk.columns()));
        checks.add(duplicates(table, from, pk.columns()));
      } else if (add.constraint() instanceof UniqueConstraint u) {
        checks.add(duplicates(table, from, u.columns()));
      } else if (add.constraint() instanceof CheckConstraint ck) {
        checks.add(
            where(
                table,
                from,
                "NOT (" + ck.expression() + ")",
                "holds a row that check " + ck.name() + " (" + ck.expression() + ") rejects"));
      } else if (add.constraint() instanceof ForeignKey fk
          && current.table(fk.referencedTable()).isPresent()) {
        checks.add(orphans(table, from, quote(db) + "." + quote(fk.referencedTable()), fk));
      }
    } else if (change instanceof CreateIndex create
        && create.index().unique()
        && create.index().where() == null) {
      checks.add(duplicates(table, from, create.index()));
    } else if (change instanceof AlterColumn alter) {
      // the column as the tenant's table names it now
      String column = alter.from().name();
      if (alter.from().nullable() && !alter.to().nullable()) {
        checks.add(nulls(table, from, List.of(column)));
      }
      String outOfRange =
          alter.typeChanged()
              ? outOfRange(quote(column), alter.from().type(), alter.to().type())
              : null;
      if (outOfRange != null) {
        checks.add(
            where(
                table,
                from,
                outOfRange,
                "holds a value of " + column + " that " + alter.to().type() + " cannot hold"));
      }
      boolean uncovered = alter.typeChanged() && outOfRange == null;
      if ((uncovered || alter.collationChanged()) && alter.to().generated() == null) {
        checks.add(new ServerConversion(db, table, column, alter.to()));
      }
    }
    return checks;
  }

  /** A check that looks for one row of {@code from} matching {@code condition}. */
  private static Check where(String table, String from, String condition, String finding) {
    return new RowQuery(
        table, "SELECT 1 FROM " + from + " WHERE " + condition + " LIMIT 1", finding);
  }

  /** The temporary table a conversion check copies a column's values into. */
  private static final String CONVERSION_TABLE = quote("schemasync_conversion_check");

  /**
   * What the server says when it refuses to convert a value of {@code column} of table {@code
   * table} of database {@code db} to {@code definition} (a type, and a collation where the column
   * has one), or null when it takes every value, or when the check cannot run (logged). The values
   * are copied, NULLs left out, into a temporary table with that definition and the table's default
   * collation (which a definition without one takes), in strict mode as the real run; under READ
   * COMMITTED, so that InnoDB reads the table without locking its rows.
   */
  static String refusedConversion(
      Connection c, String db, String table, String column, String definition) {
    String copy =
        "INSERT INTO "
            + CONVERSION_TABLE
            + " SELECT "
            + quote(column)
            + " FROM "
            + quote(db)
            + "."
            + quote(table)
            + " WHERE "
            + quote(column)
            + " IS NOT NULL";
    String refused = null;
    try (Statement st = c.createStatement()) {
      int isolation = c.getTransactionIsolation();
      st.execute("DROP TEMPORARY TABLE IF EXISTS " + CONVERSION_TABLE);
      // the column named as it is, so that the server's message names it
      st.execute(
          "CREATE TEMPORARY TABLE "
              + CONVERSION_TABLE
              + " ("
              + quote(column)
              + " "
              + definition
              + ")"
              + tableCollation(c, db, table));
      c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      try {
        st.executeUpdate(copy);
      } catch (SQLException e) {
        if (!refusesValue(e)) {
          throw e;
        }
        refused = e.getMessage();
      } finally {
        cleanUp(c, st, isolation);
      }
    } catch (SQLException e) {
      LOG.info("data check skipped ({}): {}", e.getMessage(), copy);
    }
    return refused;
  }

  /**
   * Puts the session's isolation back and drops the temporary table; a failure here is logged, so
   * that it neither hides what the copy found nor fails the dry run.
   */
  private static void cleanUp(Connection c, Statement st, int isolation) {
    try {
      c.setTransactionIsolation(isolation);
      st.execute("DROP TEMPORARY TABLE IF EXISTS " + CONVERSION_TABLE);
    } catch (SQLException e) {
      LOG.warn("could not clean up after a conversion check: {}", e.getMessage());
    }
  }

  /** The table option that gives a new table the default collation of the tenant's table. */
  private static String tableCollation(Connection c, String db, String table) throws SQLException {
    String collation = Sessions.tableProperty(c, db, table, "TABLE_COLLATION");
    return collation == null ? "" : " COLLATE = " + quote(collation);
  }

  /**
   * Errors strict mode raises for a value a column cannot take: data exceptions (SQLSTATE class 22)
   * and constraint violations (23: MariaDB's JSON is a text with a check), and the conversion
   * errors MySQL reports with another state (1265 data truncated, 1366 incorrect value).
   */
  private static boolean refusesValue(SQLException e) {
    String state = e.getSQLState();
    return (state != null && (state.startsWith("22") || state.startsWith("23")))
        || e.getErrorCode() == 1265
        || e.getErrorCode() == 1366;
  }

  private static final Pattern STRING = Pattern.compile("(?:var)?char\\((\\d+)\\)(?: .*)?");
  private static final Pattern INTEGER =
      Pattern.compile("(tinyint|smallint|mediumint|int|bigint)( unsigned)?");
  private static final Pattern DECIMAL =
      Pattern.compile(
          "(?:decimal|numeric|dec|fixed)(?:\\((\\d+)(?:,\\s*(\\d+))?\\))?( unsigned)?(?: zerofill)?");

  private static final Pattern STRING_SOURCE =
      Pattern.compile("(?:(?:var)?char\\(.*|(?:tiny|medium|long)?text(?: .*)?|enum\\(.*|set\\(.*)");

  /** What strict mode converts from a string to an integer: digits, a sign, spaces around. */
  private static final String INTEGER_TEXT = "'^[[:space:]]*[-+]?[0-9]+[[:space:]]*$'";

  /** What strict mode converts from a string to a decimal: a number, with an exponent or not. */
  private static final String DECIMAL_TEXT =
      "'^[[:space:]]*[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?[[:space:]]*$'";

  /**
   * A condition true for a value of {@code column} that strict mode refuses to convert from {@code
   * from} to {@code type}: too long for a string type, out of range for an integer type, too many
   * digits before the point for a decimal type once rounded to its scale (which MySQL does with a
   * note, not an error), and from a string type, text that is no such number; null for other types,
   * which the check leaves to the real run.
   */
  static String outOfRange(String column, String from, String type) {
    boolean fromString = STRING_SOURCE.matcher(from.toLowerCase(Locale.ROOT).strip()).matches();
    String t = type.toLowerCase(Locale.ROOT).strip();
    Matcher string = STRING.matcher(t);
    if (string.matches()) {
      return "CHAR_LENGTH(" + column + ") > " + string.group(1);
    }
    Matcher integer = INTEGER.matcher(t);
    if (integer.matches()) {
      int bits =
          switch (integer.group(1)) {
            case "tinyint" -> 8;
            case "smallint" -> 16;
            case "mediumint" -> 24;
            case "int" -> 32;
            default -> 64;
          };
      BigInteger span = BigInteger.TWO.pow(bits);
      BigInteger min = integer.group(2) != null ? BigInteger.ZERO : span.shiftRight(1).negate();
      BigInteger max =
          (integer.group(2) != null ? span : span.shiftRight(1)).subtract(BigInteger.ONE);
      return "("
          + (fromString ? column + " NOT REGEXP " + INTEGER_TEXT + " OR " : "")
          + column
          + " < "
          + min
          + " OR "
          + column
          + " > "
          + max
          + ")";
    }
    Matcher decimal = DECIMAL.matcher(t);
    if (decimal.matches()) {
      int precision = decimal.group(1) == null ? 10 : Integer.parseInt(decimal.group(1));
      int scale = decimal.group(2) == null ? 0 : Integer.parseInt(decimal.group(2));
      String rounded = "ROUND(" + column + ", " + scale + ")";
      return "("
          + (fromString ? column + " NOT REGEXP " + DECIMAL_TEXT + " OR " : "")
          + "ABS("
          + rounded
          + ") >= 1"
          + "0".repeat(precision - scale)
          + (decimal.group(3) != null ? " OR " + rounded + " < 0" : "")
          + ")";
    }
    return null;
  }

  private static Check nulls(String table, String from, List<String> columns) {
    return where(
        table,
        from,
        columns.stream()
            .map(column -> quote(column) + " IS NULL")
            .collect(Collectors.joining(" OR ")),
        "holds NULL in " + String.join(", ", columns));
  }

  /** Rows equal in every column, NULLs left out (they never collide in a MySQL unique key). */
  private static Check duplicates(String table, String from, List<String> columns) {
    return duplicateKeys(
        table, from, columns.stream().map(MysqlNames::quote).toList(), String.join(", ", columns));
  }

  /**
   * Rows with the same key under a unique index, as the index compares them: a column prefix by its
   * first characters ({@code LEFT}, under the column's collation, as the index does), a functional
   * key part by its expression.
   */
  private static Check duplicates(String table, String from, Index index) {
    List<String> keys = new ArrayList<>();
    List<String> named = new ArrayList<>();
    for (IndexPart part : index.parts()) {
      if (part.column() != null) {
        keys.add(quote(part.column()));
        named.add(part.column());
        continue;
      }
      Matcher prefix = MysqlDdl.PREFIX_PART.matcher(part.expression());
      keys.add(
          prefix.matches()
              ? "LEFT(" + quote(prefix.group(1).replace("``", "`")) + ", " + prefix.group(2) + ")"
              : "(" + part.expression() + ")");
      named.add(part.expression());
    }
    return duplicateKeys(table, from, keys, String.join(", ", named));
  }

  /** Rows equal in every key, NULLs left out; {@code named} says which keys, for the finding. */
  private static Check duplicateKeys(String table, String from, List<String> keys, String named) {
    return new RowQuery(
        table,
        RowQueries.duplicates(from, keys, null, true),
        "holds duplicates of (" + named + ")");
  }

  /** Rows whose key, all of it set, matches no row of the referenced table. */
  private static Check orphans(String table, String from, String referenced, ForeignKey fk) {
    return new RowQuery(
        table,
        RowQueries.orphans(from, referenced, fk, MysqlNames::quote),
        "holds rows that foreign key "
            + fk.name()
            + " finds no match for in "
            + fk.referencedTable());
  }
}
