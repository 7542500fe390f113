package io.schemasync.postgres;

import static io.schemasync.postgres.PgNames.quote;

import io.schemasync.api.change.AlterColumn;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.DomainType;
import io.schemasync.api.model.Identity;
import io.schemasync.api.plan.RowCheck;
import io.schemasync.api.plan.Safety;
import io.schemasync.spi.StepDraft;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The statements for one {@code AlterColumn}, in the order PostgreSQL needs them (a default that
 * would not survive the type change is dropped first, identity needs NOT NULL and no default), and
 * what PostgreSQL locks or rewrites while running them.
 */
final class AlterColumnSql {
  private static final Pattern VOLATILE =
      Pattern.compile(
          "(?i)\\b(random|gen_random_uuid|uuid_generate_v[1-5]|clock_timestamp|timeofday|nextval|"
              + "txid_current)\\s*\\(");

  /**
   * Types whose explicit cast cuts a value to their length ({@code 'abcdef'::varchar(3)} is {@code
   * 'abc'}): a column changed to one is converted by assignment instead ({@code USING col}, which
   * PostgreSQL allows from any type to a string type), which fails on a value that does not fit.
   */
  private static final Pattern LENGTH_LIMITED =
      Pattern.compile(
          "(character varying|varchar|character|char|bpchar|bit varying|varbit|bit)\\(\\d+\\)"
              + "(\\[\\])*");

  /**
   * Whether a value converted to a type by an explicit cast could be cut to fit: a type with a
   * length limit or an array of one ({@code rendered}, as PostgreSQL spells the type), or a domain
   * over one ({@code type} as the model names it, among {@code domains}).
   */
  static boolean castCuts(String rendered, String type, List<DomainType> domains) {
    if (LENGTH_LIMITED.matcher(rendered).matches()) {
      return true;
    }
    String element = type.replaceAll("(\\[\\])+$", "");
    return domains.stream()
        .anyMatch(d -> d.name().equals(element) && LENGTH_LIMITED.matcher(d.baseType()).matches());
  }

  private final PgDdl ddl;
  private final AlterColumn change;
  private final boolean online;
  private final List<RowCheck> nullChecks;
  private final boolean castCuts;
  private final Column from;
  private final Column to;
  private final String alter;
  private final List<String> statements = new ArrayList<>();
  private final List<String> locking = new ArrayList<>();
  private final List<StepDraft> afterCommit = new ArrayList<>();

  /**
   * @param online whether to set NOT NULL without a scan under the lock (the online option, on an
   *     existing table that is neither partitioned nor a partition)
   * @param nullChecks the {@link RowChecks} that find the NULLs an online NOT NULL's validation
   *     would fail on
   * @param castCuts whether an explicit cast to the new type could cut values ({@link #castCuts}):
   *     they are converted by assignment instead, which fails on a value that does not fit
   */
  AlterColumnSql(
      PgDdl ddl, AlterColumn change, boolean online, List<RowCheck> nullChecks, boolean castCuts) {
    this.ddl = ddl;
    this.change = change;
    this.online = online;
    this.nullChecks = nullChecks;
    this.castCuts = castCuts;
    this.from = change.from();
    this.to = change.to();
    this.alter = ddl.alterTable(change.tableName()) + "ALTER COLUMN " + quote(to.name()) + " ";
  }

  /** Why adding this column rewrites the table, or null when PostgreSQL only records metadata. */
  static String addRewrites(Column column) {
    if (column.generated() != null) {
      return "computes the stored generated column for every row";
    }
    if (column.identity() != null) {
      return "fills the identity column for every row";
    }
    if (column.defaultValue() != null && VOLATILE.matcher(column.defaultValue()).find()) {
      return "evaluates the volatile default for every row";
    }
    return null;
  }

  /** The step, followed by those of an online NOT NULL that run after the commit. */
  List<StepDraft> render() {
    StepDraft step = renderStep();
    List<StepDraft> drafts = new ArrayList<>(List.of(step));
    drafts.addAll(afterCommit);
    return drafts;
  }

  private StepDraft renderStep() {
    String table = change.tableName();
    if (change.generatedChanged() && to.generated() != null) {
      // PostgreSQL 15 cannot change or add a generation expression in place: re-add the column
      statements.add(ddl.alterTable(table) + "DROP COLUMN " + quote(from.name()));
      statements.add(ddl.alterTable(table) + "ADD COLUMN " + ddl.columnDefinition(to));
      locking.add(
          "re-adds " + table + "." + to.name() + " with its new expression, rewriting " + table);
      comment();
      return draft();
    }
    if (change.generatedChanged()) {
      statements.add(alter + "DROP EXPRESSION");
    }
    if (change.identityChanged() && to.identity() == null) {
      // IF EXISTS plus DROP DEFAULT also covers a serial column, reported as BY_DEFAULT
      statements.add(alter + "DROP IDENTITY IF EXISTS");
      statements.add(alter + "DROP DEFAULT");
    }
    boolean typeChanges = change.typeChanged() || change.collationChanged();
    boolean defaultDropped = false;
    if (typeChanges && from.defaultValue() != null && from.identity() == null) {
      statements.add(alter + "DROP DEFAULT");
      defaultDropped = true;
    }
    if (typeChanges) {
      String type = ddl.type(to.type());
      statements.add(
          alter
              + "TYPE "
              + type
              + (to.collation() == null ? "" : " COLLATE " + quote(to.collation()))
              + " USING "
              + quote(to.name())
              + (castCuts ? "" : "::" + type));
      if (change.typeChanged() && PgTypes.rewrites(from.type(), to.type())) {
        locking.add(
            "rewrites "
                + table
                + " and its indexes under an ACCESS EXCLUSIVE lock to"
                + " change "
                + to.name()
                + " from "
                + from.type()
                + " to "
                + to.type());
      } else if (change.collationChanged()) {
        locking.add(
            "rebuilds the indexes on "
                + table
                + "."
                + to.name()
                + " under an ACCESS EXCLUSIVE lock to change its collation");
      }
    }
    if (change.nullabilityChanged() || (change.identityChanged() && to.identity() != null)) {
      if (!to.nullable() && from.nullable() && online && to.identity() == null) {
        notNullOnline(table);
      } else if (!to.nullable() && from.nullable()) {
        statements.add(alter + "SET NOT NULL");
        locking.add(
            "scans all of "
                + table
                + " under an ACCESS EXCLUSIVE lock to check "
                + to.name()
                + " for NULLs"
                + (to.identity() == null
                    ? "; on a table that is not partitioned, the online option checks it with a"
                        + " NOT VALID check validated after the commit instead"
                    : ""));
      } else if (to.nullable() && !from.nullable()) {
        statements.add(alter + "DROP NOT NULL");
      }
    }
    if (change.defaultChanged() || defaultDropped) {
      if (to.defaultValue() == null) {
        if (!defaultDropped && from.defaultValue() != null) {
          statements.add(alter + "DROP DEFAULT");
        }
      } else {
        statements.add(alter + "SET DEFAULT " + to.defaultValue());
      }
    }
    if (change.identityChanged() && to.identity() != null) {
      if (from.identity() == null) {
        statements.add(alter + "ADD" + PgDdl.identityClause(to.identity()));
        // the new sequence starts at 1, under values the rows already hold: the next row would
        // collide with them, so it goes on after the largest
        String column = quote(to.name());
        String qualified = ddl.name(change.tableName());
        statements.add(
            "SELECT setval(pg_get_serial_sequence("
                + PgNames.literal(qualified)
                + ", "
                + PgNames.literal(to.name())
                + "), max("
                + column
                + ")) FROM "
                + qualified
                + " HAVING max("
                + column
                + ") IS NOT NULL");
      } else {
        statements.add(
            alter
                + "SET GENERATED "
                + (to.identity() == Identity.ALWAYS ? "ALWAYS" : "BY DEFAULT"));
      }
    }
    comment();
    return draft();
  }

  /**
   * NOT NULL without holding the table's lock during the scan (PostgreSQL 12+): a check {@code (col
   * IS NOT NULL)} added NOT VALID in the transaction, validated after the commit under a lock that
   * lets reads and writes go on, then SET NOT NULL, which a valid check spares the scan, and the
   * check dropped. Should the run stop in between, the check is left behind, and the next sync
   * drops it and sets NOT NULL again.
   */
  private void notNullOnline(String table) {
    String check = quote(notNullCheckName(table, to.name()));
    String alterTable = ddl.alterTable(table);
    // one left by a run stopped before its validation is not reported, and is replaced here
    statements.add(
        alterTable
            + "DROP CONSTRAINT IF EXISTS "
            + check
            + ", ADD CONSTRAINT "
            + check
            + " CHECK ("
            + quote(to.name())
            + " IS NOT NULL) NOT VALID");
    // one step: a dry run that finds the NULLs by a query skips it whole (SET NOT NULL without
    // the validated check would scan the table under the lock)
    afterCommit.add(
        new StepDraft(
            "set "
                + table
                + "."
                + to.name()
                + " NOT NULL: validate that it holds no NULL, set NOT NULL, drop the check",
            List.of(),
            List.of(
                alterTable + "VALIDATE CONSTRAINT " + check,
                alter + "SET NOT NULL",
                alterTable + "DROP CONSTRAINT " + check),
            Safety.SAFE,
            "",
            false,
            nullChecks));
  }

  /** A name for the temporary check, unlike any a schema would choose, within 63 bytes. */
  static String notNullCheckName(String table, String column) {
    int hash = (table + "." + column).hashCode();
    return String.format(Locale.ROOT, "schemasync_not_null_%08x", hash);
  }

  private void comment() {
    if (change.commentChanged()) {
      statements.add(ddl.columnComment(change.tableName(), to.name(), to.comment()));
    }
  }

  private StepDraft draft() {
    if (statements.isEmpty()) {
      // only aspects PostgreSQL keeps nowhere changed; a harmless statement keeps the step honest
      statements.add(ddl.columnComment(change.tableName(), to.name(), to.comment()));
    }
    return locking.isEmpty()
        ? StepDraft.of(change, statements)
        : new StepDraft(
            change.describe(),
            List.of(change),
            statements,
            Safety.LOCKING,
            String.join("; ", locking),
            true);
  }
}
