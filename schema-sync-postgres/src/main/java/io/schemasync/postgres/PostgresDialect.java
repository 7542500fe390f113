package io.schemasync.postgres;

import io.schemasync.api.TenantContext;
import io.schemasync.api.change.AlterColumn;
import io.schemasync.api.change.DropColumn;
import io.schemasync.api.change.DropTable;
import io.schemasync.api.change.SchemaChange;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.spi.Dialect;
import io.schemasync.spi.StepDraft;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * PostgreSQL's dialect: double-quoted identifiers, types as {@code format_type} spells them, and
 * DDL for every change with the safety class PostgreSQL's locks give it.
 *
 * <p>Rendered statements qualify every object with the tenant's quoted schema when rendered for a
 * tenant (what the planner does, so plans show the SQL exactly as it runs); rendered without one,
 * they carry the placeholder schema {@link #TENANT_PLACEHOLDER}, which the runner replaces before
 * executing. Expressions written in the target (defaults, checks, view queries, routine bodies) are
 * passed through as written and are resolved with {@code search_path} set to the tenant's schema
 * alone.
 *
 * <p>With the online option, indexes on existing tables are built {@code CONCURRENTLY}, foreign
 * keys and checks on existing tables are added {@code NOT VALID} and validated afterwards, and NOT
 * NULL on an existing column is proven by such a check before it is set; those steps run after the
 * tenant's transaction commits (a dry run rehearses them inside it, a unique index's build by a
 * query for duplicate keys).
 *
 * <p>{@link #normalize} of the adapter's dialect goes through the server: the target is created in
 * a scratch schema and read back, so defaults, checks, view text and generated constraint names
 * come out exactly as the inspector reports them. Without a server (unit tests) only the names
 * PostgreSQL would generate are filled in.
 */
public final class PostgresDialect implements Dialect {
  /** The schema placeholder in rendered SQL, replaced by the runner. */
  public static final String TENANT_PLACEHOLDER = "\"{tenant}\"";

  private final boolean online;
  private final String extensionSchema;
  private final Function<TenantContext, String> schemaOf;
  private final UnaryOperator<SchemaSnapshot> canonicalizer;

  /**
   * A dialect without a server: normalization fills in generated names only; missing extensions are
   * created in {@code public}.
   */
  public PostgresDialect(boolean online) {
    this(online, RunnerSettings.DEFAULT.extensionSchema(), TenantContext::id, null);
  }

  /**
   * @param schemaOf the schema holding a tenant's objects: the tenant's id, or the fixed schema of
   *     database-per-tenant
   */
  PostgresDialect(
      boolean online,
      String extensionSchema,
      Function<TenantContext, String> schemaOf,
      UnaryOperator<SchemaSnapshot> canonicalizer) {
    this.online = online;
    this.extensionSchema = extensionSchema;
    this.schemaOf = schemaOf;
    this.canonicalizer = canonicalizer;
  }

  /** Whether indexes and constraints on existing tables are built without blocking writes. */
  public boolean online() {
    return online;
  }

  @Override
  public String quote(String identifier) {
    return PgNames.quote(identifier);
  }

  @Override
  public Optional<String> resolveType(String declaredType) {
    return PgTypes.resolve(declaredType);
  }

  @Override
  public List<String> nativeTypeNames() {
    return PgTypes.nativeNames();
  }

  @Override
  public SchemaSnapshot normalize(SchemaSnapshot snapshot) {
    NameLimits.check(snapshot);
    SchemaSnapshot named =
        GeneratedNames.fill(DefaultMethods.clear(MysqlOnlyOptions.apply(snapshot)));
    if (canonicalizer == null) {
      return named;
    }
    // PostgreSQL's deparsed expressions are not always a fixpoint: `status IN ('a')` over a varchar
    // reads back as `(status)::text = ANY ((ARRAY['a'::character varying])::text[])`, and creating
    // that reads back differently again. A plan renders the canonical text, so the target must be
    // the form that reads back as itself, or verification would never pass. A target that reads
    // back as itself at once (a reference tenant, a SQL file read back from a scratch schema) is
    // that form already, and costs one scratch schema, not two.
    SchemaSnapshot current = canonicalizer.apply(named);
    if (current.equals(named)) {
      return current;
    }
    for (int pass = 0; pass < 3; pass++) {
      SchemaSnapshot again = canonicalizer.apply(current);
      if (again.equals(current)) {
        return current;
      }
      current = again;
    }
    return current;
  }

  /**
   * PostgreSQL views follow renames (they store column and table references, not names), but a type
   * change, a dropped column or table, or a re-added generated column is refused while a view reads
   * it.
   */
  @Override
  public boolean invalidatesDependentViews(SchemaChange change) {
    if (change instanceof AlterColumn alter) {
      return alter.typeChanged() || alter.collationChanged() || alter.generatedChanged();
    }
    return change instanceof DropColumn || change instanceof DropTable;
  }

  @Override
  public List<StepDraft> render(
      List<SchemaChange> changes, SchemaSnapshot current, SchemaSnapshot target) {
    return renderFor(TENANT_PLACEHOLDER, changes, current, target);
  }

  /** Renders with the tenant's quoted schema, so a plan shows the SQL exactly as it runs. */
  @Override
  public List<StepDraft> render(
      TenantContext tenant,
      List<SchemaChange> changes,
      SchemaSnapshot current,
      SchemaSnapshot target) {
    return renderFor(PgNames.quote(schemaOf.apply(tenant)), changes, current, target);
  }

  /** Renders with the given quoted schema in place of the placeholder. */
  List<StepDraft> renderFor(
      String quotedSchema,
      List<SchemaChange> changes,
      SchemaSnapshot current,
      SchemaSnapshot target) {
    return new PgRenderer(quotedSchema, online, extensionSchema, current, target, changes)
        .render(changes);
  }

  /** Replaces the placeholder schema in a rendered statement by the tenant's quoted schema. */
  static String bind(String statement, String schema) {
    return statement.replace(TENANT_PLACEHOLDER + ".", PgNames.quote(schema) + ".");
  }
}
