package io.schemasync.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.Target;
import io.schemasync.api.TenantContext;
import io.schemasync.api.TenantResult;
import io.schemasync.api.plan.MigrationStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extensions a schema needs are created before its objects, once per database, and read back from
 * what the objects depend on. Runs in a throwaway database: extensions are per database, and the
 * shared one must not keep them.
 */
class PostgresExtensionTest {
  @TempDir Path dir;
  private final String database = PostgresTestServer.uniqueName("ext");
  private PostgresAdapter adapter;

  @BeforeEach
  void setUp() {
    PostgresTestServer.url();
    PostgresTestServer.createDatabase(database);
    adapter = PostgresTestServer.openDatabase(database, Map.of());
  }

  @AfterEach
  void tearDown() {
    if (adapter != null) {
      adapter.close();
    }
    PostgresTestServer.dropDatabase(database);
  }

  /** The extensions this test can use: btree_gist and citext where the server ships them. */
  private static List<String> available() {
    List<String> found = new ArrayList<>();
    for (String name : List.of("btree_gist", "citext")) {
      if ("1"
          .equals(
              PostgresTestServer.query(
                  "SELECT count(*) FROM pg_available_extensions WHERE name = '" + name + "'"))) {
        found.add(name);
      }
    }
    if (found.isEmpty()) {
      fail("the PostgreSQL server ships neither btree_gist nor citext (postgresql-contrib)");
    }
    return found;
  }

  private static String schema(List<String> extensions) {
    boolean gist = extensions.contains("btree_gist");
    boolean citext = extensions.contains("citext");
    return "extensions: ["
        + String.join(", ", extensions)
        + ", pg_trgm]\n"
        + """
        tables:
          - name: rooms
            columns:
              - {name: id, type: integer, primaryKey: true}
              - {name: room, type: integer}
              - {name: during, type: tsrange}
              - {name: email, type: %s}
        """
            .formatted(citext ? "public.citext" : "text")
        + (gist
            ? """
                exclusions:
                  - method: gist
                    elements:
                      - {column: room, operator: "="}
                      - {column: during, operator: "&&"}
            """
            : "");
  }

  @Test
  void extensionsAreCreatedFirstOncePerDatabaseAndReadFromDependencies() throws Exception {
    List<String> extensions = available();
    Path file = dir.resolve("schema.yaml");
    Files.writeString(file, schema(extensions));
    try (SchemaSync sync =
        SchemaSync.builder().adapter(adapter).target(new Target.SchemaFile(file)).build()) {
      assertThat(sync.target().extensions())
          .as("pg_trgm is declared but nothing depends on it: not part of the schema")
          .containsExactlyElementsOf(extensions);
    }

    TenantResult first = Convergence.converge(adapter, "t1", new Target.SchemaFile(file));
    List<MigrationStep> steps = first.plan().steps();
    for (int i = 0; i < extensions.size(); i++) {
      assertThat(steps.get(i).description()).startsWith("create extension " + extensions.get(i));
      assertThat(steps.get(i).statements().get(1))
          .isEqualTo(
              "CREATE EXTENSION IF NOT EXISTS \"" + extensions.get(i) + "\" SCHEMA \"public\"");
    }
    assertThat(adapter.inspector().inspect(TenantContext.of("t1")).extensions())
        .containsExactlyElementsOf(extensions);
    PostgresTestServer.execIn(
        database, "INSERT INTO t1.rooms VALUES (1, 1, '[2024-01-01,2024-01-02)', 'A@x')");

    // a second tenant of the same database: the extensions exist, creating them is a no-op
    TenantResult second = Convergence.converge(adapter, "t2", new Target.SchemaFile(file));
    assertThat(second.plan().steps().get(0).description()).startsWith("create extension");
    assertThat(
            PostgresTestServer.queryIn(
                database,
                "SELECT count(*) FROM pg_extension WHERE extname = ANY('{btree_gist,citext}')"))
        .isEqualTo(String.valueOf(extensions.size()));
    assertThat(PostgresTestServer.queryIn(database, "SELECT count(*) FROM t1.rooms"))
        .isEqualTo("1");
    if (extensions.contains("citext")) {
      assertThat(
              PostgresTestServer.queryIn(
                  database, "SELECT count(*) FROM t1.rooms WHERE email = 'a@X'"))
          .as("the column has the extension's type")
          .isEqualTo("1");
    }
  }
}
