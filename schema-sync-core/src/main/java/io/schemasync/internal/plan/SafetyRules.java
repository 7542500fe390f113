package io.schemasync.internal.plan;

import io.schemasync.api.change.AddColumn;
import io.schemasync.api.change.AddConstraint;
import io.schemasync.api.change.AlterColumn;
import io.schemasync.api.change.AttachPartition;
import io.schemasync.api.change.ConstraintKinds;
import io.schemasync.api.change.CreateIndex;
import io.schemasync.api.change.CreateTable;
import io.schemasync.api.change.DetachPartition;
import io.schemasync.api.change.DropColumn;
import io.schemasync.api.change.DropDomain;
import io.schemasync.api.change.DropEnum;
import io.schemasync.api.change.DropRoutine;
import io.schemasync.api.change.DropSequence;
import io.schemasync.api.change.DropTable;
import io.schemasync.api.change.DropTrigger;
import io.schemasync.api.change.DropView;
import io.schemasync.api.change.ObjectRef;
import io.schemasync.api.change.RenameColumn;
import io.schemasync.api.change.RenameTable;
import io.schemasync.api.change.SchemaChange;
import io.schemasync.api.model.Column;
import io.schemasync.api.plan.Safety;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The engine-independent safety of each change: what it can do to data and to running applications.
 * Dialects add what their engine does on top (locks, rewrites).
 */
final class SafetyRules {
  private final Set<String> newTables = new HashSet<>();
  private final Set<ObjectRef> recreated = new HashSet<>();

  /** Rules for one plan: knows which tables are new and which drops are followed by a create. */
  SafetyRules(List<SchemaChange> changes) {
    Set<ObjectRef> created = new HashSet<>();
    for (SchemaChange change : changes) {
      if (change instanceof CreateTable create) {
        newTables.add(create.definition().name());
      }
      if (change.getClass().getSimpleName().startsWith("Create")
          || change instanceof AddConstraint) {
        created.add(change.subject());
      }
    }
    for (SchemaChange change : changes) {
      if (created.contains(change.subject())) {
        recreated.add(change.subject());
      }
    }
  }

  /** A safety class and the reason for it. */
  record Verdict(Safety safety, String reason) {
    static final Verdict SAFE = new Verdict(Safety.SAFE, "");
  }

  Verdict classify(SchemaChange change) {
    if (change instanceof DropTable drop) {
      return new Verdict(
          Safety.DESTRUCTIVE, "drops table " + drop.definition().name() + " and every row in it");
    } else if (change instanceof DropColumn drop) {
      return new Verdict(
          Safety.DESTRUCTIVE,
          "drops column " + drop.tableName() + "." + drop.column().name() + " and its data");
    } else if (change instanceof AlterColumn alter) {
      return alterColumn(alter);
    } else if (change instanceof AddColumn add) {
      return addColumn(add);
    } else if (change instanceof AddConstraint add && !newTables.contains(add.tableName())) {
      return new Verdict(
          Safety.BREAKING,
          "adds "
              + ConstraintKinds.kindOf(add.constraint()).label()
              + " on "
              + add.tableName()
              + ": fails if existing rows violate it");
    } else if (change instanceof CreateIndex create
        && create.index().unique()
        && !newTables.contains(create.tableName())) {
      return new Verdict(
          Safety.BREAKING,
          "unique index "
              + create.index().name()
              + ": fails if "
              + create.tableName()
              + " holds duplicates");
    } else if (change instanceof AttachPartition attach) {
      return new Verdict(
          Safety.BREAKING,
          "attaches "
              + attach.tableName()
              + " to "
              + attach.partitionOf().parent()
              + ": fails if a row of "
              + attach.tableName()
              + " lies outside "
              + attach.partitionOf().bound());
    } else if (change instanceof DetachPartition detach) {
      return new Verdict(
          Safety.BREAKING,
          "detaches "
              + detach.tableName()
              + " from "
              + detach.partitionOf().parent()
              + ": its rows stay in "
              + detach.tableName()
              + " but no longer appear in "
              + detach.partitionOf().parent());
    } else if (change instanceof RenameTable || change instanceof RenameColumn) {
      return new Verdict(
          Safety.BREAKING, change.describe() + ": code still using the old name will fail");
    } else if (isPermanentDrop(change)) {
      return new Verdict(
          Safety.BREAKING, change.describe() + ": code or objects still using it will fail");
    }
    return Verdict.SAFE;
  }

  private boolean isPermanentDrop(SchemaChange change) {
    boolean drop =
        change instanceof DropView
            || change instanceof DropTrigger
            || change instanceof DropRoutine
            || change instanceof DropEnum
            || change instanceof DropDomain
            || change instanceof DropSequence;
    return drop && !recreated.contains(change.subject());
  }

  private static Verdict alterColumn(AlterColumn alter) {
    String column = alter.tableName() + "." + alter.to().name();
    List<String> reasons = new ArrayList<>();
    if (alter.typeChanged()) {
      reasons.add(
          "changes the type of "
              + column
              + " from "
              + alter.from().type()
              + " to "
              + alter.to().type()
              + ": existing values may not convert or may lose precision");
    }
    if (alter.nullabilityChanged() && !alter.to().nullable()) {
      reasons.add("makes " + column + " NOT NULL: fails if a row holds NULL");
    }
    if (alter.generatedChanged() || alter.identityChanged() || alter.collationChanged()) {
      reasons.add("changes how " + column + " is generated or compared");
    }
    return reasons.isEmpty()
        ? Verdict.SAFE
        : new Verdict(Safety.BREAKING, String.join("; ", reasons));
  }

  private Verdict addColumn(AddColumn add) {
    Column c = add.column();
    boolean needsValue =
        !c.nullable() && c.defaultValue() == null && c.identity() == null && c.generated() == null;
    if (needsValue && !newTables.contains(add.tableName())) {
      return new Verdict(
          Safety.BREAKING,
          "adds NOT NULL column "
              + add.tableName()
              + "."
              + c.name()
              + " without a default: fails if the table has rows");
    }
    return Verdict.SAFE;
  }
}
