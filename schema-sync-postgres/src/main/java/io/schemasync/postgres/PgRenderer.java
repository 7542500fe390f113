package io.schemasync.postgres;

import static io.schemasync.postgres.PgNames.literal;
import static io.schemasync.postgres.PgNames.quote;

import io.schemasync.api.change.AddColumn;
import io.schemasync.api.change.AddConstraint;
import io.schemasync.api.change.AddEnumValues;
import io.schemasync.api.change.AlterColumn;
import io.schemasync.api.change.AlterPartitioning;
import io.schemasync.api.change.AlterSequence;
import io.schemasync.api.change.AlterTableComment;
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
import io.schemasync.api.model.Constraint;
import io.schemasync.api.model.ExclusionConstraint;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.PartitionOf;
import io.schemasync.api.model.Routine;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Sequence;
import io.schemasync.api.model.Table;
import io.schemasync.api.plan.Safety;
import io.schemasync.spi.StepDraft;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Renders one plan's changes for one schema, with the safety class PostgreSQL's locking gives each
 * step. Knows the whole plan, so that it can fold a routine's drop and create into one {@code
 * CREATE OR REPLACE} and attach {@code OWNED BY} to the step that creates the owner.
 */
final class PgRenderer {
  private final PgDdl ddl;
  private final boolean online;
  private final String extensionSchema;
  private final SchemaSnapshot current;
  private final SchemaSnapshot target;
  private final Set<String> newTables = new HashSet<>();

  /** Tables the plan detaches from their parent, which may keep copies of the parent's parts. */
  private final Set<String> detachedTables = new HashSet<>();

  private final Map<String, DropRoutine> replacedRoutines = new HashMap<>();
  private final Map<String, List<String>> pendingOwnedBy = new HashMap<>();
  private final List<ForeignKeyAdded> addedForeignKeys = new ArrayList<>();
  private final List<StepDraft> steps = new ArrayList<>();
  private final RowChecks rowChecks;

  /** A foreign key the plan adds (with its table, or to an existing one), by its owning table. */
  private record ForeignKeyAdded(String table, ForeignKey key) {}

  PgRenderer(
      String quotedSchema,
      boolean online,
      String extensionSchema,
      SchemaSnapshot current,
      SchemaSnapshot target,
      List<SchemaChange> changes) {
    this.ddl = new PgDdl(quotedSchema);
    this.online = online;
    this.extensionSchema = extensionSchema;
    this.current = current;
    this.target = target;
    this.rowChecks = new RowChecks(ddl, current, changes);
    Map<String, CreateRoutine> created = new HashMap<>();
    for (SchemaChange change : changes) {
      if (change instanceof DetachPartition detach) {
        detachedTables.add(detach.tableName());
      }
      if (change instanceof CreateTable create) {
        newTables.add(create.definition().name());
        create
            .definition()
            .foreignKeys()
            .forEach(
                fk -> addedForeignKeys.add(new ForeignKeyAdded(create.definition().name(), fk)));
      } else if (change instanceof AddConstraint add && add.constraint() instanceof ForeignKey fk) {
        addedForeignKeys.add(new ForeignKeyAdded(add.tableName(), fk));
      } else if (change instanceof CreateRoutine create) {
        created.put(create.routine().key(), create);
      }
    }
    for (SchemaChange change : changes) {
      if (change instanceof DropRoutine drop && created.containsKey(drop.routine().key())) {
        Routine next = created.get(drop.routine().key()).routine();
        if (next.kind() == drop.routine().kind()
            && Objects.equals(next.returns(), drop.routine().returns())) {
          replacedRoutines.put(next.key(), drop);
        }
      }
    }
    for (SchemaChange change : changes) {
      if (change instanceof CreateSequence create && create.sequence().ownedBy() != null) {
        String owner = create.sequence().ownedBy();
        if (!ownerExists(current, owner)) {
          pendingOwnedBy
              .computeIfAbsent(owner, k -> new ArrayList<>())
              .add(ddl.ownedBy(create.sequence().name(), owner, target.tables()));
        }
      }
    }
  }

  List<StepDraft> render(List<SchemaChange> changes) {
    for (SchemaChange change : changes) {
      renderOne(change);
    }
    return steps;
  }

  private void renderOne(SchemaChange change) {
    if (change instanceof CreateExtension c) {
      // tenants migrating in parallel would race on IF NOT EXISTS (a unique violation): they take
      // turns, each waiting for the one before to commit or roll back
      steps.add(
          new StepDraft(
              c.describe() + " in schema " + extensionSchema + " (for the whole database)",
              List.of(c),
              List.of(
                  "SELECT pg_advisory_xact_lock("
                      + AdvisoryLock.LOCK_CLASS
                      + ", hashtext("
                      + literal("extension " + c.name())
                      + "))",
                  "CREATE EXTENSION IF NOT EXISTS "
                      + quote(c.name())
                      + " SCHEMA "
                      + quote(extensionSchema)),
              Safety.SAFE,
              "",
              true));
    } else if (change instanceof CreateTable c) {
      List<String> statements = new ArrayList<>(ddl.createTable(c.definition()));
      c.definition()
          .columns()
          .forEach(
              col ->
                  statements.addAll(
                      pendingOwnedBy.getOrDefault(
                          c.definition().name() + "." + col.name(), List.of())));
      createTable(c, statements);
    } else if (change instanceof AttachPartition a) {
      steps.add(
          new StepDraft(
              a.describe(),
              List.of(a),
              List.of(ddl.attachPartition(a.tableName(), a.partitionOf())),
              Safety.LOCKING,
              "locks "
                  + a.tableName()
                  + " against all access and scans it to check the bound; writes to "
                  + a.partitionOf().parent()
                  + " go on"
                  + defaultPartitionScan(a.partitionOf()),
              true));
    } else if (change instanceof DetachPartition d) {
      steps.add(
          new StepDraft(
              d.describe(),
              List.of(d),
              List.of(
                  ddl.detachPartition(
                      d.tableName(), d.partitionOf(), target.table(d.tableName()).orElse(null))),
              Safety.LOCKING,
              "locks "
                  + d.partitionOf().parent()
                  + " against all access while it detaches; the table keeps its rows and"
                  + " columns, and of the copies of its parent's keys, checks and indexes those"
                  + " the target declares for it (the others are dropped, the target's own built"
                  + " after)",
              true));
    } else if (change instanceof AlterPartitioning a) {
      throw new IllegalArgumentException(
          a.describe() + ": a partitioning change is refused by the planner, never rendered");
    } else if (change instanceof DropTable d) {
      safe(change, "DROP TABLE " + ddl.table(d.definition().name()));
    } else if (change instanceof RenameTable r) {
      safe(change, ddl.alterTable(r.from()) + "RENAME TO " + quote(r.to()));
    } else if (change instanceof AlterTableComment c) {
      safe(change, ddl.tableComment(c.tableName(), c.to()));
    } else if (change instanceof AddColumn a) {
      addColumn(a);
    } else if (change instanceof DropColumn d) {
      safe(change, ddl.alterTable(d.tableName()) + "DROP COLUMN " + quote(d.column().name()));
    } else if (change instanceof RenameColumn r) {
      safe(
          change,
          ddl.alterTable(r.tableName())
              + "RENAME COLUMN "
              + quote(r.from())
              + " TO "
              + quote(r.to()));
    } else if (change instanceof AlterColumn a) {
      String table = a.tableName();
      // not for a partition, nor a table this plan attaches as one: attaching needs the NOT NULL
      // of the parent's columns in the transaction
      boolean onlineNotNull =
          online
              && !partitioned(table)
              && current.table(table).map(t -> t.partitionOf() == null).orElse(false)
              && target.table(table).map(t -> t.partitionOf() == null).orElse(false);
      steps.addAll(
          new AlterColumnSql(
                  ddl,
                  a,
                  onlineNotNull,
                  onlineNotNull ? rowChecks.notNull(table, a.to().name()) : List.of(),
                  AlterColumnSql.castCuts(ddl.type(a.to().type()), a.to().type(), target.domains()))
              .render());
    } else if (change instanceof AddConstraint a) {
      addConstraint(a);
    } else if (change instanceof DropConstraint d) {
      safe(
          change,
          ddl.alterTable(d.tableName())
              + "DROP CONSTRAINT "
              + quote(Objects.requireNonNull(d.constraint().name(), "constraint name")));
    } else if (change instanceof CreateIndex c) {
      createIndex(c);
    } else if (change instanceof DropIndex d) {
      safe(change, "DROP INDEX " + ddl.name(d.index().name()));
    } else if (change instanceof CreateTrigger c) {
      safe(change, ddl.createTrigger(c.tableName(), c.trigger()));
    } else if (change instanceof DropTrigger d) {
      safe(change, "DROP TRIGGER " + quote(d.trigger().name()) + " ON " + ddl.table(d.tableName()));
    } else if (change instanceof CreateView c) {
      safe(change, ddl.createView(c.view()));
    } else if (change instanceof DropView d) {
      safe(change, ddl.dropView(d.view()));
    } else if (change instanceof CreateRoutine c) {
      DropRoutine replaced = replacedRoutines.get(c.routine().key());
      String statement = ddl.createRoutine(c.routine());
      steps.add(
          replaced == null
              ? StepDraft.of(change, List.of(statement))
              : new StepDraft(
                  "replace " + c.routine().key(),
                  List.of(replaced, c),
                  List.of(statement),
                  Safety.SAFE,
                  "",
                  true));
    } else if (change instanceof DropRoutine d) {
      if (!replacedRoutines.containsKey(d.routine().key())) {
        safe(change, ddl.dropRoutine(d.routine()));
      }
    } else if (change instanceof CreateEnum c) {
      safe(
          change,
          "CREATE TYPE "
              + ddl.name(c.type().name())
              + " AS ENUM ("
              + String.join(", ", c.type().values().stream().map(PgNames::literal).toList())
              + ")");
    } else if (change instanceof DropEnum d) {
      safe(change, "DROP TYPE " + ddl.name(d.type().name()));
    } else if (change instanceof AddEnumValues a) {
      safe(change, addEnumValues(a));
    } else if (change instanceof CreateDomain c) {
      safe(change, ddl.createDomain(c.domain()));
    } else if (change instanceof DropDomain d) {
      safe(change, "DROP DOMAIN " + ddl.name(d.domain().name()));
    } else if (change instanceof CreateSequence c) {
      createSequence(c);
    } else if (change instanceof DropSequence d) {
      safe(change, "DROP SEQUENCE " + ddl.name(d.sequence().name()));
    } else if (change instanceof AlterSequence a) {
      List<String> statements = new ArrayList<>(List.of(ddl.alterSequence(a.to())));
      if (!Objects.equals(a.from().ownedBy(), a.to().ownedBy())) {
        statements.add(ddl.ownedBy(a.to().name(), a.to().ownedBy(), target.tables()));
      }
      safe(change, statements);
    } else {
      throw new IllegalArgumentException("no PostgreSQL rendering for " + change);
    }
  }

  /**
   * A new partition of an existing partitioned table locks the parent (PostgreSQL takes ACCESS
   * EXCLUSIVE on it) and moves nothing, unless a default partition must be scanned for rows the new
   * bound now covers.
   */
  private void createTable(CreateTable c, List<String> statements) {
    PartitionOf of = c.definition().partitionOf();
    if (of == null || newTables.contains(of.parent())) {
      safe(c, statements);
      return;
    }
    steps.add(
        new StepDraft(
            c.describe(),
            List.of(c),
            statements,
            Safety.LOCKING,
            "locks "
                + of.parent()
                + " against all access while the partition is added"
                + defaultPartitionScan(of),
            true));
  }

  /**
   * The clause for a reason: a new bound makes PostgreSQL scan the parent's default partition and
   * fail if it holds rows the bound covers (they would be in the wrong partition).
   */
  private String defaultPartitionScan(PartitionOf of) {
    if (of.isDefault()) {
      return "";
    }
    for (Table table : current.tables()) {
      PartitionOf other = table.partitionOf();
      if (other != null && other.isDefault() && other.parent().equals(of.parent())) {
        return "; scans the default partition "
            + table.name()
            + ", and fails if it holds rows of the new bound (move them out first)";
      }
    }
    return "";
  }

  /**
   * Whether the plan detaches the table and the constraint is of a kind its detach may have kept as
   * the copy it had of its parent's ({@link PgDdl#detachPartition}).
   */
  private boolean keepsCopy(String table, Constraint constraint) {
    return detachedTables.contains(table) && PgDdl.keepable(constraint);
  }

  /** Whether the target partitions the table (no CONCURRENTLY, no NOT VALID foreign keys). */
  private boolean partitioned(String table) {
    return target.table(table).map(t -> t.partitionBy() != null).orElse(false);
  }

  private void addColumn(AddColumn a) {
    List<String> statements = new ArrayList<>();
    statements.add(
        ddl.alterTable(a.tableName()) + "ADD COLUMN " + ddl.columnDefinition(a.column()));
    if (a.column().comment() != null) {
      statements.add(ddl.columnComment(a.tableName(), a.column().name(), a.column().comment()));
    }
    statements.addAll(
        pendingOwnedBy.getOrDefault(a.tableName() + "." + a.column().name(), List.of()));
    String rewrite =
        newTables.contains(a.tableName()) ? null : AlterColumnSql.addRewrites(a.column());
    steps.add(
        rewrite == null
            ? StepDraft.of(a, statements)
            : new StepDraft(
                a.describe(),
                List.of(a),
                statements,
                Safety.LOCKING,
                "rewrites " + a.tableName() + " under an ACCESS EXCLUSIVE lock (" + rewrite + ")",
                true));
  }

  private void addConstraint(AddConstraint a) {
    String table = a.tableName();
    String definition = ddl.alterTable(table) + "ADD " + ddl.constraintDefinition(a.constraint());
    UnaryOperator<String> unlessKept =
        keepsCopy(table, a.constraint())
            ? statement -> ddl.unlessConstraint(table, a.constraint().name(), statement)
            : UnaryOperator.identity();
    String add = unlessKept.apply(definition);
    if (newTables.contains(table)) {
      safe(a, add);
      return;
    }
    boolean validatable =
        a.constraint() instanceof CheckConstraint
            || (a.constraint() instanceof ForeignKey && !partitioned(table));
    if (validatable && online && a.constraint().name() != null) {
      steps.add(
          new StepDraft(
              a.describe() + " (not valid)",
              List.of(a),
              List.of(unlessKept.apply(definition + " NOT VALID")),
              Safety.SAFE,
              "",
              true));
      steps.add(
          new StepDraft(
              "validate " + a.constraint().name() + " on " + table,
              List.of(),
              List.of(
                  ddl.alterTable(table) + "VALIDATE CONSTRAINT " + quote(a.constraint().name())),
              Safety.SAFE,
              "",
              false,
              a.constraint() instanceof ForeignKey fk
                  ? rowChecks.foreignKey(table, fk)
                  : rowChecks.check(table, (CheckConstraint) a.constraint())));
      return;
    }
    String reason =
        a.constraint() instanceof ForeignKey fk && !validatable
            ? "checks every row of "
                + table
                + " while holding a lock that blocks writes to it and to "
                + fk.referencedTable()
                + "; PostgreSQL cannot add a foreign key NOT VALID to a partitioned table"
            : validatable
                ? "checks every row of "
                    + table
                    + " while holding a lock that blocks writes to it"
                    + (a.constraint() instanceof ForeignKey fk
                        ? " and to " + fk.referencedTable()
                        : "")
                    + "; the online option adds it NOT VALID and validates afterwards"
                : a.constraint() instanceof ExclusionConstraint
                    ? "builds the exclusion constraint's index on "
                        + table
                        + " and checks every row while blocking writes to it"
                    : "builds a unique index on " + table + " while blocking writes to it";
    steps.add(new StepDraft(a.describe(), List.of(a), List.of(add), Safety.LOCKING, reason, true));
  }

  private void createIndex(CreateIndex c) {
    String table = c.tableName();
    if (newTables.contains(table)) {
      safe(c, ddl.createIndex(table, c.index(), false));
      return;
    }
    boolean unlessPresent = detachedTables.contains(table) && PgDdl.keepable(c.index());
    ForeignKeyAdded needing = foreignKeyNeeding(c);
    if (online && !partitioned(table) && needing == null) {
      // CONCURRENTLY cannot run inside a transaction block: the runner runs it after the commit
      steps.add(
          new StepDraft(
              c.describe() + " concurrently",
              List.of(c),
              List.of(ddl.createIndex(table, c.index(), true, unlessPresent)),
              Safety.SAFE,
              "",
              false,
              rowChecks.unique(table, c.index())));
      return;
    }
    String why =
        partitioned(table)
            ? " and its partitions while it builds; PostgreSQL cannot build an index on a"
                + " partitioned table CONCURRENTLY"
            : needing != null
                // PostgreSQL looks for the unique index a foreign key's referenced columns need
                // when the key is added, in the transaction: built after the commit, too late
                ? " while it builds; it is built in the transaction, not CONCURRENTLY after it,"
                    + " because foreign key "
                    + needing.key().name()
                    + " on "
                    + needing.table()
                    + ", added in the transaction, references its columns"
                : " while it builds; the online option builds it CONCURRENTLY";
    steps.add(
        new StepDraft(
            c.describe(),
            List.of(c),
            List.of(ddl.createIndex(table, c.index(), false, unlessPresent)),
            Safety.LOCKING,
            "blocks writes to " + table + why,
            true));
  }

  /**
   * A foreign key this plan adds whose referenced columns are the new unique index's (in any order,
   * as PostgreSQL matches them), or null: PostgreSQL needs such an index, or a key, when the
   * foreign key is added.
   */
  private ForeignKeyAdded foreignKeyNeeding(CreateIndex c) {
    Index index = c.index();
    if (!index.unique()
        || index.where() != null
        || index.columnNames().size() != index.parts().size()) {
      return null;
    }
    Set<String> columns = new HashSet<>(index.columnNames());
    return addedForeignKeys.stream()
        .filter(
            added ->
                added.key().referencedTable().equals(c.tableName())
                    && added.key().referencedColumns().size() == columns.size()
                    && columns.containsAll(added.key().referencedColumns()))
        .findFirst()
        .orElse(null);
  }

  private void createSequence(CreateSequence c) {
    List<String> statements = new ArrayList<>(List.of(ddl.createSequence(c.sequence())));
    Sequence s = c.sequence();
    if (s.ownedBy() != null && !pendingOwnedBy.containsKey(s.ownedBy())) {
      statements.add(ddl.ownedBy(s.name(), s.ownedBy(), target.tables()));
    }
    safe(c, statements);
  }

  /**
   * {@code ADD VALUE} runs inside the transaction (allowed since PostgreSQL 12); a new value only
   * becomes usable once that transaction commits.
   */
  private List<String> addEnumValues(AddEnumValues a) {
    List<String> statements = new ArrayList<>();
    List<String> values = a.to().values();
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      if (a.from().values().contains(value)) {
        continue;
      }
      String position =
          i > 0 ? " AFTER " + literal(values.get(i - 1)) : " BEFORE " + literal(values.get(1));
      statements.add(
          "ALTER TYPE " + ddl.name(a.to().name()) + " ADD VALUE " + literal(value) + position);
    }
    return statements;
  }

  private static boolean ownerExists(SchemaSnapshot current, String owner) {
    for (Table table : current.tables()) {
      if (owner.startsWith(table.name() + ".")
          && table.hasColumn(owner.substring(table.name().length() + 1))) {
        return true;
      }
    }
    return false;
  }

  private void safe(SchemaChange change, String statement) {
    steps.add(StepDraft.of(change, List.of(statement)));
  }

  private void safe(SchemaChange change, List<String> statements) {
    steps.add(StepDraft.of(change, statements));
  }
}
