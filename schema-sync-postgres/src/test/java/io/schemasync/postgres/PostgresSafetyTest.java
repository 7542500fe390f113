package io.schemasync.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.schemasync.api.InvalidTenantException;
import io.schemasync.api.SchemaSync;
import io.schemasync.api.Target;
import io.schemasync.api.TenantContext;
import io.schemasync.api.TenantResult;
import io.schemasync.api.TenantSelection;
import io.schemasync.api.TenantStatus;
import io.schemasync.api.UnableToConnectException;
import io.schemasync.api.model.CheckConstraint;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.IndexPart;
import io.schemasync.api.model.PrimaryKey;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.View;
import io.schemasync.spi.ConnectionSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hostile names, search_path hijacks, read-only audits and password masking. */
class PostgresSafetyTest {
  private final String base = PostgresTestServer.uniqueName("safe");
  private final String hostile = "x\"; DROP SCHEMA public; -- ü" + base;
  private final String decoyTenant = base + "_decoy";
  private final String auditRole = base + "_auditor";
  private PostgresAdapter adapter;

  @BeforeEach
  void setUp() {
    PostgresTestServer.url();
    adapter = PostgresTestServer.open();
  }

  @AfterEach
  void tearDown() {
    adapter.close();
    PostgresTestServer.drop(hostile, decoyTenant, base, sixtyThreeBytes());
    PostgresTestServer.exec(
        "DROP TABLE IF EXISTS public." + base + "_t", "DROP ROLE IF EXISTS " + auditRole);
  }

  private String sixtyThreeBytes() {
    String name = base + "_";
    while (PgNames.utf8Length(name) + 2 <= 63) {
      name += "é";
    }
    while (PgNames.utf8Length(name) < 63) {
      name += "z";
    }
    return name;
  }

  private static SchemaSnapshot hostileTarget() {
    String table = "t\"able; DELETE FROM x; ✓";
    String column = "c'ol\"umn ü";
    return new SchemaSnapshot(
        List.of(
            new Table(
                table,
                List.of(
                    Column.of("id", "bigint", false),
                    new Column(
                        column,
                        "text",
                        true,
                        "'it''s'::text",
                        null,
                        null,
                        null,
                        "comment with 'quotes'")),
                new PrimaryKey(null, List.of("id")),
                List.of(),
                List.of(new CheckConstraint(null, "length(\"c'ol\"\"umn ü\") < 10")),
                List.of(),
                List.of(
                    new Index(
                        "ix \"quoted\"",
                        List.of(IndexPart.column(column)),
                        false,
                        null,
                        null,
                        List.of())),
                List.of(),
                "table comment")),
        List.of(
            new View(
                "v\"iew", "SELECT \"c'ol\"\"umn ü\" FROM \"t\"\"able; DELETE FROM x; ✓\"", false)),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  @Test
  void hostileNamesRoundTrip() {
    Convergence.converge(adapter, hostile, hostileTarget());
    SchemaSnapshot inspected = adapter.inspector().inspect(TenantContext.of(hostile));
    assertThat(inspected.tables())
        .extracting(Table::name)
        .containsExactly("t\"able; DELETE FROM x; ✓");
    assertThat(adapter.inspector().exists(TenantContext.of("public"))).isTrue();

    // a column that becomes an identity names its table and column in string literals
    PostgresTestServer.exec(
        "INSERT INTO "
            + PgNames.qualified(hostile, "t\"able; DELETE FROM x; ✓")
            + " (id) VALUES (41), (42)");
    Table t = hostileTarget().tables().get(0);
    Convergence.converge(
        adapter,
        hostile,
        hostileTarget()
            .withTables(
                List.of(
                    t.withColumns(
                        List.of(
                            t.columns()
                                .get(0)
                                .withIdentity(io.schemasync.api.model.Identity.BY_DEFAULT),
                            t.columns().get(1))))));
    PostgresTestServer.exec(
        "INSERT INTO "
            + PgNames.qualified(hostile, "t\"able; DELETE FROM x; ✓")
            + " DEFAULT VALUES");
  }

  @Test
  void sixtyThreeByteNamesWorkAndSixtyFourAreRefusedUpFront() {
    String name = sixtyThreeBytes();
    assertThat(PgNames.utf8Length(name)).isEqualTo(63);
    String longTable = "t" + name.substring(1);
    String longColumn = "c" + name.substring(1);
    Convergence.converge(
        adapter,
        name,
        SchemaSnapshot.ofTables(
            List.of(
                Table.of(
                    longTable,
                    List.of(Column.of(longColumn, "integer", false)),
                    new PrimaryKey(null, List.of(longColumn))))));
    assertThat(
            adapter
                .inspector()
                .inspect(TenantContext.of(name))
                .table(longTable)
                .orElseThrow()
                .hasColumn(longColumn))
        .isTrue();
    assertThatThrownBy(
            () ->
                adapter
                    .dialect()
                    .normalize(
                        SchemaSnapshot.ofTables(
                            List.of(
                                Table.of(
                                    longTable + "x",
                                    List.of(Column.of("id", "integer", false)),
                                    null)))))
        .isInstanceOf(io.schemasync.api.InvalidTargetException.class)
        .hasMessageContaining("64 bytes");
    assertThat(adapter.inspector().listTenants()).contains(TenantContext.of(name));

    String tooLong = name + "z";
    assertThat(PgNames.utf8Length(tooLong)).isEqualTo(64);
    assertThatThrownBy(() -> adapter.tenant(tooLong))
        .isInstanceOf(InvalidTenantException.class)
        .hasMessageContaining("63 bytes");
    try (SchemaSync sync =
        SchemaSync.builder()
            .adapter(adapter)
            .target(new Target.Snapshot(SchemaSnapshot.EMPTY))
            .build()) {
      assertThatThrownBy(() -> sync.sync(TenantSelection.ids(tooLong)))
          .isInstanceOf(InvalidTenantException.class);
    }
    assertThat(adapter.inspector().listTenants())
        .noneMatch(t -> t.id().startsWith(tooLong.substring(0, 40)) && !t.id().equals(name));
  }

  @Test
  void searchPathHijackTouchesOnlyTheNamedTenant() throws Exception {
    // decoys of the same names in public and in another tenant, and a session search_path on them
    PostgresTestServer.exec(
        "CREATE TABLE public." + base + "_t (id integer, keep text)",
        "CREATE SCHEMA " + decoyTenant,
        "CREATE TABLE " + decoyTenant + "." + base + "_t (id integer, keep text)");
    try (SchemaSync sync =
        SchemaSync.builder()
            .url(
                PostgresTestServer.withParameter(
                    "options", "-c%20search_path%3D" + decoyTenant + ",public"))
            .target(
                new Target.Snapshot(
                    SchemaSnapshot.ofTables(
                        List.of(
                            Table.of(
                                base + "_t",
                                List.of(
                                    Column.of("id", "bigint", false),
                                    Column.of("added", "text", true)),
                                new PrimaryKey(null, List.of("id")))))))
            .allowDestructive(true)
            .build()) {
      TenantResult result = sync.sync(base);
      assertThat(result.failure()).isNull();
      assertThat(result.status()).isEqualTo(TenantStatus.APPLIED);
    }
    try (Connection c = PostgresTestServer.connect();
        Statement st = c.createStatement()) {
      for (String schema : List.of("public", decoyTenant)) {
        try (ResultSet rs =
            st.executeQuery(
                "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns"
                    + " WHERE table_schema = '"
                    + schema
                    + "' AND table_name = '"
                    + base
                    + "_t'")) {
          rs.next();
          assertThat(rs.getString(1)).as("decoy in " + schema).isEqualTo("id,keep");
        }
      }
    }
    assertThat(adapter.inspector().inspect(TenantContext.of(base)).table(base + "_t")).isPresent();
  }

  @Test
  void auditWithAReadOnlyRoleWritesNothing() {
    Convergence.converge(adapter, base, hostileTarget());
    SchemaSnapshot stored = adapter.inspector().inspect(TenantContext.of(base));
    // every write this role attempts fails, so an audit that succeeds wrote nothing
    PostgresTestServer.exec(
        "CREATE ROLE " + auditRole + " LOGIN",
        "ALTER ROLE " + auditRole + " SET default_transaction_read_only = on",
        "GRANT USAGE ON SCHEMA " + PgNames.quote(base) + " TO " + auditRole,
        "GRANT SELECT ON ALL TABLES IN SCHEMA " + PgNames.quote(base) + " TO " + auditRole);
    String url = PostgresTestServer.withParameter("user", auditRole);
    try (SchemaSync sync =
        SchemaSync.builder().url(url).target(new Target.Snapshot(stored)).build()) {
      var report = sync.audit(TenantSelection.ids(base));
      assertThat(report.results())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.failure()).isNull();
                assertThat(r.status()).isEqualTo(TenantStatus.IN_SYNC);
              });
      PostgresTestServer.exec(
          "ALTER TABLE "
              + PgNames.quote(base)
              + "."
              + PgNames.quote("t\"able; DELETE FROM x; ✓")
              + " ADD COLUMN drift integer");
      assertThat(sync.audit(TenantSelection.ids(base)).results().get(0).status())
          .isEqualTo(TenantStatus.DRIFT);
    }
  }

  @Test
  void passwordsNeverAppearInErrors() {
    String secret = "s3cr3t-Pa55";
    ConnectionSettings unreachable =
        new ConnectionSettings(
            "jdbc:postgresql://127.0.0.1:1/test?user=postgres&password="
                + secret
                + "&connectTimeout=2",
            "postgres",
            secret,
            Map.of(),
            null);
    assertThatThrownBy(() -> new PostgresAdapterProvider().open(unreachable))
        .isInstanceOf(UnableToConnectException.class)
        .satisfies(e -> assertThat(fullText(e)).doesNotContain(secret).contains("***"));
    ConnectionSettings noDatabase =
        new ConnectionSettings(
            "jdbc:postgresql://127.0.0.1:5432/no_such_db_" + base + "?password=" + secret,
            "postgres",
            secret,
            Map.of(),
            null);
    assertThatThrownBy(() -> new PostgresAdapterProvider().open(noDatabase))
        .isInstanceOf(UnableToConnectException.class)
        .satisfies(e -> assertThat(fullText(e)).doesNotContain(secret).contains("does not exist"));
    assertThat(unreachable.toString()).doesNotContain(secret);
  }

  private static String fullText(Throwable e) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      out.append(t).append('\n');
    }
    return out.toString();
  }
}
