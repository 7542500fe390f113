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

  /**
   * For each case (the rows to insert, none when empty), whether the check finds a row exactly when
   * {@code statement}, the one it stands in for, fails on those rows.
   */
  private void agree(
      String tables, String statement, Function<RowChecks, List<RowCheck>> checkOf, String... cases)
      throws SQLException {
    for (String rows : cases) {
      String what = (rows.isEmpty() ? "no rows" : rows) + ", then " + statement;
      PostgresTestServer.drop(schema);
      PostgresTestServer.exec("CREATE SCHEMA " + schema, tables.replace("$s", schema));
      if (!rows.isEmpty()) {
        PostgresTestServer.exec(rows.replace("$s", schema));
      }
      SchemaSnapshot current;
      try (PostgresAdapter adapter = PostgresTestServer.open()) {
        current = adapter.inspector().inspect(TenantContext.of(schema));
      }
      List<RowCheck> checks =
          checkOf.apply(new RowChecks(new PgDdl(PgNames.quote(schema)), current, List.of()));
      assertThat(checks).as(what).hasSize(1);
      try (Connection conn = PostgresTestServer.connect();
          Statement st = conn.createStatement()) {
        conn.setAutoCommit(false);
        boolean found;
        try (ResultSet rs = st.executeQuery(checks.get(0).query())) {
          found = rs.next();
        }
        boolean failed;
        try {
          st.execute(statement.replace("$s", schema));
          failed = false;
        } catch (SQLException e) {
          failed = true;
        }
        conn.rollback();
        assertThat(found).as(what + " (the statement failed: " + failed + ")").isEqualTo(failed);
      }
    }
  }

  @Test
  void aForeignKeyCheckFindsTheRowsMatchSimpleRejects() throws SQLException {
    ForeignKey key =
        new ForeignKey("fk", List.of("a", "b"), "parent", List.of("x", "y"), null, null, false);
    agree(
        "CREATE TABLE $s.parent (x integer, y integer, UNIQUE (x, y));"
            + " CREATE TABLE $s.child (a integer, b integer);"
            + " INSERT INTO $s.parent VALUES (1, 1), (2, NULL)",
        "ALTER TABLE $s.child ADD FOREIGN KEY (a, b) REFERENCES $s.parent (x, y)",
        checks -> checks.foreignKey("child", key),
        "",
        "INSERT INTO $s.child VALUES (1, 1)",
        "INSERT INTO $s.child VALUES (1, 2)",
        // a NULL in any column lets the row through, matched or not
        "INSERT INTO $s.child VALUES (9, NULL)",
        "INSERT INTO $s.child VALUES (NULL, NULL)",
        // a parent key with a NULL matches nothing
        "INSERT INTO $s.child VALUES (2, 5)");
  }

  @Test
  void aCheckFindsTheRowsItsExpressionIsFalseFor() throws SQLException {
    CheckConstraint check = new CheckConstraint("c", "v > 0 AND w <> 'x'");
    agree(
        "CREATE TABLE $s.t (v integer, w text)",
        "ALTER TABLE $s.t ADD CONSTRAINT c CHECK (v > 0 AND w <> 'x')",
        checks -> checks.check("t", check),
        "INSERT INTO $s.t VALUES (1, 'a')",
        "INSERT INTO $s.t VALUES (0, 'a')",
        // NULL is not false: the row passes
        "INSERT INTO $s.t VALUES (NULL, 'a')",
        "INSERT INTO $s.t VALUES (1, NULL)",
        "INSERT INTO $s.t VALUES (NULL, 'x')",
        "INSERT INTO $s.t VALUES (5, 'x')");
  }

  @Test
  void aNotNullCheckFindsTheNulls() throws SQLException {
    agree(
        "CREATE TABLE $s.t (v text)",
        "ALTER TABLE $s.t ALTER COLUMN v SET NOT NULL",
        checks -> checks.notNull("t", "v"),
        "",
        "INSERT INTO $s.t VALUES ('')",
        "INSERT INTO $s.t VALUES (NULL)");
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
    agree(
        tables,
        "CREATE UNIQUE INDEX u ON $s.t (a, lower(b)) WHERE a > 0",
        checks -> checks.unique("t", plain),
        "INSERT INTO $s.t VALUES (1, 'A'), (1, 'a')",
        "INSERT INTO $s.t VALUES (1, 'A'), (2, 'a')",
        // outside the predicate
        "INSERT INTO $s.t VALUES (-1, 'a'), (-1, 'a')",
        // NULLs are distinct
        "INSERT INTO $s.t VALUES (1, NULL), (1, NULL)");

    Index notDistinct =
        new Index("n", List.of(IndexPart.column("a")), true, null, null, List.of(), false, true);
    agree(
        tables,
        "CREATE UNIQUE INDEX n ON $s.t (a) NULLS NOT DISTINCT",
        checks -> checks.unique("t", notDistinct),
        "INSERT INTO $s.t VALUES (NULL, 'a'), (NULL, 'b')",
        "INSERT INTO $s.t VALUES (NULL, 'a'), (1, 'b')");
  }
}
