package io.schemasync.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.Target;
import io.schemasync.api.TenantContext;
import io.schemasync.api.TenantResult;
import io.schemasync.api.TenantStatus;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.IndexPart;
import io.schemasync.api.model.PartitionBy;
import io.schemasync.api.model.PartitionOf;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.api.plan.MigrationStep;
import io.schemasync.api.plan.Safety;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partitioned tables and their partitions converge from a schema document: created parent first,
 * added, dropped, detached and attached, with the rows where they belong.
 */
class PostgresPartitionTest {
  private static final String EVENTS =
      """
        - name: events
          columns:
            - {name: id, type: bigint}
            - {name: created, type: date}
            - {name: region, type: text, nullable: true}
            - {name: amount, type: integer, default: 0}
      %s
          primaryKey: [id, created]
          checks:
            - {name: events_amount_check, expression: amount >= 0}
          indexes:
            - {name: events_region, columns: [region]}
          partitionBy: {strategy: range, key: [created]}
      """;

  private static final String COLUMN_NOTE = "      - {name: note, type: text, nullable: true}";

  private static final String RELEASE_1 =
      "tables:\n"
          + EVENTS.formatted("")
          + """
            - name: events_2024
              partitionOf: {table: events, bound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"}
            - name: events_2025
              partitionOf: {table: events, bound: "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"}
              checks:
                - {name: events_2025_small, expression: amount < 1000}
              indexes:
                - {name: events_2025_amount, columns: [amount]}
            - name: events_other
              partitionOf: {table: events, bound: DEFAULT}
            - name: sessions
              columns:
                - {name: id, type: uuid}
                - {name: user_name, type: text}
              partitionBy: {strategy: hash, key: [{expression: lower(user_name)}, id]}
            - name: sessions_0
              partitionOf: {table: sessions, bound: "FOR VALUES WITH (modulus 2, remainder 0)"}
            - name: sessions_1
              partitionOf: {table: sessions, bound: "FOR VALUES WITH (modulus 2, remainder 1)"}
            - name: notes
              columns:
                - {name: id, type: integer, primaryKey: true}
                - {name: event_id, type: bigint}
                - {name: event_created, type: date}
              foreignKeys:
                - columns: [event_id, event_created]
                  references: {table: events, columns: [id, created]}
          """;

  /**
   * A column more on the parent, a partition for 2026 (next to a default partition holding rows),
   * 2024 dropped with its rows, 2025 detached into a table of its own that keeps its rows (and the
   * parent's key, check and index, the check renamed: check names are unique per schema).
   */
  private static final String RELEASE_2 =
      "tables:\n"
          + EVENTS.formatted(COLUMN_NOTE)
          + """
            - name: events_2025
              columns:
                - {name: id, type: bigint}
                - {name: created, type: date}
                - {name: region, type: text, nullable: true}
                - {name: amount, type: integer, default: 0}
              primaryKey: [id, created]
              checks:
                - {name: events_2025_amount_check, expression: amount >= 0}
                - {name: events_2025_small, expression: amount < 1000}
              indexes:
                - {name: events_2025_amount, columns: [amount]}
                - {name: events_2025_region_idx, columns: [region]}
            - name: events_2026
              partitionOf: {table: events, bound: "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')"}
            - name: events_other
              partitionOf: {table: events, bound: DEFAULT}
          """;

  /** 2025 attached again: it gains the parent's new column first. */
  private static final String RELEASE_3 =
      "tables:\n"
          + EVENTS.formatted(COLUMN_NOTE)
          + """
            - name: events_2025
              partitionOf: {table: events, bound: "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"}
              checks:
                - {name: events_2025_small, expression: amount < 1000}
              indexes:
                - {name: events_2025_amount, columns: [amount]}
            - name: events_2026
              partitionOf: {table: events, bound: "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')"}
            - name: events_other
              partitionOf: {table: events, bound: DEFAULT}
          """;

  @TempDir Path dir;
  @RegisterExtension final PostgresTenantFixture db = new PostgresTenantFixture("part");
  private final String tenant = db.tenant();

  private String count(String table) {
    return PostgresTestServer.query("SELECT count(*) FROM " + PgNames.qualified(tenant, table));
  }

  @Test
  void partitionsAreCreatedAddedDroppedDetachedAndAttachedWithTheirRows() {
    TenantResult created = Convergence.converge(db.adapter(), tenant, dir, RELEASE_1);
    List<String> order = created.plan().steps().stream().map(MigrationStep::description).toList();
    assertThat(order.indexOf("create table events"))
        .isLessThan(order.indexOf("create table events_2024"));

    SchemaSnapshot inspected = db.adapter().inspector().inspect(TenantContext.of(tenant));
    Table events = inspected.table("events").orElseThrow();
    assertThat(events.partitionBy())
        .isEqualTo(
            new PartitionBy(PartitionBy.Strategy.RANGE, List.of(IndexPart.column("created"))));
    Table y2024 = inspected.table("events_2024").orElseThrow();
    assertThat(y2024.partitionOf())
        .isEqualTo(new PartitionOf("events", "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"));
    assertThat(y2024.columns()).as("a partition has its parent's columns").isEmpty();
    assertThat(y2024.constraints()).as("nor copies of its parent's keys and checks").isEmpty();
    assertThat(y2024.indexes()).as("nor copies of its parent's indexes").isEmpty();
    Table y2025 = inspected.table("events_2025").orElseThrow();
    assertThat(y2025.checks()).extracting(c -> c.name()).containsExactly("events_2025_small");
    assertThat(y2025.indexes()).extracting(i -> i.name()).containsExactly("events_2025_amount");
    assertThat(inspected.table("sessions").orElseThrow().partitionBy().key())
        .containsExactly(IndexPart.expression("lower(user_name)"), IndexPart.column("id"));
    assertThat(inspected.table("events_other").orElseThrow().partitionOf().isDefault()).isTrue();
    assertThat(inspected.table("notes").orElseThrow().foreignKeys())
        .as("PostgreSQL's per-partition copies of a foreign key are not read")
        .hasSize(1);

    String events_ = PgNames.qualified(tenant, "events");
    PostgresTestServer.exec(
        "INSERT INTO "
            + events_
            + " (id, created, amount) VALUES (1, '2024-03-01', 1), (2, '2025-03-01', 2),"
            + " (3, '2025-04-01', 3), (4, '2030-01-01', 4)");

    // the copies events_2025 has of the parent's key, check and index, which release 2 declares
    // for the detached table as they are (the check under another name)
    String copies =
        "SELECT string_agg(kind || ' ' || oid, ', ' ORDER BY kind) FROM ("
            + "SELECT contype::text AS kind, conindid AS oid FROM pg_constraint"
            + " WHERE conrelid = '"
            + PgNames.qualified(tenant, "events_2025")
            + "'::regclass AND contype = 'p'"
            + " UNION ALL SELECT 'c', oid FROM pg_constraint WHERE conrelid = '"
            + PgNames.qualified(tenant, "events_2025")
            + "'::regclass AND pg_get_constraintdef(oid) = 'CHECK ((amount >= 0))'"
            + " UNION ALL SELECT 'i', indexrelid FROM pg_index x WHERE indrelid = '"
            + PgNames.qualified(tenant, "events_2025")
            + "'::regclass AND pg_get_indexdef(indexrelid) LIKE '%btree (region)') k";
    String copiesBefore = PostgresTestServer.query(copies);
    assertThat(copiesBefore).matches("c \\d+, i \\d+, p \\d+");

    TenantResult second = Convergence.converge(db.adapter(), tenant, dir, RELEASE_2);
    MigrationStep add2026 = step(second, "create table events_2026");
    assertThat(add2026.safety()).isEqualTo(Safety.LOCKING);
    assertThat(add2026.reason()).contains("scans the default partition events_other");
    assertThat(step(second, "drop table events_2024").safety()).isEqualTo(Safety.DESTRUCTIVE);
    MigrationStep detach = step(second, "detach partition events_2025 from events");
    assertThat(detach.safety()).isEqualTo(Safety.BREAKING);
    assertThat(detach.statements())
        .singleElement()
        .asString()
        .contains(
            "ALTER TABLE "
                + events_
                + " DETACH PARTITION "
                + PgNames.qualified(tenant, "events_2025"));
    assertThat(PostgresTestServer.query(copies))
        .as(
            "the detached table keeps the copies release 2 declares: no key, index or check is"
                + " built again while the parent is locked")
        .isEqualTo(copiesBefore);
    assertThat(count("events")).as("2024 dropped, 2025 detached").isEqualTo("1");
    assertThat(count("events_2025")).as("the detached table keeps its rows").isEqualTo("2");

    TenantResult third = Convergence.converge(db.adapter(), tenant, dir, RELEASE_3);
    List<String> steps = third.plan().steps().stream().map(MigrationStep::description).toList();
    assertThat(steps.indexOf("add column events_2025.note"))
        .as("the table gains its parent's new column before it is attached")
        .isNotNegative()
        .isLessThan(
            steps.indexOf(
                "attach table events_2025 to events as partition FOR VALUES FROM ('2025-01-01')"
                    + " TO ('2026-01-01')"));
    assertThat(count("events")).isEqualTo("3");
  }

  @Test
  void withTheOnlineOptionADetachedPartitionKeepsItsCopiesToo() {
    try (PostgresAdapter online =
        PostgresTestServer.open(java.util.Map.of("schemasync.online", "true"))) {
      Convergence.converge(online, tenant, dir, RELEASE_1);
      String pkIndex =
          "SELECT conindid FROM pg_constraint WHERE contype = 'p' AND conrelid = '"
              + PgNames.qualified(tenant, "events_2025")
              + "'::regclass";
      String before = PostgresTestServer.query(pkIndex);

      TenantResult second = Convergence.converge(online, tenant, dir, RELEASE_2);

      // the check is added NOT VALID unless kept, then validated: a kept one validates at once
      assertThat(step(second, "validate events_2025_amount_check on events_2025").transactional())
          .isFalse();
      assertThat(PostgresTestServer.query(pkIndex)).isEqualTo(before);
    }
  }

  @Test
  void aKeptCopyMayTakeTheNameOfACopyThatIsDropped() {
    // the region index's copy is kept under the name PostgreSQL gave the amount index's copy,
    // which is dropped: the rename waits for the drop
    String[] indexes =
        acrossDetach(
            """
              - name: m
                columns:
                  - {name: id, type: bigint}
                  - {name: created, type: date}
                  - {name: region, type: text, nullable: true}
                  - {name: amount, type: integer}
                primaryKey: [id, created]
                indexes:
                  - {name: m_region, columns: [region]}
                  - {name: m_amount, columns: [amount]}
                partitionBy: {strategy: range, key: [created]}
            """,
            "m",
            """
                primaryKey: [id, created]
                indexes:
                  - {name: m_2025_amount_idx, columns: [region]}
            """,
            "SELECT string_agg(x.indexrelid || ' ' || c.relname, ', ' ORDER BY c.relname)"
                + " FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid"
                + " WHERE x.indrelid = '%s'::regclass AND NOT x.indisprimary");

    assertThat(indexes[0]).matches("\\d+ m_2025_amount_idx, \\d+ m_2025_region_idx");
    String regionCopy = indexes[0].substring(indexes[0].lastIndexOf(", ") + 2).split(" ")[0];
    assertThat(indexes[1]).isEqualTo(regionCopy + " m_2025_amount_idx");
  }

  @Test
  void aDetachedPartitionKeepsItsCopyOfAForeignKeyRenamed() {
    String[] foreignKeys =
        acrossDetach(
            """
              - name: users
                columns:
                  - {name: id, type: bigint, primaryKey: true}
              - name: m
                columns:
                  - {name: id, type: bigint}
                  - {name: created, type: date}
                  - {name: user_id, type: bigint}
                primaryKey: [id, created]
                foreignKeys:
                  - name: m_user
                    columns: [user_id]
                    references: {table: users, columns: [id]}
                    onDelete: cascade
                partitionBy: {strategy: range, key: [created]}
            """,
            "m",
            """
                primaryKey: [id, created]
                foreignKeys:
                  - name: m_2025_user
                    columns: [user_id]
                    references: {table: users, columns: [id]}
                    onDelete: cascade
            """,
            "SELECT string_agg(oid || ' ' || conname, ', ') FROM pg_constraint"
                + " WHERE contype = 'f' AND conrelid = '%s'::regclass");

    assertThat(foreignKeys[0]).endsWith(" m_user");
    // the same constraint, not validated again over the table's rows: renamed
    assertThat(foreignKeys[1]).isEqualTo(foreignKeys[0].replace(" m_user", " m_2025_user"));
  }

  /**
   * Syncs {@code tables} with {@code m_2025} a partition of {@code parent} for 2025, then with
   * {@code m_2025} a table of its own (the parent's columns, then {@code ownParts}); returns what
   * {@code query} (with {@code %s} for {@code m_2025}) answers before and after the detach.
   */
  private String[] acrossDetach(String tables, String parent, String ownParts, String query) {
    Convergence.converge(
        db.adapter(),
        tenant,
        dir,
        "tables:\n"
            + tables
            + "  - name: m_2025\n"
            + "    partitionOf: {table: "
            + parent
            + ", bound: \"FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')\"}\n");
    String sql = query.formatted(PgNames.qualified(tenant, "m_2025"));
    String before = PostgresTestServer.query(sql);
    Table parentTable =
        db.adapter().inspector().inspect(TenantContext.of(tenant)).table(parent).orElseThrow();
    StringBuilder own = new StringBuilder("  - name: m_2025\n    columns:\n");
    for (Column column : parentTable.columns()) {
      own.append("      - {name: ")
          .append(column.name())
          .append(", type: ")
          .append(column.type())
          .append(column.nullable() ? ", nullable: true" : "")
          .append("}\n");
    }
    Convergence.converge(db.adapter(), tenant, dir, "tables:\n" + tables + own + ownParts);
    return new String[] {before, PostgresTestServer.query(sql)};
  }

  @Test
  void aChangedPartitioningIsRefusedNamingTheTable() throws Exception {
    Convergence.converge(db.adapter(), tenant, dir, RELEASE_1);
    String before = db.adapter().inspector().inspect(TenantContext.of(tenant)).hash();
    Path relisted = dir.resolve("by-list.yaml");
    Files.writeString(
        relisted,
        RELEASE_1
            .replace(
                "partitionBy: {strategy: hash, key: [{expression: lower(user_name)}, id]}",
                "partitionBy: {strategy: list, key: [user_name]}")
            .replace("WITH (modulus 2, remainder 0)", "IN ('a')")
            .replace("WITH (modulus 2, remainder 1)", "IN ('b')"));
    try (SchemaSync sync =
        SchemaSync.builder()
            .adapter(db.adapter())
            .target(new Target.SchemaFile(relisted))
            .allowDestructive(true)
            .build()) {
      TenantResult result = sync.sync(tenant);
      assertThat(result.status()).isEqualTo(TenantStatus.REFUSED);
      assertThat(result.failure().getMessage())
          .contains("table sessions is partitioned by HASH ((lower(user_name)), id)")
          .contains("partitioned by LIST (user_name)")
          .contains("cannot be changed in place");
      assertThat(result.diff().render()).contains("change partitioning of table sessions");
    }
    assertThat(db.adapter().inspector().inspect(TenantContext.of(tenant)).hash()).isEqualTo(before);
  }

  private static MigrationStep step(TenantResult result, String description) {
    return result.plan().steps().stream()
        .filter(s -> s.description().equals(description))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no step '"
                        + description
                        + "' in "
                        + result.plan().steps().stream().map(MigrationStep::description).toList()));
  }
}
