package io.schemasync.internal.target;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.InvalidTargetException;
import io.schemasync.api.model.CheckConstraint;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.DomainType;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.GeneratedColumn;
import io.schemasync.api.model.Identity;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.IndexPart;
import io.schemasync.api.model.PrimaryKey;
import io.schemasync.api.model.ReferentialAction;
import io.schemasync.api.model.Routine;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Sequence;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.TableOptions;
import io.schemasync.api.model.Trigger;
import io.schemasync.api.model.TriggerEvent;
import io.schemasync.api.model.TriggerTiming;
import io.schemasync.api.model.UniqueConstraint;
import io.schemasync.api.model.View;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaFormatTest {
  @TempDir Path dir;

  private static SchemaSnapshot shop() {
    return Documents.resolve(Documents.resource("full/shop.yaml")).snapshot();
  }

  @Test
  void fullDocumentDeclaresColumnsWithEveryProperty() {
    Table customers = shop().table("customers").orElseThrow();

    assertThat(customers.columns())
        .extracting(Column::name)
        .containsExactly("id", "email", "full_name", "is_active", "created_at", "nickname");
    assertThat(customers.column("id").orElseThrow())
        .isEqualTo(new Column("id", "BIGINT", false, null, Identity.BY_DEFAULT, null, null, null));
    assertThat(customers.column("email").orElseThrow().type())
        .as("a domain is the schema's own type, not mapped")
        .isEqualTo("email_address");
    assertThat(customers.column("is_active").orElseThrow().defaultValue()).isEqualTo("true");
    assertThat(customers.column("nickname").orElseThrow())
        .isEqualTo(
            new Column("nickname", "TEXT", true, null, null, null, "C", "shown in the header"));
    assertThat(customers.comment()).isEqualTo("People who buy things");
    assertThat(customers.primaryKey()).isEqualTo(new PrimaryKey(null, List.of("id")));
    assertThat(customers.uniques()).containsExactly(new UniqueConstraint(null, List.of("email")));
  }

  @Test
  void fullDocumentDeclaresKeysIndexesAndTriggers() {
    SchemaSnapshot shop = shop();
    Table orders = shop.table("orders").orElseThrow();

    assertThat(orders.column("total").orElseThrow().defaultValue()).isEqualTo("0");
    assertThat(orders.column("status").orElseThrow().defaultValue()).isEqualTo("'pending'");
    assertThat(orders.column("total_with_tax").orElseThrow().generated())
        .isEqualTo(new GeneratedColumn("total * 1.2", true));
    assertThat(orders.column("id").orElseThrow().identity()).isEqualTo(Identity.ALWAYS);
    assertThat(orders.foreignKeys())
        .containsExactly(
            new ForeignKey(
                null,
                List.of("customer_id"),
                "customers",
                List.of("id"),
                ReferentialAction.CASCADE,
                ReferentialAction.NO_ACTION,
                false));
    assertThat(orders.checks())
        .containsExactly(new CheckConstraint("orders_total_positive", "total >= 0"));
    assertThat(orders.indexes())
        .containsExactly(
            new Index(
                "orders_customer_placed",
                List.of(IndexPart.column("customer_id"), new IndexPart("placed_at", null, true)),
                false,
                null,
                null,
                List.of()),
            new Index(
                "orders_open",
                List.of(IndexPart.column("customer_id")),
                false,
                "status <> 'cancelled'",
                "btree",
                List.of("total")));
    assertThat(orders.triggers())
        .containsExactly(
            new Trigger(
                "orders_touch",
                TriggerTiming.BEFORE,
                List.of(TriggerEvent.UPDATE),
                List.of("status"),
                true,
                "OLD.status IS DISTINCT FROM NEW.status",
                "EXECUTE FUNCTION touch_order()"));

    Table items = shop.table("order_items").orElseThrow();
    assertThat(items.primaryKey())
        .isEqualTo(new PrimaryKey("order_items_pk", List.of("order_id", "line_no")));
    assertThat(items.uniques())
        .containsExactly(
            new UniqueConstraint("order_items_sku_per_order", List.of("order_id", "sku")));
    assertThat(items.foreignKeys())
        .containsExactly(
            new ForeignKey(
                "order_items_order_fk",
                List.of("order_id"),
                "orders",
                List.of("id"),
                ReferentialAction.CASCADE,
                ReferentialAction.NO_ACTION,
                true));
  }

  @Test
  void fullDocumentDeclaresTypesSequencesViewsAndRoutines() {
    SchemaSnapshot shop = shop();

    assertThat(shop.enums())
        .singleElement()
        .satisfies(
            e -> assertThat(e.values()).containsExactly("pending", "paid", "shipped", "cancelled"));
    assertThat(shop.domains())
        .containsExactly(
            new DomainType(
                "email_address",
                "VARCHAR(320)",
                true,
                null,
                List.of(new CheckConstraint("email_has_at", "VALUE LIKE '%@%'"))));
    assertThat(shop.sequences())
        .containsExactly(new Sequence("invoice_numbers", 1000, 1, 1000L, null, false, null));
    assertThat(shop.views())
        .extracting(View::name, View::materialized)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("customer_totals", true),
            org.assertj.core.groups.Tuple.tuple("open_orders", false));
    assertThat(shop.routines())
        .extracting(Routine::key, Routine::kind, Routine::returns)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "archive_orders(before_date timestamp)", Routine.RoutineKind.PROCEDURE, null),
            org.assertj.core.groups.Tuple.tuple(
                "touch_order()", Routine.RoutineKind.FUNCTION, "trigger"));
  }

  @Test
  void jsonDocumentMeansTheSameAsYaml() {
    ResolvedTarget yaml = Documents.resolve(Documents.resource("full/shop.yaml"));
    ResolvedTarget json = Documents.resolve(Documents.resource("full/shop.json"));

    assertThat(json.snapshot()).isEqualTo(yaml.snapshot());
    assertThat(json.snapshot().hash()).isEqualTo(yaml.snapshot().hash());
    assertThat(json.renames()).isEqualTo(yaml.renames());
  }

  @Test
  void renamedFromBecomesRenameHints() {
    ResolvedTarget shop = Documents.resolve(Documents.resource("full/shop.yaml"));

    assertThat(shop.renames().tables()).isEqualTo(Map.of("customers", "clients"));
    assertThat(shop.renames().columns())
        .isEqualTo(Map.of("customers", Map.of("full_name", "name")));
    assertThat(shop.renames().columnRenamedFrom("customers", "full_name")).contains("name");
  }

  @Test
  void unnamedIndexGetsAGeneratedName() {
    Table customers = shop().table("customers").orElseThrow();

    assertThat(customers.indexes())
        .extracting(Index::name)
        .containsExactly("customers_lower_email", "idx_customers_created_at");
    assertThat(customers.indexes().get(0).parts())
        .containsExactly(IndexPart.expression("lower(email)"));
  }

  @Test
  void seedSingleTableFileIsOneTable() {
    SchemaSnapshot users = Documents.resolve(Documents.resource("seed/users.yaml")).snapshot();

    Table table = users.table("users").orElseThrow();
    assertThat(users.tables()).hasSize(1);
    assertThat(table.columns())
        .containsExactly(
            Column.of("id", "BIGINT", false),
            Column.of("email", "VARCHAR(255)", false),
            Column.of("display_name", "TEXT", true),
            Column.of("created_at", "TIMESTAMPTZ", false).withDefaultValue("now()"));
    assertThat(table.primaryKey()).isEqualTo(new PrimaryKey(null, List.of("id")));
    assertThat(table.uniques()).containsExactly(new UniqueConstraint(null, List.of("email")));
    assertThat(table.indexes())
        .containsExactly(
            Index.on("idx_users_created", false, List.of("created_at")),
            Index.on("idx_users_display_name", false, List.of("display_name")));
  }

  @Test
  void directoryOfSeedFilesIsOneSchema() {
    SchemaSnapshot seed = Documents.resolve(Documents.resource("seed")).snapshot();

    assertThat(seed.tables()).extracting(Table::name).containsExactly("audit_log", "users");
    assertThat(seed.table("audit_log").orElseThrow().indexes())
        .contains(Index.on("uq_audit_action", true, List.of("action", "happened_at")));
  }

  @Test
  void directoryMixesSingleTableFilesAndDocumentsAndSkipsOtherFiles() {
    SchemaSnapshot mixed = Documents.resolve(Documents.resource("mixed")).snapshot();

    assertThat(mixed.tables()).extracting(Table::name).containsExactly("accounts", "memberships");
    assertThat(mixed.enums()).extracting(e -> e.name()).containsExactly("plan_tier");
    assertThat(mixed.views()).extracting(View::name).containsExactly("paying_accounts");
    Table memberships = mixed.table("memberships").orElseThrow();
    assertThat(memberships.primaryKey().columns()).containsExactly("account_id", "user_email");
    assertThat(memberships.column("is_owner").orElseThrow().defaultValue()).isEqualTo("false");
    assertThat(memberships.foreignKeys())
        .singleElement()
        .satisfies(fk -> assertThat(fk.referencedTable()).isEqualTo("accounts"));
    assertThat(mixed.table("accounts").orElseThrow().column("tier").orElseThrow().type())
        .isEqualTo("plan_tier");
  }

  @Test
  void resolvingIsDeterministic() {
    ResolvedTarget first = Documents.resolve(Documents.resource("mixed"));
    ResolvedTarget second = Documents.resolve(Documents.resource("mixed"));

    assertThat(second).isEqualTo(first);
    assertThat(second.snapshot().hash()).isEqualTo(first.snapshot().hash());
  }

  @Test
  void aDirectoryMeansTheSameAsOneDocument() {
    Path single =
        Documents.write(
            dir,
            "all.yaml",
            """
            enums:
              - {name: plan_tier, values: [free, team, enterprise]}
            views:
              - name: paying_accounts
                definition: SELECT id, name FROM accounts WHERE tier <> 'free'
            tables:
              - name: memberships
                columns:
                  - name: account_id
                    type: bigint
                    references: {table: accounts, column: id, onDelete: cascade}
                  - {name: user_email, type: varchar(255)}
                  - {name: is_owner, type: boolean, default: false}
                primaryKey: [account_id, user_email]
              - name: accounts
                columns:
                  - {name: id, type: bigint, primaryKey: true}
                  - {name: name, type: varchar(120)}
                  - {name: tier, type: plan_tier, default: "'free'"}
                indexes:
                  - columns: [tier]
            """);

    assertThat(Documents.resolve(single).snapshot())
        .isEqualTo(Documents.resolve(Documents.resource("mixed")).snapshot());
  }

  @Test
  void columnsAreNotNullUnlessNullableTrue() {
    Path file =
        Documents.write(
            dir,
            "t.yaml",
            """
            tables:
              - name: t
                columns:
                  - {name: a, type: integer}
                  - {name: b, type: integer, nullable: false}
                  - {name: c, type: integer, nullable: true}
            """);

    assertThat(Documents.resolve(file).snapshot().table("t").orElseThrow().columns())
        .extracting(Column::nullable)
        .containsExactly(false, false, true);
  }

  @Test
  void severalPrimaryKeyColumnsMakeOneCompositeKeyInColumnOrder() {
    Path file =
        Documents.write(
            dir,
            "t.yaml",
            """
            tables:
              - name: t
                columns:
                  - {name: b, type: integer, primaryKey: true}
                  - {name: x, type: text}
                  - {name: a, type: integer, primaryKey: true}
            """);

    assertThat(Documents.resolve(file).snapshot().table("t").orElseThrow().primaryKey())
        .isEqualTo(new PrimaryKey(null, List.of("b", "a")));
  }

  @Test
  void scalarDefaultsKeepTheirTextAndYesStaysAWord() {
    Path file =
        Documents.write(
            dir,
            "t.yaml",
            """
            tables:
              - name: t
                columns:
                  - {name: a, type: "numeric(5,2)", default: 0.50}
                  - {name: b, type: boolean, default: false}
                  - {name: c, type: text, default: "'no'"}
                  - {name: d, type: text, default: no}
            """);

    assertThat(Documents.resolve(file).snapshot().table("t").orElseThrow().columns())
        .extracting(Column::defaultValue)
        .containsExactly("0.50", "false", "'no'", "no");
  }

  @Test
  void resolvedTargetIsWhatTheDialectNormalized() {
    StubDialect dialect = new StubDialect(s -> s.withViews(List.of()));
    StubAdapter adapter = new StubAdapter(dialect);

    ResolvedTarget resolved =
        TargetResolver.resolve(
            new io.schemasync.api.Target.SchemaFile(Documents.resource("full/shop.yaml")), adapter);

    assertThat(dialect.normalized).hasSize(1);
    assertThat(dialect.normalized.get(0).views()).hasSize(2);
    assertThat(resolved.snapshot().views()).isEmpty();
    assertThat(resolved.description()).endsWith("shop.yaml");
  }

  @Test
  void tableOptionsAndInvisibleIndexesAreRead() {
    Path file =
        Documents.write(
            dir,
            "t.yaml",
            """
            tables:
              - name: t
                options: {engine: InnoDB, charset: utf8mb4, collation: utf8mb4_unicode_ci}
                columns:
                  - {name: a, type: integer}
                indexes:
                  - {name: ix_a, columns: [a], invisible: true}
              - name: u
                options: {charset: latin1}
                columns:
                  - {name: a, type: integer}
            """);

    SchemaSnapshot s = Documents.resolve(file).snapshot();
    assertThat(s.table("t").orElseThrow().options())
        .isEqualTo(new TableOptions("InnoDB", "utf8mb4", "utf8mb4_unicode_ci"));
    assertThat(s.table("t").orElseThrow().indexes().get(0).invisible()).isTrue();
    assertThat(s.table("u").orElseThrow().options())
        .isEqualTo(new TableOptions(null, "latin1", null));
  }

  @Test
  void aTableOptionThatIsNotAWordIsRefusedWithItsLine() {
    Path file =
        Documents.write(
            dir,
            "t.yaml",
            """
            tables:
              - name: t
                columns:
                  - {name: a, type: integer}
                options:
                  engine: "InnoDB; DROP TABLE t"
                  colation: utf8mb4_bin
            """);

    InvalidTargetException e = Documents.failure(file);
    assertThat(e.location().line()).isEqualTo(6);
    assertThat(e.getMessage())
        .contains("'engine' of options of table t")
        .contains("write a storage engine such as InnoDB")
        .contains("t.yaml:7")
        .contains("unknown property 'colation'");
  }
}
