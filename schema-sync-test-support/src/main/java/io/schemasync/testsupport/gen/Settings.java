package io.schemasync.testsupport.gen;

import java.util.List;
import java.util.function.BiPredicate;

/** What {@link SchemaArbitraries} may put into a schema; see its {@code with...} methods. */
record Settings(
    List<String> types,
    List<String> keyTypes,
    boolean quotedNames,
    boolean defaults,
    boolean checks,
    boolean foreignKeys,
    boolean partialIndexes,
    boolean views,
    BiPredicate<String, String> typeChanges) {

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

  /** Everything on except hard-to-quote names; every type may change into every other. */
  static Settings defaults(List<String> types, List<String> keyTypes) {
    return new Settings(types, keyTypes, false, true, true, true, true, true, (from, to) -> true);
  }

  Settings withTypes(List<String> types, List<String> keyTypes) {
    return new Settings(
        types,
        keyTypes,
        quotedNames,
        defaults,
        checks,
        foreignKeys,
        partialIndexes,
        views,
        typeChanges);
  }

  Settings withQuotedNames(boolean enabled) {
    return new Settings(
        types,
        keyTypes,
        enabled,
        defaults,
        checks,
        foreignKeys,
        partialIndexes,
        views,
        typeChanges);
  }

  Settings withDefaults(boolean enabled) {
    return new Settings(
        types,
        keyTypes,
        quotedNames,
        enabled,
        checks,
        foreignKeys,
        partialIndexes,
        views,
        typeChanges);
  }

  Settings withChecks(boolean enabled) {
    return new Settings(
        types,
        keyTypes,
        quotedNames,
        defaults,
        enabled,
        foreignKeys,
        partialIndexes,
        views,
        typeChanges);
  }

  Settings withForeignKeys(boolean enabled) {
    return new Settings(
        types,
        keyTypes,
        quotedNames,
        defaults,
        checks,
        enabled,
        partialIndexes,
        views,
        typeChanges);
  }

  Settings withPartialIndexes(boolean enabled) {
    return new Settings(
        types, keyTypes, quotedNames, defaults, checks, foreignKeys, enabled, views, typeChanges);
  }

  Settings withViews(boolean enabled) {
    return new Settings(
        types,
        keyTypes,
        quotedNames,
        defaults,
        checks,
        foreignKeys,
        partialIndexes,
        enabled,
        typeChanges);
  }

  Settings withTypeChanges(BiPredicate<String, String> allowed) {
    return new Settings(
        types,
        keyTypes,
        quotedNames,
        defaults,
        checks,
        foreignKeys,
        partialIndexes,
        views,
        allowed);
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
