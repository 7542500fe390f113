package io.schemasync.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The conditions a dry run uses on tables too big to copy find exactly the values the server's
 * strict mode refuses to convert: each value is tried both ways, by the condition and by the real
 * {@code ALTER TABLE}, so that a server that converts differently shows here.
 */
class MysqlDataChecksIT {
  private record Conversion(String from, String to, List<String> values, String tableOptions) {
    Conversion(String from, String to, List<String> values) {
      this(from, to, values, "");
    }
  }

  private static final List<Conversion> CONVERSIONS =
      List.of(
          new Conversion(
              "varchar(20)",
              "int",
              List.of(
                  "'12'",
                  "' 12'",
                  "'12 '",
                  "'+7'",
                  "'-0'",
                  "'  -3  '",
                  "'12.5'",
                  "'12.0'",
                  "'1e3'",
                  "''",
                  "'0x1A'",
                  "'1,000'",
                  "'abc'",
                  "'2147483647'",
                  "'2147483648'")),
          new Conversion(
              "text",
              "decimal(6,2)",
              List.of(
                  "'12.345'",
                  "'1e2'",
                  "' 5.5 '",
                  "'.5'",
                  "'7.'",
                  "'-1e-2'",
                  "'abc'",
                  "''",
                  "'9999.99'",
                  "'9999.995'",
                  "'10000'",
                  "'1e5'")),
          new Conversion("bigint", "smallint", List.of("32767", "32768", "-32768", "-32769", "0")),
          new Conversion(
              "decimal(8,3)", "decimal(5,2)", List.of("999.994", "999.996", "-999.99", "1000")),
          new Conversion("varchar(20)", "varchar(3)", List.of("'abc'", "'abcd'", "'é€a'")));

  /**
   * Conversions no condition covers: the check copies the values into a column of the new
   * definition, and must be refused exactly where the server's ALTER TABLE is.
   */
  private static final List<Conversion> SERVER_CONVERSIONS =
      List.of(
          new Conversion(
              "varchar(30)",
              "date",
              List.of(
                  "'2020-01-31'",
                  "'2020-1-5'",
                  "'20200131'",
                  "'2020/01/31'",
                  "'2020-02-30'",
                  "'2020-13-01'",
                  "'2020-01-01x'",
                  "'2020-01-01 10:11:12'",
                  "'0000-00-00'",
                  "'abc'",
                  "''")),
          new Conversion(
              "text",
              "datetime",
              List.of(
                  "'2020-01-31 10:11:12'",
                  "'2020-01-31T10:11:12'",
                  "'2020-01-31'",
                  "'2020-01-31 25:00:00'",
                  "'2020-01-31 10:11:12.5'",
                  "'yesterday'")),
          new Conversion(
              "datetime(3)", "date", List.of("'2020-01-31 10:11:12.345'", "'2020-01-31 00:00:00'")),
          new Conversion(
              "varchar(20)", "time", List.of("'10:11:12'", "'838:59:59'", "'839:00:00'", "'x'")),
          new Conversion("enum('a','b','c')", "enum('a','b')", List.of("'a'", "'b'", "'c'")),
          new Conversion("varchar(5)", "enum('a','b')", List.of("'a'", "'B'", "'z'", "''")),
          new Conversion("varchar(5)", "year", List.of("'2020'", "'99'", "'1900'", "'x'")),
          new Conversion("varbinary(10)", "varbinary(3)", List.of("'abc'", "'abcd'")),
          new Conversion("double", "float", List.of("1.5", "3.5e38", "-1e39")),
          new Conversion(
              "varchar(10) CHARACTER SET utf8mb4",
              "varchar(10) CHARACTER SET latin1",
              List.of("'abc'", "'é'", "'€'", "'日本'")),
          // no character set in the new definition: it takes the table's, latin1
          new Conversion(
              "text CHARACTER SET utf8mb4",
              "varchar(10)",
              List.of("'abc'", "'日本'"),
              " DEFAULT CHARSET = latin1"),
          new Conversion("text", "json", List.of("'{\"a\": 1}'", "'[1, 2]'", "'{a: 1}'")));

  @Test
  void aServerConversionIsRefusedExactlyWhereTheServersAlterTableIs() throws SQLException {
    tryEachValue(
        "conversions",
        SERVER_CONVERSIONS,
        (c, db, conversion) -> DataChecks.refusedConversion(c, db, "t", "v", conversion.to()));
  }

  @Test
  void aNarrowingCheckFindsExactlyTheValuesStrictModeRefuses() throws SQLException {
    tryEachValue(
        "checks",
        CONVERSIONS,
        (c, db, conversion) -> {
          String condition = DataChecks.outOfRange("`v`", conversion.from(), conversion.to());
          assertThat(condition).as(conversion.toString()).isNotNull();
          try (Statement st = c.createStatement();
              ResultSet rs = st.executeQuery("SELECT 1 FROM t WHERE " + condition)) {
            return rs.next() ? "found by " + condition : null;
          }
        });
  }

  /** How a check finds a value of column {@code v} of table {@code t}: what it found, or null. */
  @FunctionalInterface
  private interface Finder {
    String find(Connection c, String db, Conversion conversion) throws SQLException;
  }

  /**
   * Puts each value alone in a table of the conversion's type, asks the finder, then the server's
   * own {@code ALTER TABLE} in strict mode: the finder must find the value exactly when the server
   * refuses it, and both must happen among the values, or a check that finds nothing (or
   * everything) would pass.
   */
  private static void tryEachValue(String name, List<Conversion> conversions, Finder finder)
      throws SQLException {
    int refusals = 0;
    int values = 0;
    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases()) {
      String db = dbs.create(name);
      try (Connection c = MysqlTestServer.connect()) {
        c.setCatalog(db);
        try (Statement st = c.createStatement()) {
          st.execute("SET SESSION sql_mode = CONCAT(@@sql_mode, ',STRICT_ALL_TABLES')");
          for (Conversion conversion : conversions) {
            for (String value : conversion.values()) {
              st.execute("DROP TABLE IF EXISTS t");
              st.execute(
                  "CREATE TABLE t (v " + conversion.from() + ")" + conversion.tableOptions());
              st.execute("INSERT INTO t VALUES (" + value + ")");
              String found = finder.find(c, db, conversion);
              String refused;
              try {
                st.execute("ALTER TABLE t MODIFY v " + conversion.to());
                refused = null;
              } catch (SQLException e) {
                refused = e.getMessage();
              }
              assertThat(found != null)
                  .as(
                      value
                          + " from "
                          + conversion.from()
                          + " to "
                          + conversion.to()
                          + " (found: "
                          + found
                          + "; the server's ALTER TABLE: "
                          + refused
                          + ")")
                  .isEqualTo(refused != null);
              refusals += refused == null ? 0 : 1;
              values++;
            }
          }
        }
      }
    }
    assertThat(refusals).isBetween(1, values - 1);
  }
}
