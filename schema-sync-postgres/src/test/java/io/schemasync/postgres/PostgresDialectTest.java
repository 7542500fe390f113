package io.schemasync.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.schemasync.api.TenantContext;
import io.schemasync.api.change.AddColumn;
import io.schemasync.api.change.AddConstraint;
import io.schemasync.api.change.AddEnumValues;
import io.schemasync.api.change.AlterColumn;
import io.schemasync.api.change.AlterIndexVisibility;
import io.schemasync.api.change.AlterPartitioning;
import io.schemasync.api.change.AlterSequence;
import io.schemasync.api.change.AlterTableComment;
import io.schemasync.api.change.AlterTableOptions;
import io.schemasync.api.change.AttachPartition;
import io.schemasync.api.change.CreateDomain;
import io.schemasync.api.change.CreateEnum;
import io.schemasync.api.change.CreateExtension;
import io.schemasync.api.change.CreateIndex;
import io.schemasync.api.change.CreateRoutine;
import io.schemasync.api.change.CreateSequence;
import io.schemasync.api.change.CreateTable;
import io.schemasync.api.change.CreateTrigger;
import io.schemasync.api.change.CreateView;
import io.schemasync.api.change.DetachPartition;
import io.schemasync.api.change.DropColumn;
import io.schemasync.api.change.DropConstraint;
import io.schemasync.api.change.DropDomain;
import io.schemasync.api.change.DropEnum;
import io.schemasync.api.change.DropIndex;
import io.schemasync.api.change.DropRoutine;
import io.schemasync.api.change.DropSequence;
import io.schemasync.api.change.DropTable;
import io.schemasync.api.change.DropTrigger;
import io.schemasync.api.change.DropView;
import io.schemasync.api.change.RenameColumn;
import io.schemasync.api.change.RenameTable;
import io.schemasync.api.change.SchemaChange;
import io.schemasync.api.model.CheckConstraint;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.DomainType;
import io.schemasync.api.model.EnumType;
import io.schemasync.api.model.ExclusionConstraint;
import io.schemasync.api.model.ExclusionElement;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.IndexPart;
import io.schemasync.api.model.PartitionBy;
import io.schemasync.api.model.PartitionOf;
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
import io.schemasync.api.plan.RowCheck;
import io.schemasync.api.plan.Safety;
import io.schemasync.spi.StepDraft;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rendering, type mapping and safety classes, without a server. */
class PostgresDialectTest {
  private final PostgresDialect dialect = new PostgresDialect(false);
  private final PostgresDialect online = new PostgresDialect(true);

  private static final Table USERS =
      new Table(
          "users",
          List.of(
              Column.of("id", "bigint", false), Column.of("email", "character varying(50)", true)),
          new PrimaryKey("users_pkey", List.of("id")),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          null);
  private static final SchemaSnapshot CURRENT = SchemaSnapshot.ofTables(List.of(USERS));

  private List<String> sql(PostgresDialect d, SchemaChange change) {
    return d.render(List.of(change), CURRENT, CURRENT).stream()
        .flatMap(s -> s.statements().stream())
        .toList();
  }

  private StepDraft step(PostgresDialect d, SchemaChange change) {
    return d.render(List.of(change), CURRENT, CURRENT).get(0);
  }

  @Test
  void resolvesPortableAndNativeTypesToFormatTypeSpellings() {
    assertThat(dialect.resolveType("varchar(255)")).contains("character varying(255)");
    assertThat(dialect.resolveType("VARCHAR")).contains("character varying");
    assertThat(dialect.resolveType("int")).contains("integer");
    assertThat(dialect.resolveType("double")).contains("double precision");
    assertThat(dialect.resolveType("numeric(10, 2)")).contains("numeric(10,2)");
    assertThat(dialect.resolveType("decimal(8)")).contains("numeric(8,0)");
    assertThat(dialect.resolveType("bytes")).contains("bytea");
    assertThat(dialect.resolveType("timestamp")).contains("timestamp without time zone");
    assertThat(dialect.resolveType("timestamptz")).contains("timestamp with time zone");
    assertThat(dialect.resolveType("timestamptz(3)")).contains("timestamp(3) with time zone");
    assertThat(dialect.resolveType("time")).contains("time without time zone");
    assertThat(dialect.resolveType("char")).contains("character(1)");
    assertThat(dialect.resolveType("json")).contains("jsonb");
    assertThat(dialect.resolveType("text[]")).contains("text[]");
    assertThat(dialect.resolveType("int4range")).contains("int4range");
    assertThat(dialect.resolveType("Mood"))
        .as("the loader resolves the target's own types")
        .isEmpty();
    assertThat(dialect.resolveType("strnig")).isEmpty();
    assertThat(dialect.resolveType("varchar(a)")).isEmpty();
    assertThat(dialect.resolveType("integer; drop table x")).isEmpty();
  }

  @Test
  void quotesEveryIdentifier() {
    assertThat(dialect.quote("a\"b")).isEqualTo("\"a\"\"b\"");
    assertThat(sql(dialect, new DropTable(USERS)))
        .containsExactly("DROP TABLE " + PostgresDialect.TENANT_PLACEHOLDER + ".\"users\"");
    assertThat(PostgresDialect.bind(sql(dialect, new DropTable(USERS)).get(0), "t\"1"))
        .isEqualTo("DROP TABLE \"t\"\"1\".\"users\"");
    assertThat(
            dialect
                .render(TenantContext.of("t\"1"), List.of(new DropTable(USERS)), CURRENT, CURRENT)
                .get(0)
                .statements())
        .as("a plan rendered for its tenant shows the SQL exactly as it runs")
        .containsExactly("DROP TABLE \"t\"\"1\".\"users\"");
  }

  @Test
  void rendersEveryChangeKind() {
    Column nick = new Column("nick", "text", true, "'x'::text", null, null, null, "nickname");
    Index index = Index.on("users_email", false, List.of("email"));
    Trigger trigger =
        new Trigger(
            "t1",
            TriggerTiming.BEFORE,
            List.of(TriggerEvent.INSERT, TriggerEvent.UPDATE),
            List.of("email"),
            true,
            "new.email IS NOT NULL",
            "EXECUTE FUNCTION touch()");
    View view = new View("v", "SELECT id FROM users", false);
    Routine routine =
        new Routine(
            "f", Routine.RoutineKind.FUNCTION, "a integer", "integer", "sql", "SELECT a $body$");
    EnumType mood = new EnumType("mood", List.of("a", "c"));
    DomainType domain =
        new DomainType(
            "pos", "integer", true, "1", List.of(new CheckConstraint("pos_check", "VALUE > 0")));
    Sequence seq = new Sequence("s", 1, 1, null, 100L, false, null);
    ForeignKey fk =
        new ForeignKey(
            "fk",
            List.of("id"),
            "users",
            List.of("id"),
            ReferentialAction.CASCADE,
            ReferentialAction.NO_ACTION,
            true);
    List<SchemaChange> all =
        List.of(
            new CreateTable(Table.of("t", List.of(Column.of("a", "mood", false)), null)),
            new DropTable(USERS),
            new RenameTable("users", "people"),
            new AlterTableComment("users", null, "it's"),
            new AddColumn("users", nick),
            new DropColumn("users", nick),
            new RenameColumn("users", "email", "mail"),
            new AlterColumn(
                "users", USERS.columns().get(1), USERS.columns().get(1).withType("text")),
            new AddConstraint("users", fk),
            new DropConstraint("users", new UniqueConstraint("u", List.of("email"))),
            new CreateIndex("users", index),
            new DropIndex("users", index),
            new CreateTrigger("users", trigger),
            new DropTrigger("users", trigger),
            new CreateView(view),
            new DropView(view),
            new CreateRoutine(routine),
            new DropRoutine(routine),
            new CreateEnum(mood),
            new DropEnum(mood),
            new AddEnumValues(mood, new EnumType("mood", List.of("0", "a", "b", "c", "d"))),
            new CreateDomain(domain),
            new DropDomain(domain),
            new CreateSequence(seq),
            new DropSequence(seq),
            new AlterSequence(seq, new Sequence("s", 1, 2, 0L, null, true, "users.id")),
            new CreateExtension("uuid-ossp"),
            new AttachPartition("users", new PartitionOf("people", "DEFAULT")),
            new DetachPartition("users", new PartitionOf("people", "DEFAULT")));
    Set<Class<?>> kinds = new HashSet<>();
    all.forEach(c -> kinds.add(c.getClass()));
    // Table options and index visibility are the MySQL family's: normalization drops the one and
    // refuses the other, so no PostgreSQL plan holds them, and rendering them is refused.
    List<SchemaChange> mysqlOnly =
        List.of(
            new AlterTableOptions("users", null, new TableOptions("InnoDB", null, null)),
            new AlterIndexVisibility("users", index, index.withInvisible(true)));
    for (SchemaChange change : mysqlOnly) {
      kinds.add(change.getClass());
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> dialect.render(List.of(change), CURRENT, CURRENT))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no PostgreSQL rendering");
    }
    kinds.add(AlterPartitioning.class); // refused by the planner, never rendered (below)
    assertThat(kinds).hasSize(SchemaChange.class.getPermittedSubclasses().length);
    assertThatThrownBy(
            () ->
                dialect.render(
                    List.of(new AlterPartitioning("users", null, null)), CURRENT, CURRENT))
        .isInstanceOf(IllegalArgumentException.class);

    List<String> statements = new ArrayList<>();
    for (SchemaChange change : all) {
      List<StepDraft> steps = dialect.render(List.of(change), CURRENT, CURRENT);
      assertThat(steps.stream().flatMap(s -> s.changes().stream())).containsExactly(change);
      steps.forEach(s -> statements.addAll(s.statements()));
    }
    String p = PostgresDialect.TENANT_PLACEHOLDER;
    assertThat(statements)
        .contains(
            "CREATE TABLE " + p + ".\"t\" (\n  \"a\" " + p + ".mood NOT NULL\n)",
            "ALTER TABLE " + p + ".\"users\" RENAME TO \"people\"",
            "COMMENT ON TABLE " + p + ".\"users\" IS 'it''s'",
            "ALTER TABLE " + p + ".\"users\" ADD COLUMN \"nick\" text DEFAULT 'x'::text",
            "COMMENT ON COLUMN " + p + ".\"users\".\"nick\" IS 'nickname'",
            "ALTER TABLE "
                + p
                + ".\"users\" ALTER COLUMN \"email\" TYPE text USING \"email\"::text",
            "ALTER TABLE "
                + p
                + ".\"users\" ADD CONSTRAINT \"fk\" FOREIGN KEY (\"id\") REFERENCES "
                + p
                + ".\"users\" (\"id\") ON UPDATE NO ACTION ON DELETE CASCADE DEFERRABLE",
            "CREATE INDEX \"users_email\" ON " + p + ".\"users\" (\"email\")",
            "DROP INDEX " + p + ".\"users_email\"",
            "CREATE TRIGGER \"t1\" BEFORE INSERT OR UPDATE OF \"email\" ON "
                + p
                + ".\"users\""
                + " FOR EACH ROW WHEN (new.email IS NOT NULL) EXECUTE FUNCTION touch()",
            "DROP TRIGGER \"t1\" ON " + p + ".\"users\"",
            "CREATE OR REPLACE FUNCTION "
                + p
                + ".\"f\"(a integer) RETURNS integer LANGUAGE \"sql\""
                + " AS $body1$SELECT a $body$$body1$",
            "CREATE TYPE " + p + ".\"mood\" AS ENUM ('a', 'c')",
            "ALTER TYPE " + p + ".\"mood\" ADD VALUE '0' BEFORE 'a'",
            "ALTER TYPE " + p + ".\"mood\" ADD VALUE 'b' AFTER 'a'",
            "ALTER TYPE " + p + ".\"mood\" ADD VALUE 'd' AFTER 'c'",
            "CREATE DOMAIN "
                + p
                + ".\"pos\" AS integer DEFAULT 1 NOT NULL CONSTRAINT \"pos_check\""
                + " CHECK (VALUE > 0)",
            "ALTER SEQUENCE "
                + p
                + ".\"s\" INCREMENT BY 2 MINVALUE 0 NO MAXVALUE START WITH 1 CYCLE",
            "ALTER SEQUENCE " + p + ".\"s\" OWNED BY " + p + ".\"users\".\"id\"",
            "SELECT pg_advisory_xact_lock("
                + AdvisoryLock.LOCK_CLASS
                + ", hashtext('extension uuid-ossp'))",
            "CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\" SCHEMA \"public\"");
  }

  @Test
  void safetyFollowsWhatPostgresLocks() {
    Column email = USERS.columns().get(1);
    assertThat(step(dialect, new AlterColumn("users", email, email.withType("text"))).safety())
        .as("varchar to text is binary coercible")
        .isEqualTo(Safety.SAFE);
    assertThat(
            step(dialect, new AlterColumn("users", email, email.withType("character varying(80)")))
                .safety())
        .isEqualTo(Safety.SAFE);
    StepDraft narrowing =
        step(dialect, new AlterColumn("users", email, email.withType("character varying(20)")));
    assertThat(narrowing.safety()).isEqualTo(Safety.LOCKING);
    assertThat(narrowing.reason()).contains("rewrites users");
    assertThat(step(dialect, new AlterColumn("users", email, email.withType("integer"))).safety())
        .isEqualTo(Safety.LOCKING);
    StepDraft notNull = step(dialect, new AlterColumn("users", email, email.withNullable(false)));
    assertThat(notNull.safety()).isEqualTo(Safety.LOCKING);
    assertThat(notNull.reason()).contains("scans all of users").contains("online option");
    List<StepDraft> onlineNotNull =
        online.render(
            List.of(new AlterColumn("users", email, email.withNullable(false))), CURRENT, CURRENT);
    String notNullCheck = "\"" + AlterColumnSql.notNullCheckName("users", "email") + "\"";
    assertThat(onlineNotNull).hasSize(2).allMatch(s -> s.safety() == Safety.SAFE);
    assertThat(onlineNotNull.get(0).transactional()).isTrue();
    assertThat(onlineNotNull.get(0).statements())
        .containsExactly(
            "ALTER TABLE \"{tenant}\".\"users\" DROP CONSTRAINT IF EXISTS "
                + notNullCheck
                + ", ADD CONSTRAINT "
                + notNullCheck
                + " CHECK (\"email\" IS NOT NULL) NOT VALID");
    assertThat(onlineNotNull.get(1).transactional()).isFalse();
    assertThat(onlineNotNull.get(1).statements())
        .containsExactly(
            "ALTER TABLE \"{tenant}\".\"users\" VALIDATE CONSTRAINT " + notNullCheck,
            "ALTER TABLE \"{tenant}\".\"users\" ALTER COLUMN \"email\" SET NOT NULL",
            "ALTER TABLE \"{tenant}\".\"users\" DROP CONSTRAINT " + notNullCheck);
    // a dry run looks for the NULLs instead of validating under the transaction's lock
    assertThat(onlineNotNull.get(1).rowChecks())
        .containsExactly(
            new RowCheck(
                "SELECT 1 FROM \"{tenant}\".\"users\" WHERE \"email\" IS NULL LIMIT 1",
                "users holds NULL in email"));
    assertThat(AlterColumnSql.notNullCheckName("users", "email").length()).isLessThan(64);
    // a table the plan attaches as a partition needs the NOT NULL inside the transaction
    SchemaSnapshot attached =
        SchemaSnapshot.ofTables(
            List.of(
                new Table(
                    "users",
                    List.of(),
                    null,
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    null,
                    null,
                    List.of(),
                    null,
                    new PartitionOf("all_users", "DEFAULT"))));
    List<StepDraft> attaching =
        online.render(
            List.of(new AlterColumn("users", email, email.withNullable(false))), CURRENT, attached);
    assertThat(attaching).hasSize(1);
    assertThat(attaching.get(0).safety()).isEqualTo(Safety.LOCKING);
    assertThat(attaching.get(0).statements()).anyMatch(sql -> sql.endsWith("SET NOT NULL"));

    StepDraft index =
        step(dialect, new CreateIndex("users", Index.on("ix", false, List.of("email"))));
    assertThat(index.safety()).isEqualTo(Safety.LOCKING);
    assertThat(index.reason()).contains("blocks writes to users while it builds");
    StepDraft concurrent =
        step(online, new CreateIndex("users", Index.on("ix", false, List.of("email"))));
    assertThat(concurrent.transactional()).isFalse();
    assertThat(concurrent.statements().get(0)).startsWith("CREATE INDEX CONCURRENTLY");

    CheckConstraint check = new CheckConstraint("c", "id > 0");
    assertThat(step(dialect, new AddConstraint("users", check)).safety()).isEqualTo(Safety.LOCKING);
    List<StepDraft> onlineCheck =
        online.render(List.of(new AddConstraint("users", check)), CURRENT, CURRENT);
    assertThat(onlineCheck).hasSize(2);
    assertThat(onlineCheck.get(0).statements().get(0)).endsWith("NOT VALID");
    assertThat(onlineCheck.get(1).statements().get(0)).contains("VALIDATE CONSTRAINT \"c\"");
    assertThat(onlineCheck.get(1).transactional()).isFalse();
    assertThat(onlineCheck.get(1).rowChecks())
        .extracting(RowCheck::query)
        .containsExactly("SELECT 1 FROM \"{tenant}\".\"users\" WHERE NOT (id > 0) LIMIT 1");

    Column volatileDefault =
        new Column("token", "uuid", true, "gen_random_uuid()", null, null, null, null);
    assertThat(step(dialect, new AddColumn("users", volatileDefault)).safety())
        .isEqualTo(Safety.LOCKING);
    assertThat(step(dialect, new AddColumn("users", Column.of("x", "text", true))).safety())
        .isEqualTo(Safety.SAFE);
  }

  @Test
  void theDuplicateKeysQueryComparesKeysAsTheUniqueIndexWould() {
    assertThat(
            PgDdl.duplicateKeysQuery(
                "\"t\".\"users\"", Index.on("ix", true, List.of("email", "id"))))
        .isEqualTo(
            "SELECT 1 FROM \"t\".\"users\" WHERE \"email\" IS NOT NULL AND \"id\" IS NOT NULL"
                + " GROUP BY \"email\", \"id\" HAVING count(*) > 1 LIMIT 1");
    Index partial =
        new Index(
            "ix",
            List.of(IndexPart.expression("lower(email)")),
            true,
            "deleted_at IS NULL",
            null,
            List.of(),
            false,
            true);
    assertThat(PgDdl.duplicateKeysQuery("\"t\".\"users\"", partial))
        .isEqualTo(
            "SELECT 1 FROM \"t\".\"users\" WHERE (deleted_at IS NULL)"
                + " GROUP BY (lower(email)) HAVING count(*) > 1 LIMIT 1");
  }

  @Test
  void indexesAndConstraintsOnANewTableNeverLock() {
    Table t = Table.of("fresh", List.of(Column.of("a", "integer", true)), null);
    List<SchemaChange> changes =
        List.of(
            new CreateTable(t),
            new CreateIndex("fresh", Index.on("fresh_a", false, List.of("a"))),
            new AddConstraint("fresh", new CheckConstraint("fresh_a_check", "a > 0")));
    List<StepDraft> steps = online.render(changes, SchemaSnapshot.EMPTY, SchemaSnapshot.EMPTY);
    assertThat(steps)
        .allSatisfy(
            s -> {
              assertThat(s.safety()).isEqualTo(Safety.SAFE);
              assertThat(s.transactional()).isTrue();
            });
    assertThat(steps.get(1).statements().get(0)).doesNotContain("CONCURRENTLY");
  }

  @Test
  void viewsAreRecreatedAroundTypeChangesButNotRenames() {
    Column email = USERS.columns().get(1);
    assertThat(
            dialect.invalidatesDependentViews(
                new AlterColumn("users", email, email.withType("text"))))
        .isTrue();
    assertThat(
            dialect.invalidatesDependentViews(
                new AlterColumn("users", email, email.withComment("c"))))
        .isFalse();
    assertThat(dialect.invalidatesDependentViews(new RenameColumn("users", "a", "b"))).isFalse();
    assertThat(dialect.invalidatesDependentViews(new DropColumn("users", email))).isTrue();
  }

  @Test
  void fillsTheNamesPostgresGivesUnnamedConstraints() {
    Table t =
        new Table(
            "orders",
            List.of(Column.of("id", "integer", false), Column.of("total", "numeric", true)),
            new PrimaryKey(null, List.of("id")),
            List.of(new UniqueConstraint(null, List.of("id", "total"))),
            List.of(
                new CheckConstraint(null, "total > 0"),
                new CheckConstraint(null, "id > 0 AND total > 0")),
            List.of(
                new ForeignKey(null, List.of("id"), "orders", List.of("id"), null, null, false)),
            List.of(),
            List.of(),
            null);
    Table named = dialect.normalize(SchemaSnapshot.ofTables(List.of(t))).tables().get(0);
    assertThat(named.primaryKey().name()).isEqualTo("orders_pkey");
    assertThat(named.uniques().get(0).name()).isEqualTo("orders_id_total_key");
    assertThat(named.checks())
        .extracting(CheckConstraint::name)
        .containsExactlyInAnyOrder("orders_total_check", "orders_check");
    assertThat(named.foreignKeys().get(0).name()).isEqualTo("orders_id_fkey");
    assertThat(GeneratedNames.makeObjectName("a".repeat(70), "b", "key")).hasSize(63);
  }

  @Test
  void stripsOnlyTheTenantQualification() {
    String prefix = "\"my schema\".";
    assertThat(
            PgNames.stripSchema(
                "SELECT t.a FROM \"my schema\".t WHERE x = 'keep \"my schema\".t' AND n = nextval('\"my schema\".s'::regclass)",
                prefix))
        .isEqualTo(
            "SELECT t.a FROM t WHERE x = 'keep \"my schema\".t' AND n = nextval('s'::regclass)");
    assertThat(PgNames.stripSchema("other.\"my schema\".t", prefix))
        .isEqualTo("other.\"my schema\".t");
  }

  @Test
  void splitsScriptsOutsideQuotesAndKeepsLines() {
    List<SqlText.Statement> statements =
        SqlText.statements(
            "-- header; not a statement\nCREATE TABLE a (x text DEFAULT ';');\n\n"
                + "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;\n/* c; */ SELECT 2");
    assertThat(statements).extracting(SqlText.Statement::line).containsExactly(2, 4, 5);
    assertThat(statements.get(1).sql()).endsWith("$$ SELECT 1; $$");
  }

  @Test
  void mysqlTableOptionsAreIgnoredAndInvisibleIndexesRefused() {
    Table t =
        Table.of("t", List.of(Column.of("a", "integer", false)), null)
            .withOptions(new TableOptions("InnoDB", "utf8mb4", "utf8mb4_bin"));
    assertThat(dialect.normalize(SchemaSnapshot.ofTables(List.of(t))).tables().get(0).options())
        .isNull();
    Table hidden =
        t.withIndexes(List.of(Index.on("ix_a", false, List.of("a")).withInvisible(true)));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> dialect.normalize(SchemaSnapshot.ofTables(List.of(hidden))))
        .isInstanceOf(io.schemasync.api.InvalidTargetException.class)
        .hasMessageContaining("index ix_a of table t is declared invisible");
  }

  @Test
  void rendersExclusionConstraintsAndNullsNotDistinctKeys() {
    ExclusionConstraint noOverlap =
        new ExclusionConstraint(
            "rooms_excl",
            "gist",
            List.of(
                ExclusionElement.column("room", "="),
                new ExclusionElement(null, "tsrange(starts, ends)", "&&")),
            "room > 0",
            true);
    Table rooms =
        new Table(
            "rooms",
            List.of(Column.of("room", "integer", false), Column.of("code", "text", true)),
            null,
            List.of(new UniqueConstraint("rooms_code_key", List.of("code"), true)),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            null,
            null,
            List.of(noOverlap),
            null,
            null);
    assertThat(sql(dialect, new CreateTable(rooms)).get(0))
        .contains("CONSTRAINT \"rooms_code_key\" UNIQUE NULLS NOT DISTINCT (\"code\")")
        .contains(
            "CONSTRAINT \"rooms_excl\" EXCLUDE USING \"gist\" (\"room\" WITH =,"
                + " (tsrange(starts, ends)) WITH &&) WHERE (room > 0) DEFERRABLE");
    assertThat(
            sql(
                dialect,
                new CreateIndex(
                    "users",
                    new Index(
                        "users_email_nnd",
                        List.of(IndexPart.column("email")),
                        true,
                        null,
                        null,
                        List.of(),
                        false,
                        true))))
        .containsExactly(
            "CREATE UNIQUE INDEX \"users_email_nnd\" ON "
                + PostgresDialect.TENANT_PLACEHOLDER
                + ".\"users\" (\"email\") NULLS NOT DISTINCT");
    StepDraft added =
        step(
            online,
            new AddConstraint(
                "users",
                new ExclusionConstraint(
                    "users_email_excl",
                    null,
                    List.of(ExclusionElement.column("email", "=")),
                    null,
                    false)));
    assertThat(added.statements())
        .singleElement()
        .asString()
        .endsWith("ADD CONSTRAINT \"users_email_excl\" EXCLUDE USING \"btree\" (\"email\" WITH =)");
    assertThat(added.safety())
        .as("an exclusion cannot be added NOT VALID, even online")
        .isEqualTo(Safety.LOCKING);
    assertThat(added.reason()).contains("exclusion constraint's index on users");
    assertThat(
            dialect
                .normalize(
                    SchemaSnapshot.ofTables(
                        List.of(
                            rooms.withExclusions(
                                List.of(noOverlap.withName(null).withMethod("GIST"))))))
                .tables()
                .get(0)
                .exclusions())
        .as("names and methods as the server reports them")
        .containsExactly(noOverlap.withName("rooms_room_tsrange_excl"));
  }

  @Test
  void rendersPartitionedTablesAndTheirPartitions() {
    String t = PostgresDialect.TENANT_PLACEHOLDER;
    Table events =
        Table.of(
                "events",
                List.of(Column.of("id", "bigint", false), Column.of("created", "date", false)),
                null)
            .withPartitionBy(
                new PartitionBy(
                    PartitionBy.Strategy.RANGE,
                    List.of(IndexPart.column("created"), IndexPart.expression("id % 10"))));
    PartitionOf y2024 =
        new PartitionOf("events", "FOR VALUES FROM ('2024-01-01', 0) TO (MAXVALUE, MAXVALUE)");
    Table partition =
        Table.of("events_2024", List.of(), null)
            .withPartitionOf(y2024)
            .withChecks(List.of(new CheckConstraint("small", "id < 100")));
    SchemaSnapshot target = SchemaSnapshot.ofTables(List.of(events, partition));
    List<StepDraft> created =
        dialect.render(
            List.of(new CreateTable(events), new CreateTable(partition)),
            SchemaSnapshot.EMPTY,
            target);
    assertThat(created.get(0).statements().get(0))
        .endsWith(") PARTITION BY RANGE (\"created\", (id % 10))");
    assertThat(created.get(1).statements())
        .containsExactly(
            "CREATE TABLE "
                + t
                + ".\"events_2024\" PARTITION OF "
                + t
                + ".\"events\" (\n  CONSTRAINT \"small\" CHECK (id < 100)\n) "
                + y2024.bound());
    assertThat(created).allMatch(step -> step.safety() == Safety.SAFE);

    SchemaSnapshot current = SchemaSnapshot.ofTables(List.of(events));
    StepDraft added = dialect.render(List.of(new CreateTable(partition)), current, target).get(0);
    assertThat(added.safety()).isEqualTo(Safety.LOCKING);
    assertThat(added.reason()).contains("locks events against all access");

    StepDraft attach =
        dialect.render(List.of(new AttachPartition("events_2024", y2024)), current, target).get(0);
    assertThat(attach.statements())
        .containsExactly(
            "ALTER TABLE "
                + t
                + ".\"events\" ATTACH PARTITION "
                + t
                + ".\"events_2024\" "
                + y2024.bound());
    assertThat(attach.safety()).isEqualTo(Safety.LOCKING);
    StepDraft detach =
        dialect.render(List.of(new DetachPartition("events_2024", y2024)), target, current).get(0);
    assertThat(detach.statements().get(0))
        .startsWith("DO $body$")
        .contains("ALTER TABLE " + t + ".\"events\" DETACH PARTITION " + t + ".\"events_2024\";")
        .contains("'" + t + ".\"events_2024\"'::regclass");

    StepDraft index =
        online
            .render(
                List.of(new CreateIndex("events", Index.on("events_id", false, List.of("id")))),
                current,
                current)
            .get(0);
    assertThat(index.transactional())
        .as("no CONCURRENTLY on a partitioned table, even online")
        .isTrue();
    assertThat(index.reason())
        .contains("cannot build an index on a partitioned table CONCURRENTLY");
  }

  @Test
  void aDryRunFindsTheRowsAnOnlineValidationWouldFailOnOnlyWhereTheRowsBeforeThePlanTell() {
    Table orders =
        Table.of(
            "orders",
            List.of(Column.of("id", "bigint", false), Column.of("user_id", "bigint", true)),
            new PrimaryKey("orders_pkey", List.of("id")));
    SchemaSnapshot current = SchemaSnapshot.ofTables(List.of(USERS, orders));
    ForeignKey key =
        new ForeignKey(
            "orders_user", List.of("user_id"), "users", List.of("id"), null, null, false);
    List<StepDraft> foreignKey =
        online.render(List.of(new AddConstraint("orders", key)), current, current);
    assertThat(foreignKey.get(1).rowChecks())
        .containsExactly(
            new RowCheck(
                "SELECT 1 FROM \"{tenant}\".\"orders\" c WHERE c.\"user_id\" IS NOT NULL AND NOT"
                    + " EXISTS (SELECT 1 FROM \"{tenant}\".\"users\" p WHERE p.\"id\" ="
                    + " c.\"user_id\") LIMIT 1",
                "orders holds rows whose user_id match no row of users (foreign key orders_user)"));
    StepDraft unique =
        step(online, new CreateIndex("users", Index.on("users_email", true, List.of("email"))));
    assertThat(unique.rowChecks())
        .extracting(RowCheck::finding)
        .containsExactly(
            "users holds rows with the same key under the new unique index users_email");
    assertThat(
            step(online, new CreateIndex("users", Index.on("ix", false, List.of("email"))))
                .rowChecks())
        .as("a plain index fails on no row")
        .isEmpty();

    // the check may read the column the plan adds: only the rehearsal after it can tell
    Column added = Column.of("age", "integer", true);
    CheckConstraint adult = new CheckConstraint("adult", "age >= 18");
    assertThat(
            rowChecksAfterCommit(
                CURRENT, new AddColumn("users", added), new AddConstraint("users", adult)))
        .isEmpty();
    // one that reads only the columns there before: the rows before the plan tell
    assertThat(
            rowChecksAfterCommit(
                CURRENT,
                new AddColumn("users", added),
                new AddConstraint("users", new CheckConstraint("positive", "id > 0"))))
        .hasSize(1);
    // ...unless it takes the whole row, the new column with it
    assertThat(
            rowChecksAfterCommit(
                CURRENT,
                new AddColumn("users", added),
                new AddConstraint("users", new CheckConstraint("valid", "is_valid(users)"))))
        .isEmpty();
    // the column's values change with its type: the rows before the plan cannot tell
    Column email = USERS.column("email").orElseThrow();
    assertThat(
            rowChecksAfterCommit(
                CURRENT,
                new AlterColumn("users", email, email.withType("text").withNullable(false))))
        .isEmpty();
    // nor can they for a column renamed before it is checked
    assertThat(
            rowChecksAfterCommit(
                current,
                new RenameColumn("orders", "user_id", "owner_id"),
                new AddConstraint(
                    "orders",
                    new ForeignKey(
                        "orders_owner",
                        List.of("owner_id"),
                        "users",
                        List.of("id"),
                        null,
                        null,
                        false))))
        .isEmpty();
  }

  @Test
  void aPartitionAttachedByThePlanBringsRowsTheParentsCheckMustMeet() {
    Table parent =
        Table.of("events", List.of(Column.of("id", "bigint", false)), null)
            .withPartitionBy(
                new PartitionBy(PartitionBy.Strategy.RANGE, List.of(IndexPart.column("id"))));
    Table old = Table.of("events_old", List.of(Column.of("id", "bigint", false)), null);
    SchemaSnapshot current = SchemaSnapshot.ofTables(List.of(parent, old));
    CheckConstraint positive = new CheckConstraint("events_positive", "id > 0");
    assertThat(rowChecksAfterCommit(current, new AddConstraint("events", positive))).hasSize(1);
    // the rows before the plan are the parent's without the partition it attaches
    assertThat(
            rowChecksAfterCommit(
                current,
                new AttachPartition(
                    "events_old", new PartitionOf("events", "FOR VALUES FROM (0) TO (100)")),
                new AddConstraint("events", positive)))
        .isEmpty();
  }

  /** The row checks of the only step after the commit in the changes' online plan. */
  private List<RowCheck> rowChecksAfterCommit(SchemaSnapshot current, SchemaChange... changes) {
    List<StepDraft> after =
        online.render(List.of(changes), current, current).stream()
            .filter(s -> !s.transactional())
            .toList();
    assertThat(after).hasSize(1);
    return after.get(0).rowChecks();
  }
}
