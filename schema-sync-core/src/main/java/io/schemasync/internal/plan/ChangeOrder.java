package io.schemasync.internal.plan;

import io.schemasync.api.change.AddColumn;
import io.schemasync.api.change.AddConstraint;
import io.schemasync.api.change.AddEnumValues;
import io.schemasync.api.change.AlterColumn;
import io.schemasync.api.change.AlterSequence;
import io.schemasync.api.change.AlterTableComment;
import io.schemasync.api.change.CreateDomain;
import io.schemasync.api.change.CreateEnum;
import io.schemasync.api.change.CreateIndex;
import io.schemasync.api.change.CreateRoutine;
import io.schemasync.api.change.CreateSequence;
import io.schemasync.api.change.CreateTable;
import io.schemasync.api.change.CreateTrigger;
import io.schemasync.api.change.CreateView;
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
 * ends, views last); inside a phase, tables and views are ordered topologically.
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
    } else if (change instanceof DropConstraint) {
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
    } else if (change instanceof CreateEnum
        || change instanceof AddEnumValues
        || change instanceof CreateDomain
        || change instanceof CreateSequence) {
      return 10;
    } else if (change instanceof CreateRoutine) {
      return 11;
    } else if (change instanceof CreateTable) {
      return 12;
    } else if (change instanceof AddColumn
        || change instanceof AlterColumn
        || change instanceof AlterTableComment) {
      return 13;
    } else if (change instanceof DropEnum
        || change instanceof DropDomain
        || change instanceof DropSequence
        || change instanceof AlterSequence) {
      return 14;
    } else if (change instanceof AddConstraint a && !(a.constraint() instanceof ForeignKey)) {
      return 15;
    } else if (change instanceof CreateIndex) {
      return 16;
    } else if (change instanceof AddConstraint) {
      return 17;
    } else if (change instanceof CreateTrigger) {
      return 18;
    } else if (change instanceof CreateView) {
      return 19;
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
      } else if (phase == 0) {
        out.addAll(dependentsFirst(group, c -> viewReads(((DropView) c).view(), group)));
      } else if (phase == 19) {
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

  private static List<String> referencedTables(SchemaChange change) {
    Table table = ((DropTable) change).definition();
    return table.foreignKeys().stream()
        .map(ForeignKey::referencedTable)
        .filter(t -> !t.equals(table.name()))
        .toList();
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
