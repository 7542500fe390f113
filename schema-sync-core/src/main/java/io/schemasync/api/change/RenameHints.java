package io.schemasync.api.change;

import java.util.Map;
import java.util.Optional;

/**
 * Explicit renames declared by the target ({@code renamedFrom}): the diff never guesses a rename,
 * it only follows these.
 *
 * @param tables new table name to old table name
 * @param columns new table name to (new column name to old column name)
 */
public record RenameHints(Map<String, String> tables, Map<String, Map<String, String>> columns) {
  public static final RenameHints NONE = new RenameHints(Map.of(), Map.of());

  public RenameHints {
    tables = Map.copyOf(tables);
    columns = Map.copyOf(columns);
    columns.values().forEach(Map::copyOf);
  }

  public Optional<String> tableRenamedFrom(String table) {
    return Optional.ofNullable(tables.get(table));
  }

  public Optional<String> columnRenamedFrom(String table, String column) {
    return Optional.ofNullable(columns.getOrDefault(table, Map.of()).get(column));
  }

  public boolean isEmpty() {
    return tables.isEmpty() && columns.values().stream().allMatch(Map::isEmpty);
  }
}
