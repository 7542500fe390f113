package io.schemasync.testsupport.gen;

import java.util.List;

/** What {@link SchemaArbitraries} may put into a schema; see its {@code with...} methods. */
record Settings(
    List<String> types,
    List<String> keyTypes,
    boolean quotedNames,
    boolean defaults,
    boolean checks,
    boolean foreignKeys,
    boolean partialIndexes,
    boolean views) {

  Settings {
    types = List.copyOf(types);
    keyTypes = List.copyOf(keyTypes);
    if (types.isEmpty()) {
      throw new IllegalArgumentException("give at least one column type");
    }
    if (keyTypes.isEmpty()) {
      throw new IllegalArgumentException(
          "give at least one type usable in keys and indexes (e.g. INTEGER)");
    }
  }

  List<String> tableNames() {
    return quotedNames ? Names.TABLES_QUOTED : Names.TABLES;
  }

  List<String> columnNames() {
    return quotedNames ? Names.COLUMNS_QUOTED : Names.COLUMNS;
  }

  boolean isKeyType(String type) {
    return keyTypes.contains(type);
  }
}
