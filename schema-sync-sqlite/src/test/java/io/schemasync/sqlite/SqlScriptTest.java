package io.schemasync.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.sqlite.internal.SqlScript;
import io.schemasync.sqlite.internal.SqlScript.Statement;
import io.schemasync.sqlite.internal.SqlText;
import org.junit.jupiter.api.Test;

/** Statement splitting and canonical SQL text. */
class SqlScriptTest {
  @Test
  void splitsOnSemicolonsOutsideStringsCommentsAndTriggerBodies() {
    String script =
        """
        CREATE TABLE "a;b" (x TEXT DEFAULT 'c;d'); -- trailing; comment
        /* block; comment */
        CREATE TRIGGER t AFTER INSERT ON "a;b" BEGIN
          UPDATE "a;b" SET x = CASE WHEN new.x = ';' THEN 'semi' END;
          DELETE FROM "a;b" WHERE x = 'END;';
        END;

        INSERT INTO [a;b] VALUES ('e''f;g')
        """;
    assertThat(SqlScript.split(script)).extracting(Statement::line).containsExactly(1, 3, 8);
    assertThat(SqlScript.split(script).get(1).sql()).startsWith("CREATE TRIGGER").endsWith("END");
    assertThat(SqlScript.split(script).get(2).sql())
        .isEqualTo("INSERT INTO [a;b] VALUES ('e''f;g')");
    assertThat(SqlScript.split(" ;; -- only comments\n")).isEmpty();
  }

  @Test
  void canonicalTextOnlyAbsorbsLayout() {
    assertThat(SqlText.normalize("  a   >\n 0  AND  ( b = 'x   y' ) -- note\n"))
        .isEqualTo("a > 0 AND (b = 'x   y')");
    assertThat(SqlText.normalize("f( a , `b` , [c d] )")).isEqualTo("f(a, \"b\", \"c d\")");
    assertThat(SqlText.normalize("\"x\"\"y\" || 'z'")).isEqualTo("\"x\"\"y\" || 'z'");
    assertThat(SqlText.expression("((a) + (b))")).isEqualTo("(a) + (b)");
    assertThat(SqlText.expression("(a) + (b)")).isEqualTo("(a) + (b)");
    String once = SqlText.normalize("select  a.b ,c from t  where x in ( 1 ,2 )");
    assertThat(SqlText.normalize(once))
        .isEqualTo(once)
        .isEqualTo("select a.b,c from t where x in (1,2)");
  }
}
