package io.schemasync.internal.target;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.InvalidTargetException;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Names: plain identifiers by default, anything printable with {@code identifiers: quoted}. */
class IdentifierRulesTest {
  private static final String LONG_64 = "a".repeat(64);
  private static final String LONG_129 = "b".repeat(129);

  @TempDir Path dir;

  /** A document with one table of the given name (escaped for a YAML double-quoted scalar). */
  private Path tableNamed(String mode, String yamlName) {
    String header = mode == null ? "" : "identifiers: " + mode + "\n";
    return Documents.write(
        dir,
        "schema.yaml",
        header
            + """
              tables:
                - name: "%s"
                  columns:
                    - {name: id, type: bigint}
              """
                .formatted(yamlName));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "x\\\"; DROP TABLE t; --",
        "x\\\"; DROP SCHEMA public; --",
        "has space",
        "café",
        "Ωmega",
        "1st",
        "dash-name",
        "semi;colon",
        "back`tick",
        "a.b"
      })
  void hostileOrUnusualNamesAreRejectedInStrictMode(String yamlName) {
    InvalidTargetException e = Documents.failure(tableNamed(null, yamlName));

    assertThat(e.location().line()).isEqualTo(2);
    assertThat(e.location().objectPath()).isEqualTo("tables[0].name");
    assertThat(e.getMessage())
        .contains("table name '")
        .contains("is not a plain identifier")
        .contains("write 'identifiers: quoted' at the top of the document");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "x\\\"; DROP TABLE t; --",
        "x\\\"; DROP SCHEMA public; --",
        "has space",
        "café",
        "Ωmega",
        "1st",
        "dash-name",
        "semi;colon",
        "back`tick",
        "a.b"
      })
  void theSameNamesAreAcceptedInQuotedModeExactlyAsWritten(String yamlName) {
    String expected = yamlName.replace("\\\"", "\"");

    SchemaSnapshot schema = Documents.resolve(tableNamed("quoted", yamlName)).snapshot();

    assertThat(schema.tables()).extracting(Table::name).containsExactly(expected);
  }

  @Test
  void strictModeIsTheDefaultAndCanBeWritten() {
    InvalidTargetException e = Documents.failure(tableNamed("strict", "has space"));

    assertThat(e.location().line()).isEqualTo(3);
    assertThat(e.getMessage()).contains("table name 'has space' is not a plain identifier");
  }

  @Test
  void strictNamesAreAtMost63Bytes() {
    InvalidTargetException e = Documents.failure(tableNamed(null, LONG_64));

    assertThat(e.getMessage()).contains("is longer than 63 bytes");
    assertThat(Documents.resolve(tableNamed(null, "a".repeat(63))).snapshot().tables()).hasSize(1);
  }

  @Test
  void quotedNamesAreAtMost128Characters() {
    InvalidTargetException e = Documents.failure(tableNamed("quoted", LONG_129));

    assertThat(e.getMessage()).contains("is 129 characters long; names are at most 128");
    assertThat(e.getMessage()).doesNotContain(LONG_129);
  }

  @Test
  void controlCharactersAreRejectedEvenWhenQuotedAndNeverPrinted() {
    InvalidTargetException e = Documents.failure(tableNamed("quoted", "evil\\e[31mred"));

    assertThat(e.location().line()).isEqualTo(3);
    assertThat(e.getMessage())
        .contains("contains a control character")
        .contains("evil\\u001b[31mred");
    assertThat(e.getMessage().chars()).noneMatch(Character::isISOControl);
  }

  @Test
  void unknownIdentifierModeIsReported() {
    InvalidTargetException e = Documents.failure(tableNamed("loose", "users"));

    assertThat(e.location().line()).isEqualTo(1);
    assertThat(e.getMessage())
        .contains(
            "'identifiers' of the schema document is 'loose'; expected one of strict, quoted");
  }

  @Test
  void everyKindOfNameIsChecked() {
    Path file =
        Documents.write(
            dir,
            "schema.yaml",
            """
            tables:
              - name: users
                columns:
                  - {name: "e mail", type: text, unique: true}
                checks:
                  - {name: "chk one", expression: "1 = 1"}
                indexes:
                  - {name: "idx one", columns: ["e mail"]}
                triggers:
                  - {name: "trg one", timing: after, events: [insert], body: x}
            views:
              - {name: "my view", definition: SELECT 1}
            enums:
              - {name: "my enum", values: [a]}
            sequences:
              - {name: "my seq"}
            """);

    InvalidTargetException e = Documents.failure(file);

    assertThat(e.getMessage())
        .contains("schema.yaml:4:")
        .contains("column name 'e mail'")
        .contains("schema.yaml:6:")
        .contains("check name 'chk one'")
        .contains("schema.yaml:8:")
        .contains("index name 'idx one'")
        .contains("schema.yaml:10:")
        .contains("trigger name 'trg one'")
        .contains("schema.yaml:12:")
        .contains("view name 'my view'")
        .contains("schema.yaml:14:")
        .contains("enum name 'my enum'")
        .contains("schema.yaml:16:")
        .contains("sequence name 'my seq'");
  }

  @Test
  void quotedModeKeepsReferencesAndGeneratesShortIndexNames() {
    String table = "Überweisungen mit sehr langem Namen für Tests ÄÖÜ";
    Path file =
        Documents.write(
            dir,
            "schema.yaml",
            """
            identifiers: quoted
            tables:
              - name: "%s"
                columns:
                  - {name: "Kunden Nr", type: bigint, primaryKey: true}
                  - {name: "Betrag €", type: "numeric(10,2)"}
                indexes:
                  - columns: ["Betrag €", "Kunden Nr"]
              - name: "x\\"; DROP TABLE t; --"
                columns:
                  - name: "ref"
                    type: bigint
                    references: {table: "%s", column: "Kunden Nr"}
            """
                .formatted(table, table));

    SchemaSnapshot schema = Documents.resolve(file).snapshot();

    Table hostile = schema.table("x\"; DROP TABLE t; --").orElseThrow();
    assertThat(hostile.foreignKeys())
        .singleElement()
        .satisfies(fk -> assertThat(fk.referencedColumns()).containsExactly("Kunden Nr"));
    String indexName = schema.table(table).orElseThrow().indexes().get(0).name();
    assertThat(indexName).startsWith("idx_Überweisungen_mit_sehr_langem");
    assertThat(indexName.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
    assertThat(schema.table(table).orElseThrow().columns())
        .extracting(Column::name)
        .containsExactly("Kunden Nr", "Betrag €");
  }

  @Test
  void singleTableFileMayOptIntoQuotedNames() {
    Path file =
        Documents.write(
            dir,
            "orders.yaml",
            """
            identifiers: quoted
            table: "Order Lines"
            columns:
              - {name: "Line #", type: integer, primaryKey: true}
            """);

    assertThat(Documents.resolve(file).snapshot().table("Order Lines")).isPresent();
  }
}
