package io.schemasync.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.TenantContext;
import io.schemasync.api.model.CheckConstraint;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.IndexPart;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.plan.RowCheck;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each query a dry run runs in place of a validation finds rows exactly when PostgreSQL's own
 * statement fails on them: every case is tried both ways, by the query on the rows and by the
 * statement itself (rolled back).
 */
class PostgresRowChecksTest {
  private final String schema = PostgresTestServer.uniqueName("rows");

  @AfterEach
  void drop() {
    PostgresTestServer.drop(schema);
  }

  /** Rows of a case, and the statement whose failure the check must foretell. */
  private record Case(String rows, String statement) {}

  private void agree(String tables, List<Case> cases, Function<RowChecks, List<RowCheck>> checkOf)
      throws SQLException {
    for (Case c : cases) {
      PostgresTestServer.drop(schema);
      PostgresTestServer.exec("CREATE SCHEMA " + schema, tables.replace("$s", schema));
      if (!c.rows().isEmpty()) {
        PostgresTestServer.exec(c.rows().replace("$s", schema));
      }
      SchemaSnapshot current;
      try (PostgresAdapter adapter = PostgresTestServer.open()) {
        current = adapter.inspector().inspect(TenantContext.of(schema));
      }
      List<RowCheck> checks =
          checkOf.apply(new RowChecks(new PgDdl(PgNames.quote(schema)), current, List.of()));
      assertThat(checks).as(c.toString()).hasSize(1);
      try (Connection conn = PostgresTestServer.connect();
          Statement st = conn.createStatement()) {
        conn.setAutoCommit(false);
        boolean found;
        try (ResultSet rs = st.executeQuery(checks.get(0).query())) {
          found = rs.next();
        }
        boolean failed;
        try {
          st.execute(c.statement().replace("$s", schema));
          failed = false;
        } catch (SQLException e) {
          failed = true;
        }
        conn.rollback();
        assertThat(found).as(c + " (the statement failed: " + failed + ")").isEqualTo(failed);
      }
    }
  }

  @Test
  void aForeignKeyCheckFindsTheRowsMatchSimpleRejects() throws SQLException {
    String tables =
        "CREATE TABLE $s.parent (x integer, y integer, UNIQUE (x, y));"
            + " CREATE TABLE $s.child (a integer, b integer);"
            + " INSERT INTO $s.parent VALUES (1, 1), (2, NULL)";
    String add = "ALTER TABLE $s.child ADD FOREIGN KEY (a, b) REFERENCES $s.parent (x, y)";
    List<Case> cases =
        List.of(
            new Case("", add),
            new Case("INSERT INTO $s.child VALUES (1, 1)", add),
            new Case("INSERT INTO $s.child VALUES (1, 2)", add),
            // a NULL in any column lets the row through, matched or not
            new Case("INSERT INTO $s.child VALUES (9, NULL)", add),
            new Case("INSERT INTO $s.child VALUES (NULL, NULL)", add),
            // a parent key with a NULL matches nothing
            new Case("INSERT INTO $s.child VALUES (2, 5)", add));
    ForeignKey key =
        new ForeignKey("fk", List.of("a", "b"), "parent", List.of("x", "y"), null, null, false);
    agree(tables, cases, checks -> checks.foreignKey("child", key));
  }

  @Test
  void aCheckFindsTheRowsItsExpressionIsFalseFor() throws SQLException {
    String tables = "CREATE TABLE $s.t (v integer, w text)";
    String add = "ALTER TABLE $s.t ADD CONSTRAINT c CHECK (v > 0 AND w <> 'x')";
    List<Case> cases =
        List.of(
            new Case("INSERT INTO $s.t VALUES (1, 'a')", add),
            new Case("INSERT INTO $s.t VALUES (0, 'a')", add),
            // NULL is not false: the row passes
            new Case("INSERT INTO $s.t VALUES (NULL, 'a')", add),
            new Case("INSERT INTO $s.t VALUES (1, NULL)", add),
            new Case("INSERT INTO $s.t VALUES (NULL, 'x')", add),
            new Case("INSERT INTO $s.t VALUES (5, 'x')", add));
    CheckConstraint check = new CheckConstraint("c", "v > 0 AND w <> 'x'");
    agree(tables, cases, checks -> checks.check("t", check));
  }

  @Test
  void aNotNullCheckFindsTheNulls() throws SQLException {
    String tables = "CREATE TABLE $s.t (v text)";
    String set = "ALTER TABLE $s.t ALTER COLUMN v SET NOT NULL";
    List<Case> cases =
        List.of(
            new Case("", set),
            new Case("INSERT INTO $s.t VALUES ('')", set),
            new Case("INSERT INTO $s.t VALUES (NULL)", set));
    agree(tables, cases, checks -> checks.notNull("t", "v"));
  }

  @Test
  void aUniqueIndexCheckComparesKeysAsTheIndexDoes() throws SQLException {
    String tables = "CREATE TABLE $s.t (a integer, b text)";
    Index plain =
        new Index(
            "u",
            List.of(IndexPart.column("a"), IndexPart.expression("lower(b)")),
            true,
            "a > 0",
            null,
            List.of());
    String build = "CREATE UNIQUE INDEX u ON $s.t (a, lower(b)) WHERE a > 0";
    List<Case> cases =
        List.of(
            new Case("INSERT INTO $s.t VALUES (1, 'A'), (1, 'a')", build),
            new Case("INSERT INTO $s.t VALUES (1, 'A'), (2, 'a')", build),
            // outside the predicate
            new Case("INSERT INTO $s.t VALUES (-1, 'a'), (-1, 'a')", build),
            // NULLs are distinct
            new Case("INSERT INTO $s.t VALUES (1, NULL), (1, NULL)", build));
    agree(tables, cases, checks -> checks.unique("t", plain));

    Index notDistinct =
        new Index("n", List.of(IndexPart.column("a")), true, null, null, List.of(), false, true);
    String buildNotDistinct = "CREATE UNIQUE INDEX n ON $s.t (a) NULLS NOT DISTINCT";
    agree(
        tables,
        List.of(
            new Case("INSERT INTO $s.t VALUES (NULL, 'a'), (NULL, 'b')", buildNotDistinct),
            new Case("INSERT INTO $s.t VALUES (NULL, 'a'), (1, 'b')", buildNotDistinct)),
        checks -> checks.unique("t", notDistinct));
  }
}
