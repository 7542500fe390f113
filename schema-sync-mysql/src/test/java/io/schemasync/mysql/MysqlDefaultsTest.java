package io.schemasync.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MysqlDefaultsTest {
  private static final ServerFlavor MARIA = ServerFlavor.MARIADB_10_11;
  private static final ServerFlavor MYSQL = ServerFlavor.MYSQL_8_0;

  @Test
  void mariaDbQuotedLiteralsAndMysqlUnquotedLiteralsReadTheSame() {
    assertThat(MysqlDefaults.fromCatalog("'it''s'", "", "varchar(10)", MARIA)).isEqualTo("'it''s'");
    assertThat(MysqlDefaults.fromCatalog("it's", "", "varchar(10)", MYSQL)).isEqualTo("'it''s'");
    assertThat(MysqlDefaults.fromCatalog("5", "", "int", MARIA)).isEqualTo("5");
    assertThat(MysqlDefaults.fromCatalog("5", "", "int", MYSQL)).isEqualTo("5");
    assertThat(MysqlDefaults.fromCatalog("5", "", "varchar(3)", MYSQL)).isEqualTo("'5'");
    assertThat(MysqlDefaults.fromCatalog("'2020-01-01 00:00:00'", "", "datetime", MARIA))
        .isEqualTo(MysqlDefaults.fromCatalog("2020-01-01 00:00:00", "", "datetime", MYSQL));
  }

  @Test
  void nullDefaultsAndTheStringNullAreTellApart() {
    assertThat(MysqlDefaults.fromCatalog("NULL", "", "int", MARIA)).isNull();
    assertThat(MysqlDefaults.fromCatalog(null, "", "int", MYSQL)).isNull();
    assertThat(MysqlDefaults.fromCatalog("'NULL'", "", "varchar(5)", MARIA)).isEqualTo("'NULL'");
    assertThat(MysqlDefaults.fromCatalog("NULL", "", "varchar(5)", MYSQL)).isEqualTo("'NULL'");
  }

  @Test
  void currentTimestampVariantsAndOnUpdateReadTheSame() {
    String maria =
        MysqlDefaults.fromCatalog(
            "current_timestamp(6)", "on update current_timestamp(6)", "timestamp(6)", MARIA);
    String mysql =
        MysqlDefaults.fromCatalog(
            "CURRENT_TIMESTAMP(6)",
            "DEFAULT_GENERATED on update CURRENT_TIMESTAMP(6)",
            "timestamp(6)",
            MYSQL);
    assertThat(maria)
        .isEqualTo(mysql)
        .isEqualTo("CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)");
    assertThat(MysqlDefaults.fromCatalog("current_timestamp()", "", "datetime", MARIA))
        .isEqualTo("CURRENT_TIMESTAMP");
    assertThat(MysqlDefaults.fromCatalog(null, "on update current_timestamp()", "timestamp", MARIA))
        .isEqualTo("NULL ON UPDATE CURRENT_TIMESTAMP");
    assertThat(MysqlDefaults.fromTarget("now()", "datetime")).isEqualTo("CURRENT_TIMESTAMP");
  }

  @Test
  void expressionDefaultsAreMarkedOnMysqlAndBareOnMariaDb() {
    assertThat(MysqlDefaults.fromCatalog("uuid()", "", "varchar(36)", MARIA)).isEqualTo("uuid()");
    assertThat(MysqlDefaults.fromCatalog("uuid()", "DEFAULT_GENERATED", "varchar(36)", MYSQL))
        .isEqualTo("uuid()");
    assertThat(MysqlDefaults.render("uuid()")).isEqualTo("DEFAULT (uuid())");
    assertThat(MysqlDefaults.render("'x'")).isEqualTo("DEFAULT 'x'");
    assertThat(MysqlDefaults.render("CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP"))
        .isEqualTo("DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP");
    assertThat(MysqlDefaults.render("' ON UPDATE x'")).isEqualTo("DEFAULT ' ON UPDATE x'");
  }

  @Test
  void targetBooleansBecomeNumbers() {
    assertThat(MysqlDefaults.fromTarget("true", "tinyint(1)")).isEqualTo("1");
    assertThat(MysqlDefaults.fromTarget("FALSE", "tinyint(1)")).isEqualTo("0");
    assertThat(MysqlDefaults.fromTarget("null", "int")).isNull();
    assertThat(MysqlDefaults.fromTarget("(uuid())", "char(36)")).isEqualTo("uuid()");
  }
}
