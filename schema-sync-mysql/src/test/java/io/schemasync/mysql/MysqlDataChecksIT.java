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
  private record Conversion(String from, String to, List<String> values) {}

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

  @Test
  void aNarrowingCheckFindsExactlyTheValuesStrictModeRefuses() throws SQLException {
    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases()) {
      String db = dbs.create("checks");
      try (Connection c = MysqlTestServer.connect()) {
        c.setCatalog(db);
        try (Statement st = c.createStatement()) {
          st.execute("SET SESSION sql_mode = CONCAT(@@sql_mode, ',STRICT_ALL_TABLES')");
          for (Conversion conversion : CONVERSIONS) {
            String condition = DataChecks.outOfRange("`v`", conversion.from(), conversion.to());
            assertThat(condition).as(conversion.toString()).isNotNull();
            for (String value : conversion.values()) {
              String what = value + " from " + conversion.from() + " to " + conversion.to();
              st.execute("DROP TABLE IF EXISTS t");
              st.execute("CREATE TABLE t (v " + conversion.from() + ")");
              st.execute("INSERT INTO t VALUES (" + value + ")");
              boolean found;
              try (ResultSet rs = st.executeQuery("SELECT 1 FROM t WHERE " + condition)) {
                found = rs.next();
              }
              boolean refused;
              try {
                st.execute("ALTER TABLE t MODIFY v " + conversion.to());
                refused = false;
              } catch (SQLException e) {
                refused = true;
              }
              assertThat(found)
                  .as(what + " (refused by the server: " + refused + ")")
                  .isEqualTo(refused);
            }
          }
        }
      }
    }
  }
}
