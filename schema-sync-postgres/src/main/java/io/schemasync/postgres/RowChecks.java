package io.schemasync.postgres;

import static io.schemasync.postgres.PgNames.quote;

import io.schemasync.api.change.AddColumn;
import io.schemasync.api.change.AddEnumValues;
import io.schemasync.api.change.AlterColumn;
import io.schemasync.api.change.AlterPartitioning;
import io.schemasync.api.change.AttachPartition;
import io.schemasync.api.change.CreateDomain;
import io.schemasync.api.change.CreateEnum;
import io.schemasync.api.change.CreateExtension;
import io.schemasync.api.change.CreateRoutine;
import io.schemasync.api.change.CreateTable;
import io.schemasync.api.change.DetachPartition;
import io.schemasync.api.change.DropColumn;
import io.schemasync.api.change.DropDomain;
import io.schemasync.api.change.DropEnum;
import io.schemasync.api.change.DropRoutine;
import io.schemasync.api.change.DropTable;
import io.schemasync.api.change.RenameColumn;
import io.schemasync.api.change.RenameTable;
import io.schemasync.api.change.SchemaChange;
import io.schemasync.api.model.CheckConstraint;
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.PartitionOf;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.plan.RowCheck;
import io.schemasync.internal.plan.RowQueries;
import io.schemasync.internal.plan.SqlReferences;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The queries that find, in a tenant's rows as they are before a plan runs, the rows a step run
 * after the commit would fail on (a validation, a unique index built concurrently). A dry run runs
 * them before its first statement, holding no lock but the queries' own: rehearsed after the plan's
 * statements, a validation would scan the table under the lock the transaction took to add the
 * constraint, blocking the application for as long as the real run, which validates after its
 * commit, is careful not to.
 *
 * <p>Only where the rows before the plan answer for the rows the step meets: the table and the
 * columns exist already, the plan neither renames, drops nor retypes any of them, moves no rows
 * into or out of the table (a partition attached, detached, made or dropped), and for an
 * expression, adds no column to the table that the expression names (or the table's whole row) nor
 * any function or type to the schema (the expression might call it). Otherwise there is no check,
 * and the dry run rehearses the step itself.
 */
final class RowChecks {
  private final PgDdl ddl;
  private final SchemaSnapshot current;
  private final Set<String> reshaped = new HashSet<>();
  private final Map<String, Set<String>> added = new HashMap<>();
  private final boolean newCode;

  RowChecks(PgDdl ddl, SchemaSnapshot current, List<SchemaChange> changes) {
    this.ddl = ddl;
    this.current = current;
    boolean code = false;
    for (SchemaChange change : changes) {
      // a partition attached, detached, made or dropped moves rows into or out of its parent
      partitionParent(change).ifPresent(reshaped::add);
      if (change instanceof RenameTable r) {
        reshaped.add(r.from());
        reshaped.add(r.to());
      } else if (change instanceof RenameColumn
          || change instanceof DropColumn
          || change instanceof CreateTable
          || change instanceof DropTable
          || change instanceof AttachPartition
          || change instanceof DetachPartition
          || change instanceof AlterPartitioning
          || (change instanceof AlterColumn a
              && (a.typeChanged() || a.collationChanged() || a.generatedChanged()))) {
        reshaped.add(change.table());
      } else if (change instanceof AddColumn a) {
        added.computeIfAbsent(a.tableName(), t -> new HashSet<>()).add(a.column().name());
      }
      code |=
          change instanceof CreateRoutine
              || change instanceof DropRoutine
              || change instanceof CreateDomain
              || change instanceof DropDomain
              || change instanceof CreateEnum
              || change instanceof DropEnum
              || change instanceof AddEnumValues
              || change instanceof CreateExtension;
    }
    this.newCode = code;
  }

  private static Optional<String> partitionParent(SchemaChange change) {
    PartitionOf partition = null;
    if (change instanceof AttachPartition a) {
      partition = a.partitionOf();
    } else if (change instanceof DetachPartition d) {
      partition = d.partitionOf();
    } else if (change instanceof CreateTable c) {
      partition = c.definition().partitionOf();
    } else if (change instanceof DropTable d) {
      partition = d.definition().partitionOf();
    }
    return Optional.ofNullable(partition).map(PartitionOf::parent);
  }

  /** Rows a new check rejects: those for which its expression is false (NULL passes). */
  List<RowCheck> check(String table, CheckConstraint check) {
    if (!settled(table, List.of()) || !expressionsSettled(table, List.of(check.expression()))) {
      return List.of();
    }
    return List.of(
        new RowCheck(
            "SELECT 1 FROM " + ddl.name(table) + " WHERE NOT (" + check.expression() + ") LIMIT 1",
            table + " holds rows that check " + check.name() + " rejects"));
  }

  /**
   * Rows a new foreign key rejects: all of its columns set (MATCH SIMPLE lets a row with a NULL in
   * any of them through) and no row of the referenced table with those values.
   */
  List<RowCheck> foreignKey(String table, ForeignKey key) {
    if (!settled(table, key.columns())
        || !settled(key.referencedTable(), key.referencedColumns())) {
      return List.of();
    }
    return List.of(
        new RowCheck(
            RowQueries.orphans(
                ddl.name(table), ddl.name(key.referencedTable()), key, PgNames::quote),
            table
                + " holds rows whose "
                + String.join(", ", key.columns())
                + " match no row of "
                + key.referencedTable()
                + " (foreign key "
                + key.name()
                + ")"));
  }

  /** Rows NOT NULL on the column rejects. */
  List<RowCheck> notNull(String table, String column) {
    if (!settled(table, List.of(column))) {
      return List.of();
    }
    return List.of(
        new RowCheck(
            "SELECT 1 FROM " + ddl.name(table) + " WHERE " + quote(column) + " IS NULL LIMIT 1",
            table + " holds NULL in " + column));
  }

  /** Rows with the same key under a new unique index. */
  List<RowCheck> unique(String table, Index index) {
    List<String> expressions = new ArrayList<>();
    index.parts().stream()
        .filter(part -> part.expression() != null)
        .forEach(part -> expressions.add(part.expression()));
    if (index.where() != null) {
      expressions.add(index.where());
    }
    if (!index.unique()
        || !settled(table, index.columnNames())
        || (!expressions.isEmpty() && !expressionsSettled(table, expressions))) {
      return List.of();
    }
    return List.of(duplicateKeys(ddl, table, index));
  }

  /** Rows with the same key under a new unique index, wherever its columns come from. */
  static RowCheck duplicateKeys(PgDdl ddl, String table, Index index) {
    return new RowCheck(
        PgDdl.duplicateKeysQuery(ddl.name(table), index),
        table + " holds rows with the same key under the new unique index " + index.name());
  }

  /** Whether the table and the columns are as the rows before the plan have them. */
  private boolean settled(String table, List<String> columns) {
    return !reshaped.contains(table)
        && current
            .table(table)
            .map(t -> columns.stream().allMatch(column -> t.column(column).isPresent()))
            .orElse(false);
  }

  /**
   * Whether expressions over the table mean, before the plan, what they mean after: they read no
   * column the plan adds (by name, or the whole row by the table's), and the plan makes or drops no
   * function or type they might call.
   */
  private boolean expressionsSettled(String table, List<String> expressions) {
    if (newCode) {
      return false;
    }
    Set<String> columns = added.getOrDefault(table, Set.of());
    if (columns.isEmpty()) {
      return true;
    }
    Set<String> names = new HashSet<>();
    expressions.forEach(sql -> names.addAll(SqlReferences.identifiers(sql)));
    return !SqlReferences.mentions(names, table)
        && columns.stream().noneMatch(column -> SqlReferences.mentions(names, column));
  }
}
