package io.schemasync.internal.plan;

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
import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.View;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts changes in an order every engine can execute: everything that depends on an object is
 * dropped before it, and created after it. Phases give the coarse order (views and foreign keys
 * dropped first, types before tables, tables before their constraints, foreign keys after both
 * ends, views last); inside a phase, tables and views are ordered topologically, and partitions are
 * created after and dropped before their parents.
 */
final class ChangeOrder {
  private ChangeOrder() {}

  static List<SchemaChange> sort(List<SchemaChange> changes) {
    List<SchemaChange> sorted = new ArrayList<>(changes);
    sorted.sort(Comparator.comparingInt(ChangeOrder::phase)); // stable: keeps diff order within
    return topological(sorted);
  }

  private static int phase(SchemaChange change) {
    if (change instanceof DropView) {
      return 0;
    } else if (change instanceof DropTrigger) {
      return 1;
    } else if (change instanceof DropConstraint d && d.constraint() instanceof ForeignKey) {
      return 2;
    } else if (change instanceof DropIndex) {
      return 3;
    } else if (change instanceof DropConstraint || change instanceof DetachPartition) {
      return 4;
    } else if (change instanceof DropTable) {
      return 5;
    } else if (change instanceof DropColumn) {
      return 6;
    } else if (change instanceof DropRoutine) {
      return 7;
    } else if (change instanceof RenameTable) {
      return 8;
    } else if (change instanceof RenameColumn) {
      return 9;
    } else if (change instanceof CreateExtension
        || change instanceof CreateEnum
        || change instanceof AddEnumValues
        || change instanceof CreateDomain
        || change instanceof CreateSequence) {
      return 10;
    } else if (change instanceof CreateRoutine) {
      return 11;
    } else if (change instanceof CreateTable || change instanceof AlterPartitioning) {
      return 12;
    } else if (change instanceof AddColumn
        || change instanceof AlterColumn
        || change instanceof AlterTableComment
        || change instanceof AlterTableOptions) {
      return 13;
    } else if (change instanceof DropEnum
        || change instanceof DropDomain
        || change instanceof DropSequence
        || change instanceof AlterSequence) {
      return 14;
    } else if (change instanceof AddConstraint a && !(a.constraint() instanceof ForeignKey)) {
      return 15;
    } else if (change instanceof AttachPartition) {
      return 16; // after the columns and checks PostgreSQL requires the table to have
    } else if (change instanceof CreateIndex || change instanceof AlterIndexVisibility) {
      return 17;
    } else if (change instanceof AddConstraint) {
      return 18;
    } else if (change instanceof CreateTrigger) {
      return 19;
    } else if (change instanceof CreateView) {
      return 20;
    }
    throw new IllegalArgumentException("no phase for " + change);
  }

  /**
   * Orders dropped tables so that a table is dropped before the tables it references, dropped views
   * before the views they read, and created views after the views they read.
   */
  private static List<SchemaChange> topological(List<SchemaChange> changes) {
    List<SchemaChange> out = new ArrayList<>(changes.size());
    int i = 0;
    while (i < changes.size()) {
      int phase = phase(changes.get(i));
      int j = i;
      while (j < changes.size() && phase(changes.get(j)) == phase) {
        j++;
      }
      List<SchemaChange> group = changes.subList(i, j);
      if (phase == 5) {
        out.addAll(dependentsFirst(group, ChangeOrder::referencedTables));
      } else if (phase == 12) {
        // a partition is created after its parent: reverse of "partitions first"
        List<SchemaChange> reversed = new ArrayList<>(dependentsFirst(group, ChangeOrder::parent));
        java.util.Collections.reverse(reversed);
        out.addAll(reversed);
      } else if (phase == 0) {
        out.addAll(dependentsFirst(group, c -> viewReads(((DropView) c).view(), group)));
      } else if (phase == 20) {
        List<SchemaChange> reversed =
            new ArrayList<>(dependentsFirst(group, c -> viewReads(((CreateView) c).view(), group)));
        java.util.Collections.reverse(reversed);
        out.addAll(reversed);
      } else {
        out.addAll(group);
      }
      i = j;
    }
    return out;
  }

  /** What a dropped table must be dropped before: the tables it references and its parent. */
  private static List<String> referencedTables(SchemaChange change) {
    Table table = ((DropTable) change).definition();
    List<String> referenced =
        new ArrayList<>(
            table.foreignKeys().stream()
                .map(ForeignKey::referencedTable)
                .filter(t -> !t.equals(table.name()))
                .toList());
    if (table.partitionOf() != null) {
      referenced.add(table.partitionOf().parent());
    }
    return referenced;
  }

  /** The parent a created partition needs to exist first. */
  private static List<String> parent(SchemaChange change) {
    return change instanceof CreateTable create && create.definition().partitionOf() != null
        ? List.of(create.definition().partitionOf().parent())
        : List.of();
  }

  private static List<String> viewReads(View view, List<SchemaChange> group) {
    var identifiers = SqlReferences.identifiers(view.definition());
    List<String> reads = new ArrayList<>();
    for (SchemaChange other : group) {
      String name = other.subject().name();
      if (!name.equals(view.name()) && SqlReferences.mentions(identifiers, name)) {
        reads.add(name);
      }
    }
    return reads;
  }

  /**
   * Orders a group so that an element comes before every element it depends on (names given by
   * {@code dependsOn}); cycles keep their diff order.
   */
  private static List<SchemaChange> dependentsFirst(
      List<SchemaChange> group, java.util.function.Function<SchemaChange, List<String>> dependsOn) {
    Map<String, SchemaChange> byName = new LinkedHashMap<>();
    group.forEach(c -> byName.put(c.subject().name(), c));
    List<SchemaChange> postOrder = new ArrayList<>();
    java.util.Set<String> visited = new java.util.HashSet<>();
    for (String name : byName.keySet()) {
      visit(name, byName, dependsOn, visited, postOrder);
    }
    // post-order puts dependencies first; reverse it so dependents come first
    java.util.Collections.reverse(postOrder);
    return postOrder;
  }

  private static void visit(
      String name,
      Map<String, SchemaChange> byName,
      java.util.function.Function<SchemaChange, List<String>> dependsOn,
      java.util.Set<String> visited,
      List<SchemaChange> postOrder) {
    if (!byName.containsKey(name) || !visited.add(name)) {
      return;
    }
    for (String dependency : dependsOn.apply(byName.get(name))) {
      visit(dependency, byName, dependsOn, visited, postOrder);
    }
    postOrder.add(byName.get(name));
  }
}
