package io.schemasync.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.Target;
import io.schemasync.api.TenantContext;
import io.schemasync.api.TenantResult;
import io.schemasync.api.TenantStatus;
import io.schemasync.api.change.SchemaDiff;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.internal.diff.DefaultDiffCalculator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The complete example of docs/schema-format.md, every object kind, converges on PostgreSQL. */
class PostgresSchemaFileTest {
  static final String COMPLETE_EXAMPLE =
      """
      # schema.yaml
      identifiers: strict            # the default; see "Names"

      enums:
        - name: order_status
          values: [pending, paid, shipped, cancelled]

      domains:
        - name: email_address
          type: varchar(320)
          notNull: true
          checks:
            - name: email_has_at
              expression: "VALUE LIKE '%@%'"

      sequences:
        - name: invoice_numbers
          start: 1000
          increment: 1
          min: 1000

      tables:
        - name: customers
          comment: People who buy things
          columns:
            - name: id
              type: bigint
              identity: by-default
              primaryKey: true
            - name: email
              type: email_address         # a domain declared above
              unique: true
            - name: full_name
              type: varchar(200)
            - name: is_active
              type: boolean
              default: true
            - name: created_at
              type: timestamptz
              default: CURRENT_TIMESTAMP
            - name: nickname
              type: text
              nullable: true
              collation: C
              comment: shown in the header
          indexes:
            - columns: [created_at]       # no name: gets idx_customers_created_at
            - name: customers_lower_email
              columns:
                - expression: lower(email)
              unique: true

        - name: orders
          columns:
            - name: id
              type: bigint
              identity: always
              primaryKey: true
            - name: customer_id
              type: bigint
              references: {table: customers, column: id, onDelete: cascade}
            - name: status
              type: order_status          # an enum declared above
              default: "'pending'"        # a SQL string literal: note the inner quotes
            - name: total
              type: numeric(12,2)
              default: 0
            - name: total_with_tax
              type: numeric(12,2)
              nullable: true
              generated: {expression: total * 1.2, stored: true}
            - name: placed_at
              type: timestamp
          checks:
            - name: orders_total_positive
              expression: total >= 0
          indexes:
            - name: orders_customer_placed
              columns:
                - customer_id
                - {column: placed_at, order: desc}
            - name: orders_open
              columns: [customer_id]
              where: "status <> 'cancelled'"
              method: btree
              include: [total]
          triggers:
            - name: orders_touch
              timing: before
              events: [update]
              updateOf: [status]
              when: OLD.status IS DISTINCT FROM NEW.status
              body: EXECUTE FUNCTION touch_order()

        - name: order_items
          columns:
            - {name: order_id, type: bigint}
            - {name: line_no, type: integer}
            - {name: sku, type: varchar(64)}
            - {name: quantity, type: integer, default: 1}
          primaryKey:
            name: order_items_pk
            columns: [order_id, line_no]
          uniques:
            - name: order_items_sku_per_order
              columns: [order_id, sku]
          foreignKeys:
            - name: order_items_order_fk
              columns: [order_id]
              references: {table: orders, columns: [id]}
              onDelete: cascade
              deferrable: true

      views:
        - name: open_orders
          definition: SELECT id, customer_id, total FROM orders WHERE status <> 'cancelled'
        - name: customer_totals
          materialized: true
          definition: |
            SELECT customer_id, sum(total) AS total
            FROM orders
            GROUP BY customer_id

      routines:
        - name: touch_order
          kind: function
          returns: trigger
          language: plpgsql
          body: |
            BEGIN
              NEW.placed_at := now();
              RETURN NEW;
            END
      """;

  @TempDir Path dir;
  @RegisterExtension final PostgresTenantFixture db = new PostgresTenantFixture("yaml");
  private final String tenant = db.tenant();

  @Test
  void theDocumentedExampleConverges() throws Exception {
    Path file = dir.resolve("schema.yaml");
    Files.writeString(file, COMPLETE_EXAMPLE);
    try (SchemaSync sync =
        SchemaSync.builder().adapter(db.adapter()).target(Target.of(file)).build()) {
      TenantResult first = sync.sync(tenant);
      if (first.failure() != null) {
        throw new AssertionError(first.failure().getMessage(), first.failure());
      }
      assertThat(first.status()).isEqualTo(TenantStatus.APPLIED);
      SchemaSnapshot live = db.adapter().inspector().inspect(TenantContext.of(tenant));
      SchemaDiff rest = new DefaultDiffCalculator().diff(live, sync.target());
      assertThat(rest.render()).isEmpty();
      assertThat(sync.sync(tenant).status()).isEqualTo(TenantStatus.IN_SYNC);
      assertThat(live.enums()).hasSize(1);
      assertThat(live.domains()).hasSize(1);
      assertThat(live.sequences()).hasSize(1);
      assertThat(live.routines()).hasSize(1);
      assertThat(live.views()).hasSize(2);
      assertThat(live.table("orders").orElseThrow().triggers()).hasSize(1);
    }
  }
}
