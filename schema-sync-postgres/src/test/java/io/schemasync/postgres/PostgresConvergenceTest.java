package io.schemasync.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.TenantContext;
import io.schemasync.api.TenantResult;
import io.schemasync.api.model.CheckConstraint;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.EnumType;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.Identity;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.PrimaryKey;
import io.schemasync.api.model.ReferentialAction;
import io.schemasync.api.model.Routine;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Sequence;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.UniqueConstraint;
import io.schemasync.api.model.View;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresConvergenceTest {
  private final String reference = PostgresTestServer.uniqueName("ref");
  private final String tenant = PostgresTestServer.uniqueName("conv");
  private PostgresAdapter adapter;

  @BeforeEach
  void setUp() {
    PostgresTestServer.url();
    adapter = PostgresTestServer.open();
  }

  @AfterEach
  void tearDown() {
    adapter.close();
    PostgresTestServer.drop(reference, tenant);
  }

  private SchemaSnapshot referenceSnapshot() {
    PostgresTestServer.exec(
        "CREATE SCHEMA " + reference, "SET search_path TO " + reference, Fixtures.EVERYTHING);
    return adapter.inspector().inspect(TenantContext.of(reference));
  }

  @Test
  void createsEveryObjectKindInANewTenant() {
    SchemaSnapshot target = referenceSnapshot();
    TenantResult result = Convergence.converge(adapter, tenant, target);
    assertThat(result.plan().steps()).isNotEmpty();
    assertThat(adapter.inspector().inspect(TenantContext.of(tenant))).isEqualTo(target);
  }

  @Test
  void enumValuesAreAddedInsideTheTransactionAlsoWhenADefaultUsesThem() {
    EnumType mood = new EnumType("mood", List.of("sad", "ok"));
    Table t =
        Table.of(
            "t",
            List.of(new Column("m", "mood", true, "'ok'::mood", null, null, null, null)),
            null);
    Convergence.converge(
        adapter,
        tenant,
        new SchemaSnapshot(List.of(t), List.of(), List.of(), List.of(mood), List.of(), List.of()));
    EnumType more = new EnumType("mood", List.of("sad", "ok", "great"));
    Table usesIt =
        t.withColumns(
            List.of(new Column("m", "mood", true, "'great'::mood", null, null, null, null)));
    try (var sync =
        io.schemasync.api.SchemaSync.builder()
            .adapter(adapter)
            .target(
                new io.schemasync.api.Target.Snapshot(
                    new SchemaSnapshot(
                        List.of(t), List.of(), List.of(), List.of(more), List.of(), List.of())))
            .build()) {
      assertThat(sync.sync(tenant).failure()).isNull(); // adding the value alone is fine
    }
    try (var sync =
        io.schemasync.api.SchemaSync.builder()
            .adapter(adapter)
            .target(
                new io.schemasync.api.Target.Snapshot(
                    new SchemaSnapshot(
                        List.of(usesIt),
                        List.of(),
                        List.of(),
                        List.of(new EnumType("mood", List.of("sad", "ok", "great", "best"))),
                        List.of(),
                        List.of())))
            .build()) {
      var result = sync.sync(tenant);
      assertThat(result.failure()).isNull(); // uses a value committed before: fine
    }
    Table usesNew =
        t.withColumns(
            List.of(new Column("m", "mood", true, "'best'::mood", null, null, null, null)));
    // PostgreSQL 12+ accepts a default naming a value added earlier in the same transaction
    TenantResult r =
        Convergence.converge(
            adapter,
            tenant,
            new SchemaSnapshot(
                List.of(usesNew),
                List.of(),
                List.of(),
                List.of(new EnumType("mood", List.of("sad", "ok", "great", "best"))),
                List.of(),
                List.of()));
    assertThat(r.plan().steps()).allMatch(s -> s.transactional());
  }

  @Test
  void altersEveryObjectKindInPlaceAndKeepsRows() throws Exception {
    SchemaSnapshot start = referenceSnapshot();
    Convergence.converge(adapter, tenant, start);
    PostgresTestServer.exec(
        "INSERT INTO " + tenant + ".users (email, score) VALUES ('a@x', 1), ('b@x', 2)",
        "INSERT INTO "
            + tenant
            + ".orders (user_id, total) SELECT id, 500 FROM "
            + tenant
            + ".users");

    Table users = start.table("users").orElseThrow();
    List<Column> columns = new ArrayList<>();
    for (Column c : users.columns()) {
      switch (c.name()) {
        case "email" -> columns.add(c.withComment("login"));
        case "score" ->
            columns.add(c.withType("numeric(14,2)").withNullable(false).withDefaultValue("1"));
        case "name" -> columns.add(c.withCollation(null).withComment("display name"));
        case "tags" -> {} // dropped
        default -> columns.add(c);
      }
    }
    columns.add(new Column("nickname", "text", true, "'none'::text", null, null, null, null));
    columns.add(
        new Column("seq_no", "integer", false, null, Identity.BY_DEFAULT, null, null, null));
    Table newUsers =
        users
            .withColumns(columns)
            .withComment("accounts")
            .withUniques(
                List.of(
                    new UniqueConstraint("users_email_key", List.of("email")),
                    new UniqueConstraint("users_email_nickname_key", List.of("email", "nickname"))))
            .withChecks(
                List.of(new CheckConstraint("users_score_check", "(score >= (1)::numeric)")))
            .withIndexes(
                List.of(
                    users.indexes().get(0),
                    Index.on("users_created", false, List.of("created_at"))));
    Table orders = start.table("orders").orElseThrow();
    Table newOrders =
        orders
            .withColumns(
                orders.columns().stream()
                    .map(c -> c.name().equals("user_id") ? c.withType("bigint") : c)
                    .map(c -> c.name().equals("total") ? c.withType("numeric(14,2)") : c)
                    .toList())
            .withForeignKeys(
                List.of(
                    new ForeignKey(
                        "orders_user_id_fkey",
                        List.of("user_id"),
                        "users",
                        List.of("id"),
                        ReferentialAction.RESTRICT,
                        ReferentialAction.NO_ACTION,
                        false)))
            .withTriggers(List.of());
    Table audit =
        Table.of(
            "audit",
            List.of(
                new Column("id", "bigint", false, null, Identity.ALWAYS, null, null, null),
                Column.of("what", "text", true)),
            new PrimaryKey("audit_pkey", List.of("id")));
    SchemaSnapshot target =
        new SchemaSnapshot(
            List.of(newUsers, newOrders, audit),
            List.of(
                new View(
                    "big_orders",
                    "SELECT o.id FROM orders o WHERE (o.total > (200)::numeric)",
                    false),
                start.view("order_counts").orElseThrow()),
            List.of(
                start.routines().get(0),
                start.routines().get(1),
                new Routine(
                    "touch",
                    Routine.RoutineKind.FUNCTION,
                    "",
                    "trigger",
                    "plpgsql",
                    " BEGIN NEW.note := 'upd'; RETURN NEW; END ")),
            List.of(new EnumType("mood", List.of("sad", "meh", "ok", "happy", "ecstatic"))),
            start.domains(),
            List.of(new Sequence("invoice_numbers", 100, 10, null, 200000L, false, null)));

    Convergence.converge(adapter, tenant, target);

    try (Connection c = PostgresTestServer.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*), min(score) FROM " + tenant + ".users")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(2);
      assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("1");
    }
    try (Connection c = PostgresTestServer.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM " + tenant + ".orders")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(2);
    }
  }
}
