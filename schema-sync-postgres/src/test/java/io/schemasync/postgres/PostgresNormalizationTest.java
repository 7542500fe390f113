package io.schemasync.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.schemasync.api.InvalidTargetException;
import io.schemasync.api.model.CheckConstraint;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.Identity;
import io.schemasync.api.model.PrimaryKey;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.UniqueConstraint;
import io.schemasync.api.model.View;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A target written by hand (as a schema file reads) converges although PostgreSQL rewrites it. */
class PostgresNormalizationTest {
  @RegisterExtension final PostgresTenantFixture db = new PostgresTenantFixture("norm");
  private final String tenant = db.tenant();

  private String type(String declared) {
    return db.adapter().dialect().resolveType(declared).orElseThrow();
  }

  private SchemaSnapshot handWritten() {
    Table items =
        new Table(
            "items",
            List.of(
                new Column("id", type("bigint"), true, null, Identity.BY_DEFAULT, null, null, null),
                new Column("code", type("varchar(20)"), false, "'x'", null, null, null, null),
                new Column("price", type("numeric(10, 2)"), true, "0", null, null, null, null),
                new Column("payload", type("json"), true, null, null, null, null, null),
                new Column(
                    "at", type("timestamptz"), false, "CURRENT_TIMESTAMP", null, null, null, null)),
            new PrimaryKey(null, List.of("id")),
            List.of(new UniqueConstraint(null, List.of("code"))),
            // IN over a varchar deparses differently on each pass until it reaches a fixpoint
            List.of(
                new CheckConstraint(null, "price > 0"),
                new CheckConstraint("items_code_known", "code IN ('x', 'y')")),
            List.of(),
            List.of(),
            List.of(),
            null);
    Table lines =
        new Table(
            "lines",
            List.of(
                new Column("item_id", type("bigint"), false, null, null, null, null, null),
                new Column("qty", type("int"), false, "1", null, null, null, null)),
            null,
            List.of(),
            List.of(new CheckConstraint(null, "qty > 0 and qty < 100")),
            List.of(
                new ForeignKey(
                    null, List.of("item_id"), "items", List.of("id"), null, null, false)),
            List.of(),
            List.of(),
            null);
    return new SchemaSnapshot(
        List.of(items, lines),
        List.of(new View("cheap", "select id, code from items where price < 10", false)),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  @Test
  void handWrittenTargetConverges() {
    Convergence.converge(db.adapter(), tenant, handWritten());
  }

  @Test
  void normalizationIsIdempotentAndFillsServerNames() {
    SchemaSnapshot once = db.adapter().dialect().normalize(handWritten());
    assertThat(db.adapter().dialect().normalize(once)).isEqualTo(once);
    Table items = once.table("items").orElseThrow();
    assertThat(items.primaryKey().name()).isEqualTo("items_pkey");
    assertThat(items.uniques().get(0).name()).isEqualTo("items_code_key");
    assertThat(items.checks())
        .extracting(CheckConstraint::name)
        .containsExactly("items_code_known", "items_price_check");
    assertThat(items.column("code").orElseThrow().defaultValue())
        .isEqualTo("'x'::character varying");
    assertThat(items.column("payload").orElseThrow().type()).isEqualTo("jsonb");
    assertThat(once.table("lines").orElseThrow().foreignKeys().get(0).name())
        .isEqualTo("lines_item_id_fkey");
    assertThat(once.table("lines").orElseThrow().checks().get(0).name())
        .isEqualTo("lines_qty_check");
  }

  @Test
  void aSequenceOwnedByAColumnOfANewTableConverges() {
    Table counters =
        Table.of(
            "counters",
            List.of(
                new Column(
                    "n",
                    "bigint",
                    false,
                    "nextval('counter_seq'::regclass)",
                    null,
                    null,
                    null,
                    null),
                Column.of("label", "text", true)),
            null);
    SchemaSnapshot target =
        new SchemaSnapshot(
            List.of(counters),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(
                new io.schemasync.api.model.Sequence(
                    "counter_seq", 10, 2, null, null, false, "counters.label")));
    Convergence.converge(db.adapter(), tenant, target);
    assertThat(
            db.adapter()
                .inspector()
                .inspect(io.schemasync.api.TenantContext.of(tenant))
                .sequences())
        .singleElement()
        .satisfies(q -> assertThat(q.ownedBy()).isEqualTo("counters.label"));
  }

  @Test
  void unknownTypeIsRejectedNamingTheTable() {
    SchemaSnapshot bad =
        SchemaSnapshot.ofTables(
            List.of(Table.of("t", List.of(Column.of("a", "integr", true)), null)));
    assertThatThrownBy(() -> db.adapter().dialect().normalize(bad))
        .isInstanceOf(InvalidTargetException.class)
        .hasMessageContaining("create table t")
        .hasMessageContaining("integr");
  }
}
