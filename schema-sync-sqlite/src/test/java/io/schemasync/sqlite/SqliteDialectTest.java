package io.schemasync.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.schemasync.api.InvalidTargetException;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.DomainType;
import io.schemasync.api.model.EnumType;
import io.schemasync.api.model.Identity;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.IndexPart;
import io.schemasync.api.model.PrimaryKey;
import io.schemasync.api.model.Routine;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Sequence;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.TableOptions;
import io.schemasync.api.model.Trigger;
import io.schemasync.api.model.TriggerEvent;
import io.schemasync.api.model.TriggerTiming;
import io.schemasync.api.model.View;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Quoting, types and normalization of the SQLite dialect. */
class SqliteDialectTest {
  private final SqliteDialect dialect = new SqliteDialect();

  @Test
  void quotesAnyName() {
    assertThat(dialect.quote("a")).isEqualTo("\"a\"");
    assertThat(dialect.quote("x\"; DROP TABLE t; --")).isEqualTo("\"x\"\"; DROP TABLE t; --\"");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "smallint|INTEGER",
        "integer|INTEGER",
        "bigint|INTEGER",
        "int4|INTEGER",
        "real|REAL",
        "double|DOUBLE",
        "float8|DOUBLE",
        "numeric(10, 2)|NUMERIC(10,2)",
        "numeric|NUMERIC",
        "boolean|BOOLEAN",
        "bool|BOOLEAN",
        "varchar(255)|VARCHAR(255)",
        "char(3)|CHAR(3)",
        "text|TEXT",
        "bytes|BLOB",
        "bytea|BLOB",
        "date|DATE",
        "time|TIME",
        "timestamp|TIMESTAMP",
        "timestamptz|TIMESTAMPTZ",
        "uuid|TEXT",
        "json|TEXT",
        "jsonb|TEXT",
        "INT|INT",
        "tinyint|TINYINT",
        "int8|INT8",
        "unsigned big int|UNSIGNED BIG INT",
        "character(20)|CHARACTER(20)",
        "varying character(255)|VARYING CHARACTER(255)",
        "nvarchar(100)|NVARCHAR(100)",
        "clob|CLOB",
        "blob|BLOB",
        "double precision|DOUBLE PRECISION",
        "float|FLOAT",
        "decimal(10,5)|DECIMAL(10,5)",
        "datetime|DATETIME",
        "any|ANY",
        "varchar|VARCHAR"
      })
  void resolvesPortableAndNativeTypes(String declared, String resolved) {
    assertThat(dialect.resolveType(declared)).contains(resolved);
    assertThat(dialect.resolveType(resolved)).as("resolution is stable").isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"varchr(10)", "integer[]", "numeric(a,b)", "money", "\"text\"", "varchar(1,2,3)"})
  void rejectsUnknownTypes(String declared) {
    assertThat(dialect.resolveType(declared)).isEqualTo(Optional.empty());
  }

  @Test
  void normalizationDropsWhatSqliteCannotReportAndIsIdempotent() {
    Table table =
        new Table(
            "t",
            List.of(
                new Column("id", "INTEGER", true, null, Identity.ALWAYS, null, null, "the id"),
                new Column("name", "text", false, "(  'x'  )", null, null, "binary", null)),
            new PrimaryKey("pk_t", List.of("id")),
            List.of(),
            List.of(),
            List.of(),
            List.of(
                new Index(
                    "ix",
                    List.of(IndexPart.expression(" ( name ) ")),
                    false,
                    "  name IS  NOT NULL ",
                    "btree",
                    List.of())),
            List.of(
                new Trigger(
                    "tr",
                    TriggerTiming.AFTER,
                    List.of(TriggerEvent.INSERT),
                    List.of(),
                    true,
                    null,
                    "  UPDATE t SET name = 'y'  ")),
            "comment");
    SchemaSnapshot normalized = dialect.normalize(SchemaSnapshot.ofTables(List.of(table)));
    Table t = normalized.tables().get(0);
    assertThat(t.comment()).isNull();
    assertThat(t.primaryKey().name()).isNull();
    assertThat(t.columns())
        .containsExactly(
            new Column("id", "INTEGER", false, null, Identity.BY_DEFAULT, null, null, null),
            new Column("name", "TEXT", false, "'x'", null, null, null, null));
    assertThat(t.indexes().get(0))
        .isEqualTo(
            new Index(
                "ix",
                List.of(IndexPart.column("name")),
                false,
                "name IS NOT NULL",
                null,
                List.of()));
    assertThat(t.triggers().get(0).body()).isEqualTo("UPDATE t SET name = 'y';");
    assertThat(dialect.normalize(normalized)).isEqualTo(normalized);
  }

  @Test
  void rejectsWhatSqliteCannotHoldNamingTheObject() {
    SchemaSnapshot empty = SchemaSnapshot.EMPTY;
    assertThatThrownBy(
            () ->
                dialect.normalize(
                    new SchemaSnapshot(
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(new EnumType("status", List.of("a"))),
                        List.of(),
                        List.of())))
        .isInstanceOf(InvalidTargetException.class)
        .hasMessageContaining("SQLite has no enum types (enum status); use");
    assertThatThrownBy(
            () -> dialect.normalize(SchemaSnapshot.EMPTY.withExtensions(List.of("citext"))))
        .isInstanceOf(InvalidTargetException.class)
        .hasMessageContaining("SQLite has no extensions (extension citext)");
    assertThatThrownBy(
            () ->
                dialect.normalize(
                    new SchemaSnapshot(
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(new DomainType("email", "TEXT", false, null, List.of())),
                        List.of())))
        .hasMessageContaining("domain email");
    assertThatThrownBy(
            () ->
                dialect.normalize(
                    new SchemaSnapshot(
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(new Sequence("seq", 1, 1, null, null, false, null)))))
        .hasMessageContaining("sequence seq");
    assertThatThrownBy(
            () ->
                dialect.normalize(
                    new SchemaSnapshot(
                        List.of(),
                        List.of(),
                        List.of(
                            new Routine(
                                "f", Routine.RoutineKind.FUNCTION, "", "int", "sql", "select 1")),
                        List.of(),
                        List.of(),
                        List.of())))
        .hasMessageContaining("function f()");
    assertThatThrownBy(
            () -> dialect.normalize(empty.withViews(List.of(new View("mv", "SELECT 1", true)))))
        .hasMessageContaining("materialized views (view mv)");
    Table withMethod =
        Table.of("t", List.of(Column.of("a", "TEXT", true)), null)
            .withIndexes(
                List.of(
                    new Index(
                        "ix", List.of(IndexPart.column("a")), false, null, "gin", List.of())));
    assertThatThrownBy(() -> dialect.normalize(SchemaSnapshot.ofTables(List.of(withMethod))))
        .hasMessageContaining("index ix on t asks for method 'gin'");
    Table collated = Table.of("t", List.of(Column.of("a", "TEXT", true).withCollation("C")), null);
    assertThatThrownBy(() -> dialect.normalize(SchemaSnapshot.ofTables(List.of(collated))))
        .hasMessageContaining("column t.a asks for C");
    Table identity =
        Table.of(
            "t",
            List.of(new Column("a", "TEXT", false, null, Identity.BY_DEFAULT, null, null, null)),
            null);
    assertThatThrownBy(() -> dialect.normalize(SchemaSnapshot.ofTables(List.of(identity))))
        .hasMessageContaining("column t.a has identity");
  }

  @Test
  void mysqlTableOptionsAreIgnoredAndInvisibleIndexesRefused() {
    Table t =
        Table.of("t", List.of(Column.of("a", "INTEGER", false)), null)
            .withOptions(new TableOptions("InnoDB", "utf8mb4", null));
    assertThat(dialect.normalize(SchemaSnapshot.ofTables(List.of(t))).tables().get(0).options())
        .isNull();
    Table hidden =
        t.withIndexes(List.of(Index.on("ix_a", false, List.of("a")).withInvisible(true)));
    assertThatThrownBy(() -> dialect.normalize(SchemaSnapshot.ofTables(List.of(hidden))))
        .isInstanceOf(InvalidTargetException.class)
        .hasMessageContaining("index ix_a of table t is declared invisible");
  }
}
