package io.schemasync.internal.target;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.InvalidTargetException;
import io.schemasync.api.SchemaSyncException.ErrorCategory;
import io.schemasync.spi.PortableType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every mistake in a schema file is reported at its file and line. */
class SchemaValidationTest {
  @TempDir Path dir;

  private InvalidTargetException failure(String yaml) {
    return Documents.failure(Documents.write(dir, "schema.yaml", yaml));
  }

  private static void assertAt(InvalidTargetException e, int line, String... fragments) {
    assertThat(e.category()).isEqualTo(ErrorCategory.INVALID_INPUT);
    assertThat(e.location()).as(e.getMessage()).isNotNull();
    assertThat(e.location().file()).endsWith(".yaml");
    assertThat(e.location().line()).as(e.getMessage()).isEqualTo(line);
    assertThat(e.getMessage()).contains(fragments);
  }

  @Test
  void malformedYamlNamesTheLine() {
    InvalidTargetException e =
        failure(
            """
            tables:
              - name: users
                columns: [
                  {name: id, type: bigint}
              - name: orders
            """);

    // SnakeYAML points at the end of the flow list that misses its ']'.
    assertAt(e, 4, "malformed YAML", "expected ',' or ']'");
    assertThat(e.getMessage()).doesNotContain("^").doesNotContain("in 'reader'");
  }

  @Test
  void malformedJsonNamesTheLine() {
    Path file =
        Documents.write(
            dir,
            "schema.json",
            """
            {
              "tables": [
                {"name": "users", "columns": [{"name": "id", "type": "bigint"}]}
              ,
            }
            """);

    InvalidTargetException e = Documents.failure(file);

    assertThat(e.location().line()).isEqualTo(5);
    assertThat(e.getMessage()).contains("malformed JSON").doesNotContain("REDACTED");
  }

  @Test
  void unknownPropertyNamesTheObjectAndTheExpectedOnes() {
    InvalidTargetException e =
        failure(
            """
            tables:
              - name: users
                columns:
                  - name: id
                    type: bigint
                  - name: email
                    type: text
                    nulable: true
            """);

    assertAt(
        e,
        8,
        "unknown property 'nulable' in column users.email; expected one of name, type, nullable,");
    assertThat(e.location().objectPath()).isEqualTo("tables.users.columns.email");
  }

  @Test
  void unknownTopLevelPropertyIsReported() {
    assertAt(
        failure(
            """
            tabels:
              - name: users
            """),
        1,
        "unknown property 'tabels' in the schema document; expected one of identifiers, tables,");
  }

  @Test
  void wrongValueKindsAreReported() {
    InvalidTargetException e =
        failure(
            """
            tables:
              - name: users
                columns:
                  - name: id
                    type: bigint
                    nullable: "yes"
                  - name: n
                    type: [text]
                indexes: users_id
            """);

    assertAt(e, 6, "'nullable' of column users.id must be true or false, not text");
    assertThat(e.getMessage())
        .contains("schema.yaml:8:")
        .contains("'type' of column users.n must be text, not a list")
        .contains("schema.yaml:9:")
        .contains("'indexes' of table users must be a list, not text");
  }

  @Test
  void topLevelValueOfTheWrongKindIsReported() {
    InvalidTargetException e = failure("tables:\n  users: {}\n");

    assertAt(e, 2, "'tables' of the schema document must be a list, not a mapping");
    assertThat(e.location().objectPath()).isEqualTo("tables");
  }

  @Test
  void missingNameAndTypeAreReported() {
    InvalidTargetException e =
        failure(
            """
            tables:
              - name: users
                columns:
                  - name: id
                  - type: text
              - columns:
                  - {name: x, type: text}
            """);

    assertAt(e, 4, "missing 'type' in column users.id");
    assertThat(e.getMessage())
        .contains("schema.yaml:5:")
        .contains("missing 'name' in column 2 of table users")
        .contains("schema.yaml:6:")
        .contains("missing 'name' in table 2");
  }

  @Test
  void duplicateYamlKeyIsReported() {
    assertAt(
        failure(
            """
            tables:
              - name: users
                columns:
                  - name: id
                    type: bigint
                    type: integer
            """),
        6,
        "duplicate key 'type' (first written at line 5)");
  }

  @Test
  void duplicateTableInOneFileNamesBothLines() {
    InvalidTargetException e =
        failure(
            """
            tables:
              - name: users
                columns: [{name: id, type: bigint}]
              - name: users
                columns: [{name: id, type: bigint}]
            """);

    assertAt(e, 4, "table users is declared twice: here and at ", "schema.yaml:2:");
  }

  @Test
  void duplicateTableInTwoFilesNamesBothFiles() throws Exception {
    Path schema = Files.createDirectory(dir.resolve("schema"));
    Documents.write(
        schema,
        "a.yaml",
        """
        table: users
        columns:
          - {name: id, type: bigint}
        """);
    Documents.write(
        schema,
        "b.yaml",
        """
        # users again, by mistake
        tables:
          - name: orders
            columns: [{name: id, type: bigint}]
          - name: users
            columns: [{name: id, type: bigint}]
        """);

    InvalidTargetException e = Documents.failure(schema);

    assertThat(e.location().file()).endsWith("b.yaml");
    assertThat(e.location().line()).isEqualTo(5);
    assertThat(e.getMessage()).contains("table users is declared twice").contains("a.yaml:1:1");
  }

  @Test
  void duplicateColumnsIndexesConstraintsAndTriggersAreReported() {
    InvalidTargetException e =
        failure(
            """
            tables:
              - name: users
                columns:
                  - {name: id, type: bigint}
                  - {name: email, type: text}
                  - {name: id, type: integer}
                checks:
                  - {name: c1, expression: id > 0}
                  - {name: c1, expression: id < 10}
                uniques:
                  - {columns: [email]}
                  - {columns: [email]}
                indexes:
                  - {name: i1, columns: [email]}
                  - {name: i1, columns: [id]}
                triggers:
                  - {name: t1, timing: after, events: [insert], body: x}
                  - {name: t1, timing: after, events: [delete], body: y}
            """);

    assertAt(e, 6, "column users.id is declared twice: here and at ", "schema.yaml:4:");
    assertThat(e.getMessage())
        .contains("schema.yaml:9:")
        .contains("check c1 of table users is declared twice")
        .contains("schema.yaml:12:")
        .contains("unique constraint unique[email] of table users is declared twice")
        .contains("schema.yaml:15:")
        .contains("index i1 of table users is declared twice")
        .contains("schema.yaml:18:")
        .contains("trigger t1 of table users is declared twice");
  }

  @Test
  void constraintNameUsedByTwoKindsIsReported() {
    assertAt(
        failure(
            """
            tables:
              - name: users
                columns:
                  - {name: id, type: bigint}
                primaryKey: {name: users_key, columns: [id]}
                uniques:
                  - {name: users_key, columns: [id]}
            """),
        7,
        "constraint name users_key in table users is declared twice");
  }

  @Test
  void malformedTypeIsReported() {
    assertAt(
        failure(
            """
            tables:
              - name: users
                columns:
                  - {name: id, type: bigint}
                  - {name: email, type: "varchar((255)"}
            """),
        5,
        "type 'varchar((255)' of column users.email is not a type");
  }

  @Test
  void portableTypeWithWrongModifierCountIsReported() {
    InvalidTargetException e =
        failure(
            """
            tables:
              - name: users
                columns:
                  - name: id
                    type: bigint(20)
                  - name: email
                    type: varchar
                  - name: price
                    type: numeric(1,2,3)
            """);

    assertAt(e, 5, "type 'bigint(20)' of column users.id takes no modifiers");
    assertThat(e.getMessage())
        .contains("schema.yaml:7:")
        .contains("type 'varchar' of column users.email needs a length: write varchar(n)")
        .contains("schema.yaml:9:")
        .contains("numeric(10,2)");
  }

  @Test
  void unknownTypeListsPortableAndNativeTypes() {
    InvalidTargetException e =
        failure(
            """
            tables:
              - name: users
                columns:
                  - name: id
                    type: bigint
                  - name: email
                    type: strnig
            """);

    assertAt(
        e,
        7,
        "unknown type 'strnig' for column users.email; use a portable type (",
        String.join(", ", PortableType.spellings()),
        ") or a native stub type (citext, tinyint)");
    assertThat(e.location().objectPath()).isEqualTo("tables.users.columns.email.type");
  }

  @Test
  void nearMissTypeGetsASuggestion() {
    assertAt(
        failure(
            """
            tables:
              - name: users
                columns:
                  - {name: id, type: bigitn}
            """),
        4,
        "unknown type 'bigitn' for column users.id (did you mean 'bigint'?)");
  }

  @Test
  void foreignKeyToMissingTableOrColumnIsReported() {
    InvalidTargetException e =
        failure(
            """
            tables:
              - name: orders
                columns:
                  - name: id
                    type: bigint
                    primaryKey: true
                  - name: user_id
                    type: bigint
                    references: {table: users, column: id}
                  - name: parent_id
                    type: bigint
                    nullable: true
                    references: {table: orders, column: uid}
            """);

    assertAt(
        e,
        9,
        "foreign key [user_id] of table orders references table users, which is not declared");
    assertThat(e.getMessage())
        .contains("schema.yaml:13:")
        .contains(
            "foreign key [parent_id] of table orders references column(s) uid that table orders"
                + " does not have");
  }

  @Test
  void foreignKeyColumnCountMismatchIsReported() {
    assertAt(
        failure(
            """
            tables:
              - name: users
                columns: [{name: id, type: bigint, primaryKey: true}]
              - name: orders
                columns:
                  - {name: a, type: bigint}
                  - {name: b, type: bigint}
                foreignKeys:
                  - name: orders_user
                    columns: [a, b]
                    references: {table: users, columns: [id]}
            """),
        9,
        "foreign key orders_user of table orders has 2 column(s) [a, b] but references 1"
            + " users[id]");
  }

  @Test
  void foreignKeyToColumnsWithoutKeyIsReported() {
    assertAt(
        failure(
            """
            tables:
              - name: users
                columns:
                  - {name: id, type: bigint, primaryKey: true}
                  - {name: email, type: text}
              - name: orders
                columns:
                  - {name: email, type: text, references: {table: users, column: email}}
            """),
        8,
        "references users[email], which is neither its primary key nor unique");
  }

  @Test
  void keysAndIndexesOnMissingColumnsAreReported() {
    InvalidTargetException e =
        failure(
            """
            tables:
              - name: users
                columns:
                  - {name: id, type: bigint}
                primaryKey: [uid]
                uniques:
                  - {name: users_mail, columns: [email]}
                indexes:
                  - {name: users_name, columns: [name]}
                triggers:
                  - {name: users_t, timing: after, events: [update], updateOf: [nick], body: x}
            """);

    assertAt(e, 5, "primary key of table users names column(s) uid that table users does not have");
    assertThat(e.getMessage())
        .contains("schema.yaml:7:")
        .contains("unique constraint users_mail of table users names column(s) email")
        .contains("schema.yaml:9:")
        .contains("index users_name of table users names column(s) name")
        .contains("schema.yaml:11:")
        .contains("trigger users_t of table users (updateOf) names column(s) nick");
  }

  @Test
  void exclusionsAndNullsNotDistinctMistakesAreReported() {
    InvalidTargetException e =
        failure(
            """
            tables:
              - name: rooms
                columns:
                  - {name: id, type: bigint}
                exclusions:
                  - name: rooms_excl
                    elements:
                      - {column: id}
                  - {name: rooms_excl3, elements: [{column: id, expression: id, operator: "="}]}
                indexes:
                  - {name: rooms_id, columns: [id], nullsNotDistinct: true}
            """);

    assertAt(e, 8, "missing 'operator' in element 1 of exclusion constraint rooms_excl");
    assertThat(e.getMessage())
        .contains("schema.yaml:9:")
        .contains("element 1 of exclusion constraint rooms_excl3 of table rooms names either")
        .contains("schema.yaml:11:")
        .contains(
            "index rooms_id of table rooms is not unique, so 'nullsNotDistinct' means nothing");

    assertAt(
        failure(
            """
            tables:
              - name: rooms
                columns:
                  - {name: id, type: bigint}
                exclusions:
                  - name: rooms_excl
                    elements:
                      - {column: room, operator: "="}
            """),
        6,
        "exclusion constraint rooms_excl of table rooms names column(s) room");
  }

  @Test
  void partitioningMistakesAreReported() {
    InvalidTargetException e =
        failure(
            """
            tables:
              - name: events
                columns:
                  - {name: id, type: bigint}
                partitionBy: {strategy: list, key: [id, {column: id, order: desc}]}
              - name: events_1
                columns:
                  - {name: id, type: bigint}
                partitionOf: {table: events, bound: DEFAULT}
              - name: events_2
                partitionOf: {table: events}
              - name: events_3
                partitionBy: {strategy: ranged, key: [id]}
                partitionOf: {table: events, bound: DEFAULT}
            """);

    assertAt(e, 5, "a partition key of partitioning of table events has no order");
    assertThat(e.getMessage())
        .contains("schema.yaml:8:")
        .contains("table events_1 is a partition and has the columns of its parent")
        .contains("schema.yaml:11:")
        .contains("missing 'bound' in partition bound of table events_2; give DEFAULT or")
        .contains("schema.yaml:13:")
        .contains("'strategy' of partitioning of table events_3 is 'ranged'; expected one of");

    InvalidTargetException whole =
        failure(
            """
            tables:
              - name: events
                columns:
                  - {name: id, type: bigint}
                partitionBy: {strategy: range, key: [created]}
              - name: plain
                columns:
                  - {name: id, type: bigint}
              - name: events_1
                partitionOf: {table: plain, bound: DEFAULT}
                indexes:
                  - {name: events_1_id, columns: [id]}
              - name: events_2
                partitionOf: {table: nowhere, bound: DEFAULT}
            """);
    assertAt(whole, 5, "partition key of table events names column(s) created");
    assertThat(whole.getMessage())
        .contains("schema.yaml:10:")
        .contains("table events_1 is a partition of plain, which is not partitioned")
        .contains("schema.yaml:14:")
        .contains("table events_2 is a partition of nowhere, which is not a declared table")
        .doesNotContain("events_1_id");
  }

  @Test
  void extensionsAreNamesListedOnce() {
    InvalidTargetException e =
        failure(
            """
            extensions:
              - citext
              - {name: hstore}
              - citext
            tables:
              - name: users
                columns:
                  - {name: id, type: public.citext}
            """);
    assertAt(e, 3, "'extensions' lists extension names (text)");
    assertThat(e.getMessage()).contains("schema.yaml:4:").contains("extension citext");
    assertThat(
            Documents.resolve(
                    Documents.write(
                        dir,
                        "ok.yaml",
                        """
                        extensions: [uuid-ossp, citext]
                        tables:
                          - name: users
                            columns:
                              - {name: id, type: citext}
                        """))
                .snapshot()
                .extensions())
        .containsExactly("citext", "uuid-ossp");
  }

  @Test
  void primaryKeyDeclaredTwiceIsReported() {
    assertAt(
        failure(
            """
            tables:
              - name: users
                columns:
                  - {name: id, type: bigint, primaryKey: true}
                primaryKey: [id]
            """),
        5,
        "table users declares its primary key twice");
  }

  @Test
  void renamedFromConflictsAreReported() {
    InvalidTargetException e =
        failure(
            """
            tables:
              - name: accounts
                renamedFrom: users
                columns:
                  - {name: id, type: bigint}
              - name: users
                columns:
                  - {name: id, type: bigint}
                  - {name: a, type: text, renamedFrom: old}
                  - {name: b, type: text, renamedFrom: old}
                  - {name: c, type: text, renamedFrom: id}
                  - {name: d, type: text, renamedFrom: d}
            """);

    assertAt(e, 3, "table accounts is renamed from users, but users is declared too");
    assertThat(e.getMessage())
        .contains("schema.yaml:10:")
        .contains("'renamedFrom: old' in table users is declared twice")
        .contains("schema.yaml:11:")
        .contains("column users.c is renamed from id, but table users still declares a column id")
        .contains("schema.yaml:12:")
        .contains("column users.d says it was renamed from itself");
  }

  @Test
  void twoTablesRenamedFromOneIsReported() {
    assertAt(
        failure(
            """
            tables:
              - name: a
                renamedFrom: old
                columns: [{name: id, type: bigint}]
              - name: b
                renamedFrom: old
                columns: [{name: id, type: bigint}]
            """),
        6,
        "'renamedFrom: old' is declared twice");
  }

  @Test
  void identityOnNonIntegerTypeIsReported() {
    InvalidTargetException e =
        failure(
            """
            tables:
              - name: users
                columns:
                  - name: id
                    type: text
                    identity: always
                  - name: n
                    type: integer
                    identity: by-default
                    nullable: true
            """);

    assertAt(
        e,
        6,
        "column users.id is an identity column of type 'text'; identity needs an integer type");
    assertThat(e.getMessage())
        .contains("schema.yaml:9:")
        .contains("column users.n is an identity column and 'nullable: true'");
  }

  @Test
  void unknownIdentityWordIsReported() {
    assertAt(
        failure(
            """
            tables:
              - name: users
                columns:
                  - {name: id, type: bigint, identity: sometimes}
            """),
        4,
        "'identity' of column users.id is 'sometimes'; expected one of always, by-default");
  }

  @Test
  void nullablePrimaryKeyColumnIsReported() {
    assertAt(
        failure(
            """
            tables:
              - name: users
                columns:
                  - {name: id, type: bigint, primaryKey: true}
                  - {name: tenant, type: bigint, primaryKey: true, nullable: true}
            """),
        5,
        "column users.tenant is in the primary key but declared 'nullable: true'");
  }

  @Test
  void sequenceValuesAreChecked() {
    InvalidTargetException e =
        failure(
            """
            sequences:
              - {name: s1, increment: 0}
              - {name: s2, min: 10, max: 1}
              - {name: s3, start: 99999999999999999999}
              - {name: s4, start: 5, min: 10}
              - {name: s5, start: 1.5}
            """);

    assertAt(e, 2, "'increment' of sequence s1 must not be 0");
    assertThat(e.getMessage())
        .contains("schema.yaml:3:")
        .contains("sequence s2 has min 10 above max 1")
        .contains("schema.yaml:4:")
        .contains("'start' of sequence s3 must be a whole number that fits in 64 bits")
        .contains("schema.yaml:5:")
        .contains("sequence s4 starts at 5, outside min/max")
        .contains("schema.yaml:6:")
        .contains("'start' of sequence s5 must be a whole number that fits in 64 bits, not 1.5");
  }

  @Test
  void descendingSequenceStartsAtItsMaximum() {
    Path file =
        Documents.write(
            dir,
            "schema.yaml",
            """
            sequences:
              - {name: countdown, increment: -1, max: 100}
              - {name: down, increment: -2}
              - {name: up, min: 7}
            """);

    assertThat(Documents.resolve(file).snapshot().sequences())
        .extracting(s -> s.name() + "@" + s.start())
        .containsExactly("countdown@100", "down@-1", "up@7");
  }

  @Test
  void objectSpecificMistakesAreReported() {
    InvalidTargetException e =
        failure(
            """
            enums:
              - {name: mood, values: [happy, sad, happy]}
            routines:
              - {name: f, body: SELECT 1}
              - {name: p, kind: procedure, returns: integer, body: SELECT 1}
            views:
              - {name: v, definition: SELECT 1}
            tables:
              - name: t
                columns:
                  - {name: id, type: bigint, primaryKey: true}
                  - {name: v_id, type: bigint, references: {table: v}}
                indexes:
                  - {columns: [id]}
                  - {name: idx_t_id, columns: [id]}
                triggers:
                  - {name: tr, timing: during, events: [insert, upsert], body: x}
            """);

    assertAt(e, 2, "value 'happy' of enum mood is declared twice");
    assertThat(e.getMessage())
        .contains("schema.yaml:4:")
        .contains("routine f is a function and needs 'returns'")
        .contains("schema.yaml:5:")
        .contains("routine p is a procedure, which returns nothing")
        .contains("schema.yaml:12:")
        .contains("missing 'column' in references of column t.v_id")
        .contains("schema.yaml:15:")
        .contains("index idx_t_id of table t is declared twice: here and at ")
        .contains("schema.yaml:17:")
        .contains("'timing' of trigger tr of table t is 'during'; expected one of before, after,")
        .contains("unknown event in trigger tr of table t");
  }

  @Test
  void foreignKeyToAViewIsReported() {
    assertAt(
        failure(
            """
            views:
              - {name: v, definition: SELECT 1 AS id}
            tables:
              - name: t
                columns:
                  - {name: v_id, type: bigint, references: {table: v, column: id}}
            """),
        6,
        "references table v, which is not declared; it is a view");
  }

  @Test
  void emptyDocumentIsReported() {
    assertAt(failure("# nothing here yet\n"), 1, "the document is empty");
  }

  @Test
  void documentWithoutObjectsIsRefused() {
    InvalidTargetException e = failure("tables: []\n");

    assertThat(e.getMessage()).contains("declares no table").contains("refused");
  }

  @Test
  void yamlAliasesAreRefused() {
    assertAt(
        failure(
            """
            tables:
              - name: users
                columns: &cols
                  - {name: id, type: bigint}
              - name: admins
                columns: *cols
            """),
        6,
        "YAML aliases (*cols) are not supported");
  }

  @Test
  void secondYamlDocumentIsRefused() {
    assertAt(
        failure(
            """
            table: users
            columns: [{name: id, type: bigint}]
            ---
            table: orders
            columns: [{name: id, type: bigint}]
            """),
        4,
        "a schema file holds one YAML document");
  }

  @Test
  void sharedNamespacesAreChecked() {
    InvalidTargetException e =
        failure(
            """
            tables:
              - name: users
                columns: [{name: id, type: bigint}]
                indexes:
                  - {name: by_id, columns: [id]}
              - name: orders
                columns: [{name: id, type: bigint}]
                indexes:
                  - {name: by_id, columns: [id]}
            views:
              - name: users
                definition: SELECT 1
            """);

    assertAt(
        e,
        9,
        "the name by_id of index by_id of table orders is already used by index by_id of table"
            + " users");
    assertThat(e.getMessage())
        .contains("schema.yaml:11:")
        .contains("the name users of view users is already used by table users");
  }

  @Test
  void namesDifferingOnlyInCaseClash() {
    InvalidTargetException e =
        failure(
            """
            identifiers: strict
            tables:
              - name: users
                columns:
                  - {name: id, type: bigint}
                  - {name: ID, type: bigint}
              - name: Users
                columns: [{name: id, type: bigint}]
            """);

    assertAt(e, 6, "column users.ID differs only in case from column id");
    assertThat(e.getMessage())
        .contains("schema.yaml:7:")
        .contains("the name Users of table Users differs only in case from users of table users")
        .contains("SQLite and MySQL compare names without regard to case");
  }

  @Test
  void everyProblemIsListedAndTheFirstIsTheLocation() {
    Path file = Documents.resource("invalid/many-problems.yaml");

    InvalidTargetException e = Documents.failure(file);

    assertThat(e.location().line()).isEqualTo(7);
    assertThat(e.getMessage())
        .startsWith(file + ":7:9 (tables.customers.columns.email): unknown property 'nulable'")
        .contains("\nand 4 more problems:\n  ")
        .contains(
            "many-problems.yaml:10:17 (tables.customers.columns.id.unique): 'unique' of column"
                + " customers.id must be true or false, not text")
        .contains(
            "many-problems.yaml:15:9 (tables.orders.columns.customer_id): missing 'type' in column"
                + " orders.customer_id")
        .contains(
            "many-problems.yaml:16:9 (tables.orders.columns.customer_id): unknown property 'typ'")
        .contains(
            "many-problems.yaml:19:48 (tables.orders.indexes.orders_customer.columns.order):"
                + " 'order' of a column of index orders_customer of table orders is 'up'; expected"
                + " one of asc, desc");
  }
}
