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

  @Test
  void mysql8ExpressionDefaultsComeEscapedWithAnIntroducerAndReadAsPlainLiterals() {
    // DEFAULT ('it''s') on a text column: information_schema escapes the printed expression.
    assertThat(
            MysqlDefaults.fromCatalog(
                "_utf8mb4\\'it\\\\\\'s\\'", "DEFAULT_GENERATED", "longtext", MYSQL))
        .isEqualTo("'it''s'");
    // A backslash in the value: doubled by the printer, doubled again by the escaping.
    assertThat(
            MysqlDefaults.fromCatalog(
                "_utf8mb4\\'a\\\\\\\\b\\'", "DEFAULT_GENERATED", "longtext", MYSQL))
        .isEqualTo("'a\\\\b'")
        .isEqualTo(MysqlDefaults.fromCatalog("'a\\\\b'", "", "longtext", MARIA))
        .isEqualTo(MysqlDefaults.fromCatalog("a\\b", "", "varchar(5)", MYSQL));
    assertThat(MysqlDefaults.fromCatalog("_latin1\\'{}\\'", "DEFAULT_GENERATED", "json", MYSQL))
        .isEqualTo("'{}'");
    assertThat(MysqlDefaults.fromCatalog("7", "DEFAULT_GENERATED", "int", MYSQL)).isEqualTo("7");
    assertThat(MysqlDefaults.fromCatalog("(rand() + rand())", "DEFAULT_GENERATED", "double", MYSQL))
        .isEqualTo("rand() + rand()")
        .isEqualTo(MysqlDefaults.fromTarget("(rand() + rand())", "double"));
    assertThat(
            MysqlDefaults.fromCatalog(
                "concat(_utf8mb4\\'a\\',`x`)", "DEFAULT_GENERATED", "varchar(9)", MYSQL))
        .isEqualTo("concat(_utf8mb4'a',`x`)");
  }

  @Test
  void mysqlTextBlobAndJsonColumnsGetLiteralDefaultsAsExpressions() {
    assertThat(MysqlDefaults.render("'[]'", true)).isEqualTo("DEFAULT ('[]')");
    assertThat(MysqlDefaults.render("uuid()", true)).isEqualTo("DEFAULT (uuid())");
    assertThat(MysqlDefaults.render("NULL", true)).isEqualTo("DEFAULT NULL");
    assertThat(MysqlDefaults.render("'[]'", false)).isEqualTo("DEFAULT '[]'");
    assertThat(MysqlDefaults.expressionOnly("longtext")).isTrue();
    assertThat(MysqlDefaults.expressionOnly("json")).isTrue();
    assertThat(MysqlDefaults.expressionOnly("mediumblob")).isTrue();
    assertThat(MysqlDefaults.expressionOnly("varchar(10)")).isFalse();
    assertThat(
            new MysqlDdl(MYSQL)
                .column(
                    io.schemasync.api.model.Column.of("j", "json", true).withDefaultValue("'[]'")))
        .isEqualTo("`j` json NULL DEFAULT ('[]')");
    assertThat(
            new MysqlDdl(MARIA)
                .column(
                    io.schemasync.api.model.Column.of("j", "json", true).withDefaultValue("'[]'")))
        .isEqualTo("`j` json NULL DEFAULT '[]'");
  }

  @Test
  void escapedCatalogTextIsUnescapedAndSqlTextLeftAlone() {
    // MySQL 8 CHECK_CLAUSE / GENERATION_EXPRESSION.
    assertThat(CatalogQuery.unescaped("(`a` <> _utf8mb4\\'q\\\\\\'r\\')"))
        .isEqualTo("(`a` <> _utf8mb4'q\\'r')");
    // MariaDB prints the SQL as is: a bare quote says so.
    assertThat(CatalogQuery.unescaped("`a` <> 'q\\'r'")).isEqualTo("`a` <> 'q\\'r'");
    assertThat(CatalogQuery.unescaped("`a` > 0")).isEqualTo("`a` > 0");
    assertThat(CatalogQuery.unescaped(null)).isNull();
  }
}
