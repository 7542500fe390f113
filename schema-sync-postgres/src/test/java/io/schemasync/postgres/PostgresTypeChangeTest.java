package io.schemasync.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.Target;
import io.schemasync.api.TenantResult;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.PrimaryKey;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Column type changes between every pair of the property tests' types: the castable ones converge
 * (all in one plan), the others fail cleanly, naming the column, with the tenant unchanged.
 */
class PostgresTypeChangeTest {
  private PostgresAdapter adapter;
  private final List<String> schemas = new ArrayList<>();

  @BeforeEach
  void open() {
    adapter = PostgresTestServer.open();
  }

  @AfterEach
  void close() {
    adapter.close();
    PostgresTestServer.drop(schemas.toArray(String[]::new));
  }

  @Test
  void everyCastableTypeChangeConverges() {
    List<Table> before = new ArrayList<>();
    List<Table> after = new ArrayList<>();
    int n = 0;
    for (String from : PostgresCasts.TYPES) {
      for (String to : PostgresCasts.TYPES) {
        if (!from.equals(to) && PostgresCasts.castable(from, to)) {
          before.add(table("t" + n, from));
          after.add(table("t" + n, to));
          n++;
        }
      }
    }
    assertThat(n).isGreaterThan(40);
    String tenant = tenant();
    Convergence.converge(adapter, tenant, SchemaSnapshot.ofTables(before));
    Convergence.converge(adapter, tenant, SchemaSnapshot.ofTables(after));
  }

  @Test
  void aTypeChangeWithoutCastFailsNamingTheColumnAndChangesNothing() {
    for (List<String> pair :
        List.of(
            List.of("integer", "bytea"),
            List.of("timestamp with time zone", "integer"),
            List.of("boolean", "numeric(10,2)"))) {
      assertThat(PostgresCasts.castable(pair.get(0), pair.get(1))).isFalse();
      String tenant = tenant();
      Convergence.converge(
          adapter, tenant, SchemaSnapshot.ofTables(List.of(table("accounts", pair.get(0)))));
      try (SchemaSync sync =
          SchemaSync.builder()
              .adapter(adapter)
              .target(
                  new Target.Snapshot(
                      SchemaSnapshot.ofTables(List.of(table("accounts", pair.get(1))))))
              .build()) {
        String hash = sync.inspect(tenant).hash();
        TenantResult result = sync.sync(tenant);
        assertThat(result.failure()).as(pair.toString()).isNotNull();
        assertThat(result.failure().getMessage())
            .contains(tenant, "accounts.value", "cannot cast type", "nothing was changed");
        assertThat(sync.inspect(tenant).hash()).isEqualTo(hash);
      }
    }
  }

  @Test
  void aNarrowerStringOrBitTypeFailsOnAValueItCannotHoldInsteadOfCuttingIt() throws Exception {
    for (List<String> change :
        List.of(
            List.of("character varying(20)", "'abcdefghij'", "character varying(5)"),
            List.of("text", "'abcdefghij'", "character(4)"),
            List.of("integer", "123456", "character varying(3)"),
            List.of("bit(8)", "B'10101010'", "bit(4)"),
            List.of("text[]", "ARRAY['abcdef']", "character varying(3)[]"),
            List.of("text", "'abcdef'", "short_text"))) {
      String tenant = tenant();
      Convergence.converge(adapter, tenant, withShortText(table("accounts", change.get(0))));
      PostgresTestServer.exec(
          "INSERT INTO " + tenant + ".accounts VALUES (1, " + change.get(1) + ")");
      try (SchemaSync sync =
          SchemaSync.builder()
              .adapter(adapter)
              .target(new Target.Snapshot(withShortText(table("accounts", change.get(2)))))
              .build()) {
        TenantResult result = sync.sync(tenant);
        // an explicit cast would have cut the value to fit, and the step would have succeeded
        assertThat(result.failure()).as(change.toString()).isNotNull();
        assertThat(result.failure().getMessage()).contains("nothing was changed");
      }
      try (java.sql.Connection c = PostgresTestServer.connect();
          java.sql.Statement st = c.createStatement();
          java.sql.ResultSet rs =
              st.executeQuery(
                  "SELECT value::text = ("
                      + change.get(1)
                      + ")::"
                      + change.get(0)
                      + "::text FROM "
                      + tenant
                      + ".accounts")) {
        rs.next();
        assertThat(rs.getBoolean(1)).as("value kept, " + change).isTrue();
      }
    }
  }

  /** The table, and a domain {@code short_text} over {@code varchar(3)}. */
  private static SchemaSnapshot withShortText(Table table) {
    return new SchemaSnapshot(
        List.of(table),
        List.of(),
        List.of(),
        List.of(),
        List.of(
            new io.schemasync.api.model.DomainType(
                "short_text", "character varying(3)", false, null, List.of())),
        List.of(),
        List.of());
  }

  private String tenant() {
    String name = PostgresTestServer.uniqueName("types");
    schemas.add(name);
    return name;
  }

  private static Table table(String name, String valueType) {
    return Table.of(
        name,
        List.of(Column.of("id", "integer", false), Column.of("value", valueType, true)),
        new PrimaryKey(null, List.of("id")));
  }
}
