package io.schemasync.postgres;

import io.schemasync.api.model.Index;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import java.util.Locale;

/** Index methods as the inspector reports them: lower case, and none for the default btree. */
final class DefaultMethods {
  private DefaultMethods() {}

  static SchemaSnapshot clear(SchemaSnapshot snapshot) {
    return snapshot.withTables(snapshot.tables().stream().map(DefaultMethods::clear).toList());
  }

  private static Table clear(Table table) {
    return table.withIndexes(table.indexes().stream().map(DefaultMethods::clear).toList());
  }

  private static Index clear(Index index) {
    if (index.method() == null) {
      return index;
    }
    String method = index.method().toLowerCase(Locale.ROOT);
    return new Index(
        index.name(),
        index.parts(),
        index.unique(),
        index.where(),
        "btree".equals(method) ? null : method,
        index.include());
  }
}
