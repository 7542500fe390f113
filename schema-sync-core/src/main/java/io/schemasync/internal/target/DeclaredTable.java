package io.schemasync.internal.target;

import io.schemasync.api.SourceLocation;
import io.schemasync.api.model.Table;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A table as one file declares it, with the renames it asks for.
 *
 * @param renamedFrom the table's old name, null when it was not renamed
 * @param columnRenames new column name to old column name, in declared order
 */
record DeclaredTable(
    Table table, String renamedFrom, Map<String, String> columnRenames, SourceLocation location) {
  DeclaredTable {
    columnRenames = Collections.unmodifiableMap(new LinkedHashMap<>(columnRenames));
  }
}
