package io.schemasync.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {
  @Test
  void splitsOnSemicolonsOutsideQuotesAndCommentsAndKeepsLines() {
    List<SqlScript.Statement> statements =
        SqlScript.split(
            String.join(
                "\n",
                "-- header; not a statement",
                "CREATE TABLE `a;b` (x VARCHAR(5) DEFAULT 'x;y', y INT COMMENT \"c;d\");",
                "/* block;",
                "   comment */ CREATE TABLE c (id INT); # trailing; comment",
                "",
                "INSERT INTO c VALUES (1)"));
    assertThat(statements).extracting(SqlScript.Statement::line).containsExactly(2, 4, 6);
    assertThat(statements.get(0).sql())
        .isEqualTo("CREATE TABLE `a;b` (x VARCHAR(5) DEFAULT 'x;y', y INT COMMENT \"c;d\")");
    assertThat(statements.get(1).sql()).isEqualTo("CREATE TABLE c (id INT)");
    assertThat(statements.get(2).sql()).isEqualTo("INSERT INTO c VALUES (1)");
  }

  @Test
  void honoursDelimiterLinesAroundBodies() {
    List<SqlScript.Statement> statements =
        SqlScript.split(
            String.join(
                "\n",
                "CREATE TABLE t (id INT);",
                "DELIMITER $$",
                "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW",
                "BEGIN",
                "  SET NEW.id = 1;",
                "END$$",
                "DELIMITER ;",
                "CREATE VIEW v AS SELECT id FROM t;"));
    assertThat(statements).hasSize(3);
    assertThat(statements.get(1).line()).isEqualTo(3);
    assertThat(statements.get(1).sql()).endsWith("SET NEW.id = 1;\nEND");
    assertThat(statements.get(2).line()).isEqualTo(8);
  }

  @Test
  void escapedQuotesStayInsideTheirLiteral() {
    List<SqlScript.Statement> statements = SqlScript.split("SELECT 'a\\'; b', 'c'';d';\nSELECT 2");
    assertThat(statements)
        .extracting(SqlScript.Statement::sql)
        .containsExactly("SELECT 'a\\'; b', 'c'';d'", "SELECT 2");
  }
}
