package io.schemasync.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MysqlTypesTest {
  @Test
  void portableTypesMapToTheirDocumentedMysqlTypes() {
    assertThat(MysqlTypes.resolve("boolean")).hasValue("tinyint(1)");
    assertThat(MysqlTypes.resolve("integer")).hasValue("int");
    assertThat(MysqlTypes.resolve("bigint")).hasValue("bigint");
    assertThat(MysqlTypes.resolve("real")).hasValue("float");
    assertThat(MysqlTypes.resolve("double precision")).hasValue("double");
    assertThat(MysqlTypes.resolve("numeric(10, 2)")).hasValue("decimal(10,2)");
    assertThat(MysqlTypes.resolve("numeric(7)")).hasValue("decimal(7,0)");
    assertThat(MysqlTypes.resolve("numeric")).hasValue("decimal(65,30)");
    assertThat(MysqlTypes.resolve("varchar(255)")).hasValue("varchar(255)");
    assertThat(MysqlTypes.resolve("char")).hasValue("char(1)");
    assertThat(MysqlTypes.resolve("text")).hasValue("longtext");
    assertThat(MysqlTypes.resolve("bytes")).hasValue("longblob");
    assertThat(MysqlTypes.resolve("timestamp")).hasValue("datetime(6)");
    assertThat(MysqlTypes.resolve("timestamptz")).hasValue("timestamp(6)");
    assertThat(MysqlTypes.resolve("uuid")).hasValue("char(36)");
    assertThat(MysqlTypes.resolve("jsonb")).hasValue("json");
  }

  @Test
  void nativeSpellingsNormalizeToWhatTheInspectorReports() {
    assertThat(MysqlTypes.resolve("INT(11)")).hasValue("int");
    assertThat(MysqlTypes.normalize("int(10) unsigned zerofill")).hasValue("int unsigned");
    assertThat(MysqlTypes.normalize("bigint(20) UNSIGNED")).hasValue("bigint unsigned");
    assertThat(MysqlTypes.normalize("tinyint(4)")).hasValue("tinyint");
    assertThat(MysqlTypes.normalize("tinyint(1)")).hasValue("tinyint(1)");
    assertThat(MysqlTypes.normalize("DECIMAL")).hasValue("decimal(10,0)");
    assertThat(MysqlTypes.normalize("datetime(0)")).hasValue("datetime");
    assertThat(MysqlTypes.resolve("binary(16)")).hasValue("binary(16)");
    assertThat(MysqlTypes.resolve("datetime(3)")).hasValue("datetime(3)");
    assertThat(MysqlTypes.normalize("ENUM('a', 'it''s')")).hasValue("enum('a','it''s')");
    assertThat(MysqlTypes.normalize("set('x','y')")).hasValue("set('x','y')");
    assertThat(MysqlTypes.normalize("year(4)")).hasValue("year");
  }

  @Test
  void unknownOrMalformedTypesAreRejected() {
    assertThat(MysqlTypes.resolve("varchar")).isEmpty();
    assertThat(MysqlTypes.resolve("int[]")).isEmpty();
    assertThat(MysqlTypes.resolve("notatype")).isEmpty();
    assertThat(MysqlTypes.resolve("enum(a)")).isEmpty();
    assertThat(MysqlTypes.resolve("")).isEmpty();
  }
}
