package io.schemasync.internal.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.schemasync.api.InvalidTargetException;
import io.schemasync.api.Target;
import io.schemasync.api.TenantContext;
import io.schemasync.api.change.RenameHints;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.PrimaryKey;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of target resolves through the adapter, and nothing is ever written. */
class TargetResolverTest {
  private static final SchemaSnapshot ONE_TABLE =
      SchemaSnapshot.ofTables(
          List.of(Table.of("t", List.of(Column.of("id", "INTEGER", false)), null)));

  @TempDir Path dir;

  @Test
  void schemaFileTypesAreMappedByTheDialect() {
    Path file =
        Documents.write(
            dir,
            "schema.yaml",
            """
            domains:
              - {name: money, type: "numeric(12, 2)"}
            tables:
              - name: users
                columns:
                  - {name: id, type: int8, primaryKey: true}
                  - {name: handle, type: citext}
                  - {name: tags, type: "text[]"}
                  - {name: balance, type: money}
                  - {name: age, type: tinyint, nullable: true}
            """);

    SchemaSnapshot schema = Documents.resolve(file).snapshot();

    assertThat(schema.table("users").orElseThrow().columns())
        .extracting(Column::type)
        .containsExactly("BIGINT", "CITEXT", "TEXT[]", "money", "TINYINT");
    assertThat(schema.domains().get(0).baseType()).isEqualTo("NUMERIC(12,2)");
  }

  @Test
  void unknownDomainBaseTypeIsReportedAtItsLine() {
    Path file =
        Documents.write(
            dir,
            "schema.yaml",
            """
            domains:
              - name: money
                type: moneyz
            tables:
              - name: t
                columns: [{name: m, type: money}]
            """);

    InvalidTargetException e = Documents.failure(file);

    assertThat(e.location().line()).isEqualTo(3);
    assertThat(e.getMessage()).contains("unknown type 'moneyz' for domain money");
  }

  @Test
  void everyUnknownTypeIsReportedInOneError() {
    Path file =
        Documents.write(
            dir,
            "schema.yaml",
            """
            tables:
              - name: t
                columns:
                  - {name: a, type: strnig}
                  - {name: b, type: integer}
                  - {name: c, type: geography}
            """);

    InvalidTargetException e = Documents.failure(file);

    assertThat(e.location().line()).isEqualTo(4);
    assertThat(e.getMessage())
        .contains("unknown type 'strnig' for column t.a")
        .contains("and 1 more problem:")
        .contains("schema.yaml:6:")
        .contains("unknown type 'geography' for column t.c");
  }

  @Test
  void unknownTypesAndBrokenReferencesAreReportedTogether() {
    Path file =
        Documents.write(
            dir,
            "schema.yaml",
            """
            tables:
              - name: orders
                columns:
                  - name: customer_id
                    type: bigint
                    references: {table: clients, column: id}
                  - name: total
                    type: numerci(12,2)
            """);

    InvalidTargetException e = Documents.failure(file);

    assertThat(e.location().line()).isEqualTo(6);
    assertThat(e.getMessage())
        .contains("references table clients, which is not declared")
        .contains("schema.yaml:8:")
        .contains("unknown type 'numerci(12,2)' for column orders.total (did you mean 'numeric'?)");
  }

  @Test
  void schemaFileErrorsFromTheDialectPassThrough() {
    StubDialect refusing =
        new StubDialect(
            s -> {
              throw new InvalidTargetException(null, "stub has no materialized views");
            });
    Target target = new Target.SchemaFile(Documents.resource("full/shop.yaml"));

    assertThatThrownBy(() -> TargetResolver.resolve(target, new StubAdapter(refusing)))
        .isInstanceOf(InvalidTargetException.class)
        .hasMessage("stub has no materialized views");
  }

  @Test
  void missingSchemaPathIsReported() {
    Target target = new Target.SchemaFile(dir.resolve("nope.yaml"));

    assertThatThrownBy(() -> TargetResolver.resolve(target, new StubAdapter()))
        .isInstanceOfSatisfying(
            InvalidTargetException.class,
            e -> assertThat(e.location().file()).endsWith("nope.yaml"))
        .hasMessageContaining("does not exist");
  }

  @Test
  void directoryWithoutSchemaFilesIsReported() throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "nothing");
    Files.createDirectory(dir.resolve("nested"));
    Documents.write(
        dir.resolve("nested"), "t.yaml", "table: t\ncolumns: [{name: id, type: bigint}]\n");

    assertThatThrownBy(() -> Documents.resolve(dir))
        .isInstanceOf(InvalidTargetException.class)
        .hasMessageContaining("holds no .yaml, .yml or .json file");
  }

  @Test
  void sqlFileIsBuiltByTheAdapterAndNormalized() throws Exception {
    Path sql = dir.resolve("schema.sql");
    Files.writeString(sql, "CREATE TABLE t (id INTEGER NOT NULL); -- café\n");
    StubAdapter adapter = new StubAdapter();
    adapter.sqlResult = ONE_TABLE;

    ResolvedTarget resolved = TargetResolver.resolve(new Target.SqlFile(sql), adapter);

    assertThat(adapter.sqlRun).containsExactly("CREATE TABLE t (id INTEGER NOT NULL); -- café\n");
    assertThat(adapter.sqlSources).containsExactly(sql.toString());
    assertThat(adapter.dialect.normalized).containsExactly(ONE_TABLE);
    assertThat(resolved.snapshot()).isEqualTo(ONE_TABLE);
    assertThat(resolved.renames()).isEqualTo(RenameHints.NONE);
    assertThat(resolved.description()).isEqualTo(sql.toString());
  }

  @Test
  void sqlFileThatIsNotUtf8IsRefusedBeforeReachingTheDatabase() throws Exception {
    Path sql = dir.resolve("latin1.sql");
    Files.write(sql, new byte[] {'-', '-', ' ', (byte) 0xE9, '\n'});
    StubAdapter adapter = new StubAdapter();

    assertThatThrownBy(() -> TargetResolver.resolve(new Target.SqlFile(sql), adapter))
        .isInstanceOf(InvalidTargetException.class)
        .hasMessageContaining("not valid UTF-8");
    assertThat(adapter.sqlRun).isEmpty();
  }

  @Test
  void missingSqlFileIsReported() {
    assertThatThrownBy(
            () ->
                TargetResolver.resolve(
                    new Target.SqlFile(dir.resolve("gone.sql")), new StubAdapter()))
        .isInstanceOf(InvalidTargetException.class)
        .hasMessageContaining("gone.sql: the SQL file does not exist");
  }

  @Test
  void referenceTenantIsInspectedAndNormalized() {
    StubAdapter adapter = new StubAdapter();
    adapter.tenants.put(TenantContext.of("template"), ONE_TABLE);

    ResolvedTarget resolved =
        TargetResolver.resolve(new Target.ReferenceTenant("template"), adapter);

    assertThat(resolved.snapshot()).isEqualTo(ONE_TABLE);
    assertThat(adapter.dialect.normalized).containsExactly(ONE_TABLE);
    assertThat(resolved.description()).isEqualTo("tenant:template");
    assertThat(resolved.renames().isEmpty()).isTrue();
  }

  @Test
  void missingReferenceTenantIsInvalidInput() {
    assertThatThrownBy(
            () -> TargetResolver.resolve(new Target.ReferenceTenant("template"), new StubAdapter()))
        .isInstanceOf(InvalidTargetException.class)
        .hasMessageContaining("reference tenant template does not exist");
  }

  @Test
  void invalidReferenceTenantIdIsInvalidTarget() {
    assertThatThrownBy(
            () -> TargetResolver.resolve(new Target.ReferenceTenant("a/b"), new StubAdapter()))
        .isInstanceOf(InvalidTargetException.class)
        .hasMessageContaining("reference tenant a/b is not a valid tenant id");
  }

  @Test
  void snapshotTargetIsNormalized() {
    StubDialect dialect =
        new StubDialect(
            s ->
                s.withTables(
                    List.of(
                        s.tables()
                            .get(0)
                            .withPrimaryKey(new PrimaryKey("t_pkey", List.of("id"))))));

    ResolvedTarget resolved =
        TargetResolver.resolve(new Target.Snapshot(ONE_TABLE), new StubAdapter(dialect));

    assertThat(resolved.snapshot().table("t").orElseThrow().primaryKey().name())
        .isEqualTo("t_pkey");
    assertThat(resolved.description()).startsWith("snapshot ");
  }
}
