package io.schemasync.api.change;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The differences between two snapshots, as the changes that turn the first into the second, in a
 * deterministic order (by object, not yet by dependency: ordering is the planner's job).
 */
public record SchemaDiff(List<SchemaChange> changes) {
  public static final SchemaDiff EMPTY = new SchemaDiff(List.of());

  public SchemaDiff {
    changes = List.copyOf(changes);
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /**
   * The changes grouped hierarchically: one entry per top-level object ({@code table users}, {@code
   * view active_users}) with the changes to it and to its parts, in diff order.
   */
  public Map<String, List<SchemaChange>> byObject() {
    Map<String, List<SchemaChange>> grouped = new LinkedHashMap<>();
    for (SchemaChange change : changes) {
      ObjectRef subject = change.subject();
      String key =
          change.table() != null
              ? ObjectKind.TABLE.label() + " " + change.table()
              : subject.kind().label() + " " + subject.name();
      grouped.computeIfAbsent(key, k -> new ArrayList<>()).add(change);
    }
    return grouped;
  }

  /** One line per change, indented under its object; empty when there is no difference. */
  public String render() {
    StringBuilder out = new StringBuilder();
    byObject()
        .forEach(
            (object, objectChanges) -> {
              out.append(object).append('\n');
              for (SchemaChange change : objectChanges) {
                out.append("  ").append(change.describe()).append('\n');
              }
            });
    return out.toString();
  }
}
