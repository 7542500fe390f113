package io.schemasync.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.change.RenameHints;
import io.schemasync.api.plan.MigrationPlan;
import io.schemasync.api.plan.MigrationStep;
import io.schemasync.api.plan.Safety;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every object kind and change kind, synced into real SQLite files: zero diff after, data kept. */
class SqliteConvergenceTest {
  private static final String BASE =
      """
      CREATE TABLE customers (
        id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
        email VARCHAR(320) NOT NULL,
        name TEXT,
        UNIQUE (email),
        CHECK (length(email) > 3)
      );
      CREATE TABLE orders (
        id INTEGER NOT NULL PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        total NUMERIC(10,2) NOT NULL DEFAULT 0,
        note TEXT
      );
      CREATE INDEX ix_orders_customer ON orders (customer_id);
      CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;
      CREATE TRIGGER tr_orders_note AFTER INSERT ON orders FOR EACH ROW WHEN new.note IS NULL
      BEGIN UPDATE orders SET note = 'none' WHERE id = new.id; END;
      """;
  private static final String DATA =
      """
      INSERT INTO customers (id, email, name) VALUES (1, 'ann@example.com', 'Ann'), (2, 'bob@example.com', NULL);
      INSERT INTO orders (id, customer_id, total, note) VALUES (10, 1, 150, 'x'), (11, 2, 20, NULL);
      """;

  @TempDir Path dir;
  SqliteFixture fixture;
  Convergence convergence;

  @BeforeEach
  void setUp() {
    fixture = new SqliteFixture(dir);
    convergence = new Convergence(fixture);
    fixture.execute("t", BASE + DATA);
  }

  private String base(String from, String to) {
    assertThat(BASE).contains(from);
    return BASE.replace(from, to);
  }

  private List<List<Object>> orders() {
    return fixture.rows("t", "SELECT id, customer_id, total, note FROM orders ORDER BY id");
  }

  private static Safety worst(MigrationPlan plan) {
    return plan.steps().stream().map(MigrationStep::safety).reduce(Safety.SAFE, Safety::max);
  }

  @Test
  void createsEverySchemaObjectInAnEmptyTenant() {
    MigrationPlan plan = convergence.converge("fresh", BASE);
    assertThat(fixture.file("fresh")).exists();
    assertThat(plan.statements())
        .anyMatch(s -> s.startsWith("CREATE TABLE \"orders\"") && s.contains("FOREIGN KEY"));
  }

  @Test
  void dropsEveryObject() {
    convergence.converge("t", "CREATE TABLE keep (a INTEGER);");
    assertThat(
            fixture.rows(
                "t", "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite%' ORDER BY name"))
        .containsExactly(List.of("keep"));
  }

  @Test
  void addsANullableColumnWithAlterTable() {
    MigrationPlan plan =
        convergence.converge("t", base("note TEXT\n", "note TEXT,\n  shipped_at TIMESTAMP\n"));
    assertThat(plan.statements())
        .containsExactly("ALTER TABLE \"orders\" ADD COLUMN \"shipped_at\" TIMESTAMP");
    assertThat(orders()).hasSize(2);
  }

  @Test
  void addsANotNullColumnWithALiteralDefaultWithAlterTable() {
    MigrationPlan plan =
        convergence.converge(
            "t", base("note TEXT\n", "note TEXT,\n  status VARCHAR(10) NOT NULL DEFAULT 'new'\n"));
    assertThat(plan.statements()).hasSize(1);
    assertThat(fixture.rows("t", "SELECT status FROM orders"))
        .containsExactly(List.of("new"), List.of("new"));
  }

  @Test
  void addsAColumnWithAnExpressionDefaultByRebuildingAndKeepsRows() {
    MigrationPlan plan =
        convergence.converge(
            "t",
            base(
                "note TEXT\n",
                "note TEXT,\n  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP\n"));
    assertThat(worst(plan)).isGreaterThanOrEqualTo(Safety.LOCKING);
    assertThat(plan.steps())
        .anyMatch(s -> s.reason().contains("rebuilds table orders (copies every row)"));
    assertThat(orders()).containsExactly(List.of(10, 1, 150, "x"), List.of(11, 2, 20, "none"));
    assertThat(fixture.rows("t", "SELECT count(*) FROM orders WHERE created_at IS NOT NULL"))
        .containsExactly(List.of(2));
  }

  @Test
  void changesAColumnTypeAndKeepsRows() {
    convergence.converge(
        "t", base("total NUMERIC(10,2) NOT NULL DEFAULT 0", "total REAL NOT NULL DEFAULT 0"));
    assertThat(orders()).containsExactly(List.of(10, 1, 150.0, "x"), List.of(11, 2, 20.0, "none"));
    // the trigger and index were recreated with the table
    fixture.execute("t", "INSERT INTO orders (id, customer_id, total) VALUES (12, 1, 5)");
    assertThat(fixture.rows("t", "SELECT note FROM orders WHERE id = 12"))
        .containsExactly(List.of("none"));
  }

  @Test
  void makesAColumnNotNullFillingNullsWithTheDefault() {
    convergence.converge("t", base("name TEXT,", "name TEXT NOT NULL DEFAULT 'anonymous',"));
    assertThat(fixture.rows("t", "SELECT name FROM customers ORDER BY id"))
        .containsExactly(List.of("Ann"), List.of("anonymous"));
  }

  @Test
  void dropsAPlainColumnWithAlterTable() {
    MigrationPlan plan = convergence.converge("t", base("  name TEXT,\n", ""));
    assertThat(plan.statements()).containsExactly("ALTER TABLE \"customers\" DROP COLUMN \"name\"");
  }

  @Test
  void dropsAnIndexedColumnByRebuilding() {
    fixture.execute("t", "CREATE INDEX ix_orders_total ON orders (total)");
    String target =
        base("  total NUMERIC(10,2) NOT NULL DEFAULT 0,\n", "")
            .replace(
                "SELECT id, total FROM orders WHERE total > 100",
                "SELECT id FROM orders WHERE id > 10");
    MigrationPlan plan = convergence.converge("t", target);
    assertThat(plan.steps()).anyMatch(s -> s.description().startsWith("rebuild table orders"));
    assertThat(fixture.rows("t", "SELECT id, note FROM orders ORDER BY id"))
        .containsExactly(List.of(10, "x"), List.of(11, "none"));
  }

  @Test
  void dropsAColumnNamedByACheckByRebuilding() {
    MigrationPlan plan =
        convergence.converge(
            "t",
            base("  email VARCHAR(320) NOT NULL,\n", "")
                .replace("  UNIQUE (email),\n  CHECK (length(email) > 3)\n", "  CHECK (id > 0)\n"));
    assertThat(plan.steps()).anyMatch(s -> s.description().startsWith("rebuild table customers"));
    assertThat(fixture.rows("t", "SELECT id, name FROM customers ORDER BY id"))
        .containsExactly(List.of(1, "Ann"), Arrays.asList(2, null));
  }

  @Test
  void renamesAColumnReadByAView() {
    String target =
        base("note TEXT", "remark TEXT")
            .replace("new.note", "new.remark")
            .replace("SET note", "SET remark");
    MigrationPlan plan =
        convergence.converge(
            "t",
            fixture.target(target),
            new RenameHints(Map.of(), Map.of("orders", Map.of("remark", "note"))));
    assertThat(plan.statements())
        .anyMatch(
            s -> s.contains("RENAME COLUMN \"note\" TO \"remark\"") || s.startsWith("INSERT INTO"));
    assertThat(fixture.rows("t", "SELECT remark FROM orders ORDER BY id"))
        .containsExactly(List.of("x"), List.of("none"));
  }

  @Test
  void renamesAColumnAndChangesItsTypeInOneRebuild() {
    String target =
        base("note TEXT", "remark VARCHAR(100)")
            .replace("new.note", "new.remark")
            .replace("SET note", "SET remark");
    convergence.converge(
        "t",
        fixture.target(target),
        new RenameHints(Map.of(), Map.of("orders", Map.of("remark", "note"))));
    assertThat(fixture.rows("t", "SELECT remark FROM orders ORDER BY id"))
        .containsExactly(List.of("x"), List.of("none"));
  }

  @Test
  void renamesATable() {
    String target = BASE.replace("orders", "purchases");
    MigrationPlan plan =
        convergence.converge(
            "t", fixture.target(target), new RenameHints(Map.of("purchases", "orders"), Map.of()));
    assertThat(plan.statements()).contains("ALTER TABLE \"orders\" RENAME TO \"purchases\"");
    assertThat(fixture.rows("t", "SELECT count(*) FROM purchases")).containsExactly(List.of(2));
  }

  @Test
  void renamesATableAndRebuildsIt() {
    String target =
        BASE.replace("orders", "purchases").replace("note TEXT", "note TEXT NOT NULL DEFAULT ''");
    convergence.converge(
        "t", fixture.target(target), new RenameHints(Map.of("purchases", "orders"), Map.of()));
    assertThat(fixture.rows("t", "SELECT id, note FROM purchases ORDER BY id"))
        .containsExactly(List.of(10, "x"), List.of(11, "none"));
  }

  @Test
  void addsAForeignKeyToAnExistingTable() {
    String live =
        "CREATE TABLE a (id INTEGER PRIMARY KEY); CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER);"
            + "INSERT INTO a VALUES (1); INSERT INTO b VALUES (1, 1), (2, NULL);";
    fixture.execute("fk", live);
    convergence.converge(
        "fk",
        "CREATE TABLE a (id INTEGER PRIMARY KEY);"
            + "CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a (id) ON DELETE SET NULL ON UPDATE CASCADE);");
    assertThat(fixture.rows("fk", "SELECT id, a_id FROM b ORDER BY id"))
        .containsExactly(List.of(1, 1), Arrays.asList(2, null));
  }

  @Test
  void refusesAForeignKeyTheRowsViolateAndChangesNothing() {
    fixture.execute(
        "bad",
        "CREATE TABLE a (id INTEGER PRIMARY KEY); CREATE TABLE b (a_id INTEGER); INSERT INTO b VALUES (7);");
    byte[] before = read(fixture.file("bad"));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                convergence.converge(
                    "bad",
                    "CREATE TABLE a (id INTEGER PRIMARY KEY); CREATE TABLE b (a_id INTEGER REFERENCES a (id));"))
        .isInstanceOf(io.schemasync.api.UnableToExecuteStatementException.class)
        .hasMessageContaining("table b -> a (1 row)");
    assertThat(read(fixture.file("bad"))).isEqualTo(before);
  }

  @Test
  void addsAndDropsChecksUniquesAndPrimaryKeys() {
    String target =
        base("CHECK (length(email) > 3)", "CHECK (length(email) > 5), CHECK (name <> '')")
            .replace("UNIQUE (email),", "UNIQUE (email, name),");
    convergence.converge("t", target);
    convergence.converge(
        "t",
        "CREATE TABLE customers (id INTEGER, email TEXT, name TEXT, PRIMARY KEY (email, id));");
    assertThat(fixture.rows("t", "SELECT count(*) FROM customers")).containsExactly(List.of(2));
  }

  @Test
  void createsAndDropsIndexesOfEveryShape() {
    String target =
        base(
            "CREATE INDEX ix_orders_customer ON orders (customer_id);",
            "CREATE UNIQUE INDEX ux_orders_note ON orders (lower(note), id DESC) WHERE note IS NOT NULL;"
                + "CREATE INDEX ix_total ON orders (total DESC, customer_id);");
    MigrationPlan plan = convergence.converge("t", target);
    assertThat(plan.steps()).noneMatch(s -> s.description().startsWith("rebuild"));
    assertThat(plan.statements())
        .contains(
            "CREATE UNIQUE INDEX \"ux_orders_note\" ON \"orders\" ((lower(note)), \"id\" DESC) WHERE note IS NOT NULL");
  }

  @Test
  void changesTriggers() {
    String target =
        base(
                "AFTER INSERT ON orders FOR EACH ROW WHEN new.note IS NULL",
                "BEFORE UPDATE OF note, total ON orders")
            + "CREATE TRIGGER tr_customers_delete BEFORE DELETE ON customers BEGIN DELETE FROM orders WHERE customer_id = old.id; SELECT CASE WHEN old.id < 0 THEN RAISE(ABORT, 'no') END; END;";
    convergence.converge("t", target);
  }

  @Test
  void changesViews() {
    String target =
        base("WHERE total > 100", "WHERE total > 10")
            + "CREATE VIEW customer_totals AS SELECT c.email, sum(o.total) AS total FROM customers c JOIN big_orders o ON o.id = c.id GROUP BY c.email;";
    convergence.converge("t", target);
    convergence.converge("t", BASE);
  }

  @Test
  void keepsViewsWorkingAcrossARebuildOfTheTableTheyRead() {
    String target =
        base("name TEXT,", "name VARCHAR(50),")
            + "CREATE VIEW customer_names AS SELECT name FROM customers;"
            + "CREATE TRIGGER tr_orders_touch AFTER UPDATE ON orders BEGIN UPDATE customers SET name = name WHERE id = new.customer_id; END;";
    fixture.execute(
        "t",
        "CREATE VIEW customer_names AS SELECT name FROM customers;"
            + "CREATE TRIGGER tr_orders_touch AFTER UPDATE ON orders BEGIN UPDATE customers SET name = name WHERE id = new.customer_id; END;");
    convergence.converge("t", target);
    assertThat(fixture.rows("t", "SELECT name FROM customer_names ORDER BY name")).hasSize(2);
  }

  @Test
  void recreatesARebuiltTablesTriggersOnceTheTablesTheyNameExist() {
    // dropping the check rebuilds customers early, before orders is renamed and audit created
    String target =
        base("  UNIQUE (email),\n  CHECK (length(email) > 3)\n", "  UNIQUE (email)\n")
                .replace("orders", "purchases")
            + "CREATE TABLE audit (customer_id INTEGER, at TEXT);"
            + "CREATE TRIGGER tr_customers_audit AFTER UPDATE ON customers BEGIN"
            + " INSERT INTO audit (customer_id, at) VALUES (new.id, 'now'); END;";
    MigrationPlan plan =
        convergence.converge(
            "t", fixture.target(target), new RenameHints(Map.of("purchases", "orders"), Map.of()));
    List<String> descriptions = plan.steps().stream().map(MigrationStep::description).toList();
    assertThat(
            descriptions.stream()
                .filter(d -> d.startsWith("rebuild table customers"))
                .findFirst()
                .map(descriptions::indexOf)
                .orElseThrow())
        .isLessThan(descriptions.indexOf("rename table orders to purchases"));
    assertThat(plan.steps().get(plan.steps().size() - 1).description())
        .isEqualTo("recreate the triggers of table customers after its rebuild");
    fixture.execute("t", "UPDATE customers SET name = 'Bo' WHERE id = 2");
    assertThat(fixture.rows("t", "SELECT customer_id FROM audit")).containsExactly(List.of(2));
  }

  @Test
  void handlesGeneratedColumnsCollationsAndAutoincrement() {
    String target =
        base(
                "name TEXT,",
                "name TEXT COLLATE NOCASE,\n  email_domain TEXT GENERATED ALWAYS AS (substr(email, instr(email, '@') + 1)) VIRTUAL,")
            .replace(
                "note TEXT\n",
                "note TEXT,\n  total_cents INTEGER GENERATED ALWAYS AS (total * 100) STORED\n");
    convergence.converge("t", target);
    assertThat(fixture.rows("t", "SELECT email_domain FROM customers ORDER BY id"))
        .containsExactly(List.of("example.com"), List.of("example.com"));
    fixture.execute(
        "t", "DELETE FROM orders WHERE customer_id = 2; DELETE FROM customers WHERE id = 2");
    convergence.converge(
        "t", target.replace("name TEXT COLLATE NOCASE", "name TEXT COLLATE RTRIM"));
    fixture.execute("t", "INSERT INTO customers (email) VALUES ('carl@example.com')");
    // AUTOINCREMENT's high-water mark survived the rebuild: id 2 is never reused
    assertThat(fixture.rows("t", "SELECT id FROM customers WHERE email = 'carl@example.com'"))
        .containsExactly(List.of(3));
  }

  @Test
  void roundTripsHostileNames() {
    String hostile =
        """
        CREATE TABLE "x""; DROP TABLE customers; --" (
          "id" INTEGER PRIMARY KEY,
          "naïve column ✓" TEXT DEFAULT 'it''s; fine',
          "semi;colon" INTEGER CHECK ("semi;colon" > 0),
          "%s" TEXT
        );
        CREATE INDEX "idx ""q"" x" ON "x""; DROP TABLE customers; --" ("naïve column ✓");
        CREATE VIEW "v; --" AS SELECT "naïve column ✓" FROM "x""; DROP TABLE customers; --";
        """
            .formatted("c".repeat(200));
    convergence.converge("h", hostile);
    fixture.execute(
        "h", "INSERT INTO \"x\"\"; DROP TABLE customers; --\" (id, \"semi;colon\") VALUES (1, 5)");
    convergence.converge(
        "h",
        hostile.replace(
            "\"semi;colon\" INTEGER CHECK", "\"semi;colon\" REAL NOT NULL DEFAULT 1 CHECK"));
    assertThat(
            fixture.rows(
                "h",
                "SELECT \"naïve column ✓\", \"semi;colon\" FROM \"x\"\"; DROP TABLE customers; --\""))
        .containsExactly(List.of("it's; fine", 5.0));
  }

  private static byte[] read(Path file) {
    try {
      return java.nio.file.Files.readAllBytes(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
