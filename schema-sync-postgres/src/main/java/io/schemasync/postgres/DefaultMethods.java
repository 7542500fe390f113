package io.schemasync.postgres;

import io.schemasync.api.model.ExclusionConstraint;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import java.util.Locale;

/**
 * Index methods (of indexes and exclusion constraints) as the inspector reports them: lower case,
 * and none for the default btree.
 */
final class DefaultMethods {
  private DefaultMethods() {}

  static SchemaSnapshot clear(SchemaSnapshot snapshot) {
    return snapshot.withTables(snapshot.tables().stream().map(DefaultMethods::clear).toList());
  }

  private static Table clear(Table table) {
    return table
        .withIndexes(table.indexes().stream().map(i -> i.withMethod(method(i.method()))).toList())
        .withExclusions(
            table.exclusions().stream()
                .map((ExclusionConstraint x) -> x.withMethod(method(x.method())))
                .toList());
  }

  private static String method(String method) {
    if (method == null) {
      return null;
    }
    String lower = method.toLowerCase(Locale.ROOT);
    return "btree".equals(lower) ? null : lower;
  }
}
