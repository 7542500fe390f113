package io.schemasync.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.TenantContext;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.Identity;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.testsupport.jdbc.Interleaved;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresInspectorTest {
  private final String schema = PostgresTestServer.uniqueName("insp");
  private final String other = PostgresTestServer.uniqueName("insp");
  private PostgresAdapter adapter;

  @BeforeEach
  void setUp() {
    PostgresTestServer.url();
    adapter = PostgresTestServer.open();
    PostgresTestServer.exec(
        "CREATE SCHEMA " + schema, "SET search_path TO " + schema, Fixtures.EVERYTHING);
  }

  @AfterEach
  void tearDown() {
    if (adapter != null) {
      adapter.close();
    }
    PostgresTestServer.drop(schema, other);
  }

  @Test
  void theIndexedAndTheScanningCatalogPathsReadTheSameSchema() throws Exception {
    List<String> many = new ArrayList<>(List.of(schema));
    for (int i = 0; many.size() <= CatalogQueries.FEW_SCHEMAS; i++) {
      many.add(schema + "_absent_" + i); // absent schemas only make the list long
    }
    try (Connection c = PostgresTestServer.connect()) {
      c.setAutoCommit(false);
      SchemaSnapshot throughDependencies = CatalogReader.read(c, List.of(schema)).get(schema);
      Map<String, SchemaSnapshot> byScan = CatalogReader.read(c, many, false);
      // the indexed path with more names than FEW_SCHEMAS, as in a database of many more schemas
      Map<String, SchemaSnapshot> manyThroughIndexes = CatalogReader.read(c, many, true);
      c.rollback();
      assertThat(byScan).containsOnlyKeys(schema);
      assertThat(throughDependencies.tables()).isNotEmpty();
      assertThat(byScan.get(schema)).isEqualTo(throughDependencies);
      assertThat(manyThroughIndexes).isEqualTo(byScan);
    }
  }

  @Test
  void aReadSeesTheSchemaAsItWasWhenItBeganWhileAnotherSessionChangesIt() throws Exception {
    PostgresTestServer.exec("CREATE TABLE " + schema + ".plain (id int)");
    TenantContext tenant = TenantContext.of(schema);
    SchemaSnapshot before = adapter.inspector().inspect(tenant);

    // another session adds a column and an index on it after the columns were read, before the
    // indexes are: a read that mixed the two would hold an index on a column it does not have
    SchemaSnapshot read =
        readWhileAnotherSessionChangesTheSchema(
            "JOIN pg_index i",
            "ALTER TABLE " + schema + ".plain ADD COLUMN late int",
            "CREATE INDEX plain_late ON " + schema + ".plain (late)");

    assertThat(read).isEqualTo(before);
    Table after = adapter.inspector().inspect(tenant).table("plain").orElseThrow();
    assertThat(after.column("late")).isPresent();
    assertThat(after.indexes())
        .singleElement()
        .satisfies(i -> assertThat(i.name()).isEqualTo("plain_late"));
  }

  @Test
  void aCheckDroppedSinceTheReadBeganIsPrintedAsTheReadSawIt() throws Exception {
    TenantContext tenant = TenantContext.of(schema);
    SchemaSnapshot before = adapter.inspector().inspect(tenant);
    // pg_get_constraintdef reads the constraint with the transaction's snapshot
    SchemaSnapshot read =
        readWhileAnotherSessionChangesTheSchema(
            "JOIN pg_constraint co",
            "ALTER TABLE " + schema + ".users DROP CONSTRAINT users_score_check");

    assertThat(read).isEqualTo(before);
  }

  @Test
  void aReadThatMeetsAnObjectDroppedSinceItBeganReadsAgain() throws Exception {
    TenantContext tenant = TenantContext.of(schema);
    // the indexes query sees the expression index as the read's snapshot has it, but
    // pg_get_indexdef prints from the server's caches, which hold what is committed now: no text
    // for a dropped index. The read starts again, in a new snapshot
    SchemaSnapshot read =
        readWhileAnotherSessionChangesTheSchema(
            "JOIN pg_index i", "DROP INDEX " + schema + ".users_lower_email");

    assertThat(read.table("users").orElseThrow().indexes())
        .extracting(i -> i.name())
        .containsExactly("users_tags");
    assertThat(read).isEqualTo(adapter.inspector().inspect(tenant));
  }

  /**
   * Reads the schema consistently while, just before the query whose text contains {@code
   * beforeQuery} is prepared the first time, another session runs {@code ddl} and commits.
   */
  private SchemaSnapshot readWhileAnotherSessionChangesTheSchema(String beforeQuery, String... ddl)
      throws Exception {
    try (Connection reader = PostgresTestServer.connect();
        Connection other = PostgresTestServer.connect()) {
      boolean[] changed = {false};
      Connection spied =
          Interleaved.beforeQuery(
              reader,
              beforeQuery,
              () -> {
                if (!changed[0]) {
                  changed[0] = true;
                  try (Statement st = other.createStatement()) {
                    st.execute("SET lock_timeout = '10s'");
                    for (String sql : ddl) {
                      st.execute(sql);
                    }
                  }
                }
              });

      SchemaSnapshot read = CatalogReader.readConsistently(spied, List.of(schema)).get(schema);

      assertThat(changed[0]).isTrue();
      assertThat(reader.getAutoCommit()).isTrue();
      assertThat(reader.isReadOnly()).isFalse();
      return read;
    }
  }

  @Test
  void aForeignKeyToATableOfAnotherSchemaNamesItWhetherThatSchemaIsReadOrNot() throws Exception {
    PostgresTestServer.exec(
        "CREATE SCHEMA " + other,
        // a dropped column: the referenced column's number is not its position
        "CREATE TABLE " + other + ".accounts (gone int, code text, id int PRIMARY KEY)",
        "ALTER TABLE " + other + ".accounts DROP COLUMN gone",
        "CREATE UNIQUE INDEX accounts_code ON " + other + ".accounts (code)",
        "CREATE TABLE "
            + schema
            + ".ledger (id int PRIMARY KEY, account int, account_code text,"
            + " CONSTRAINT ledger_account FOREIGN KEY (account) REFERENCES "
            + other
            + ".accounts (id),"
            + " CONSTRAINT ledger_code FOREIGN KEY (account_code) REFERENCES "
            + other
            + ".accounts (code) ON DELETE SET NULL)");
    List<String> many = new ArrayList<>(List.of(schema, other));
    for (int i = 0; many.size() <= CatalogQueries.FEW_SCHEMAS; i++) {
      many.add(schema + "_absent_" + i);
    }
    try (Connection c = PostgresTestServer.connect()) {
      c.setAutoCommit(false);
      Table alone = CatalogReader.read(c, List.of(schema)).get(schema).table("ledger").get();
      Map<String, SchemaSnapshot> scanned = CatalogReader.read(c, many, false);
      Map<String, SchemaSnapshot> indexed = CatalogReader.read(c, many, true);
      c.rollback();

      assertThat(alone.foreignKeys())
          .extracting(fk -> fk.name() + " " + fk.referencedTable() + fk.referencedColumns())
          .containsExactlyInAnyOrder(
              "ledger_account " + other + ".accounts[id]",
              "ledger_code " + other + ".accounts[code]");
      assertThat(scanned.get(schema).table("ledger").get()).isEqualTo(alone);
      assertThat(indexed).isEqualTo(scanned);
    }
  }

  @Test
  void aScanIsPlannedForTheSchemasItIsGivenEveryTime() throws Exception {
    List<String> many = new ArrayList<>(List.of(schema));
    for (int i = 0; many.size() <= CatalogQueries.FEW_SCHEMAS; i++) {
      many.add(schema + "_absent_" + i);
    }
    try (Connection c = PostgresTestServer.connect()) {
      c.setAutoCommit(false);
      CatalogReader.read(c, many, false);
      // a plan for any array, which the server may choose for a statement the driver keeps
      // prepared, took the views query over 1,000 schemas from 75 to 3,500 ms
      try (Statement st = c.createStatement();
          java.sql.ResultSet rs = st.executeQuery("SHOW plan_cache_mode")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("force_custom_plan");
      }
      c.rollback();
    }
  }

  @Test
  void manySchemasAreReadThroughIndexesWhileTheyAreAQuarterOfTheDatabaseAtMost() {
    assertThat(CatalogQueries.throughIndexes(1, 1)).isTrue();
    assertThat(CatalogQueries.throughIndexes(CatalogQueries.FEW_SCHEMAS, 70)).isTrue();
    assertThat(CatalogQueries.throughIndexes(CatalogQueries.FEW_SCHEMAS + 1, 70)).isFalse();
    assertThat(CatalogQueries.throughIndexes(250, 1_000)).isTrue();
    assertThat(CatalogQueries.throughIndexes(251, 1_000)).isFalse();
    assertThat(CatalogQueries.throughIndexes(1_000, 1_005)).isFalse();
    assertThat(CatalogQueries.throughIndexes(5_000, 100_000)).isTrue();
  }

  @Test
  void readsEveryObjectKindUnqualified() {
    SchemaSnapshot s = adapter.inspector().inspect(TenantContext.of(schema));
    System.out.println(s.toJson());
    Table users = s.table("users").orElseThrow();
    assertThat(users.column("id").orElseThrow().identity()).isEqualTo(Identity.ALWAYS);
    assertThat(users.column("email").orElseThrow().type()).isEqualTo("character varying(200)");
    assertThat(users.column("feeling").orElseThrow().type()).isEqualTo("mood");
    assertThat(users.column("feeling").orElseThrow().defaultValue()).isEqualTo("'ok'::mood");
    assertThat(users.column("name").orElseThrow().collation()).isEqualTo("C");
    assertThat(users.column("tags").orElseThrow().type()).isEqualTo("text[]");
    assertThat(users.column("quantity").orElseThrow().type()).isEqualTo("positive_int");
    assertThat(users.column("email_lower").orElseThrow().generated().expression())
        .isEqualTo("lower((email)::text)");
    assertThat(users.column("email").orElseThrow().comment()).isEqualTo("login; unique");
    assertThat(users.comment()).isEqualTo("people who log in");
    assertThat(users.primaryKey().name()).isEqualTo("users_pkey");
    assertThat(users.uniques()).extracting(u -> u.name()).containsExactly("users_email_key");
    assertThat(users.checks()).extracting(c -> c.name()).containsExactly("users_score_check");
    assertThat(users.indexes())
        .extracting(i -> i.name())
        .containsExactly("users_lower_email", "users_tags");

    Table orders = s.table("orders").orElseThrow();
    Column id = orders.column("id").orElseThrow();
    assertThat(id.identity()).isEqualTo(Identity.BY_DEFAULT);
    assertThat(id.defaultValue()).isNull();
    assertThat(orders.column("invoice").orElseThrow().defaultValue())
        .isEqualTo("nextval('invoice_numbers'::regclass)");
    assertThat(orders.foreignKeys())
        .singleElement()
        .satisfies(
            fk -> {
              assertThat(fk.name()).isEqualTo("orders_user_id_fkey");
              assertThat(fk.referencedTable()).isEqualTo("users");
              assertThat(fk.deferrable()).isTrue();
            });
    assertThat(orders.indexes())
        .singleElement()
        .satisfies(
            ix -> {
              assertThat(ix.parts()).hasSize(2);
              assertThat(ix.parts().get(1).descending()).isTrue();
              assertThat(ix.include()).containsExactly("total");
              assertThat(ix.where()).isEqualTo("(total > (10)::numeric)");
            });
    assertThat(orders.triggers())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.updateOf()).containsExactly("total");
              assertThat(t.when()).isEqualTo("(new.total IS NOT NULL)");
              assertThat(t.body()).isEqualTo("EXECUTE FUNCTION touch()");
            });
    assertThat(s.sequences()).extracting(q -> q.name()).containsExactly("invoice_numbers");
    assertThat(s.enums())
        .singleElement()
        .satisfies(e -> assertThat(e.values()).containsExactly("sad", "ok", "happy"));
    assertThat(s.domains())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.baseType()).isEqualTo("integer");
              assertThat(d.notNull()).isTrue();
            });
    assertThat(s.views()).extracting(v -> v.name()).containsExactly("big_orders", "order_counts");
    assertThat(s.view("big_orders").orElseThrow().definition()).doesNotContain(schema);
    assertThat(s.routines())
        .extracting(r -> r.key())
        .containsExactly("add_one(x integer)", "noop(IN a text)", "touch()");
  }

  @Test
  void leavesOutWhatAnExtensionOwns() {
    PostgresTestServer.exec(
        "CREATE SCHEMA " + other,
        "CREATE EXTENSION seg SCHEMA " + other,
        "CREATE TABLE " + other + ".ranges (id integer, r " + other + ".seg)");
    SchemaSnapshot s = adapter.inspector().inspect(TenantContext.of(other));
    assertThat(s.routines()).isEmpty();
    assertThat(s.tables())
        .singleElement()
        .satisfies(t -> assertThat(t.column("r").orElseThrow().type()).isEqualTo("seg"));
  }

  @Test
  void inspectAllGivesTheSameAsOneByOne() {
    PostgresTestServer.exec(
        "CREATE SCHEMA " + other, "SET search_path TO " + other, Fixtures.EVERYTHING);
    Map<TenantContext, SchemaSnapshot> all =
        adapter.inspector().inspectAll(List.of(TenantContext.of(schema), TenantContext.of(other)));
    assertThat(all.get(TenantContext.of(schema)))
        .isEqualTo(adapter.inspector().inspect(TenantContext.of(other)));
    assertThat(all.get(TenantContext.of(other)).hash())
        .isEqualTo(adapter.inspector().inspect(TenantContext.of(schema)).hash());
  }
}
