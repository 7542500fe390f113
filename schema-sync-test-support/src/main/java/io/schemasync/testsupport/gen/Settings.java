package io.schemasync.testsupport.gen;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;

/** What {@link SchemaArbitraries} may put into a schema; see its {@code with...} methods. */
record Settings(
    List<String> types,
    List<String> keyTypes,
    Set<Part> on,
    BiPredicate<String, String> typeChanges) {

  /** What a schema may contain beyond tables, columns and keys; each can be switched off. */
  enum Part {
    QUOTED_NAMES,
    DEFAULTS,
    CHECKS,
    FOREIGN_KEYS,
    PARTIAL_INDEXES,
    VIEWS
  }

  Settings {
    types = List.copyOf(types);
    keyTypes = List.copyOf(keyTypes);
    on = on.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(on));
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
    Set<Part> on = EnumSet.allOf(Part.class);
    on.remove(Part.QUOTED_NAMES);
    return new Settings(types, keyTypes, on, (from, to) -> true);
  }

  Settings withTypes(List<String> types, List<String> keyTypes) {
    return new Settings(types, keyTypes, on, typeChanges);
  }

  Settings with(Part part, boolean enabled) {
    Set<Part> next = on.isEmpty() ? EnumSet.noneOf(Part.class) : EnumSet.copyOf(on);
    if (enabled) {
      next.add(part);
    } else {
      next.remove(part);
    }
    return new Settings(types, keyTypes, next, typeChanges);
  }

  Settings withTypeChanges(BiPredicate<String, String> allowed) {
    return new Settings(types, keyTypes, on, allowed);
  }

  boolean quotedNames() {
    return on.contains(Part.QUOTED_NAMES);
  }

  boolean defaults() {
    return on.contains(Part.DEFAULTS);
  }

  boolean checks() {
    return on.contains(Part.CHECKS);
  }

  boolean foreignKeys() {
    return on.contains(Part.FOREIGN_KEYS);
  }

  boolean partialIndexes() {
    return on.contains(Part.PARTIAL_INDEXES);
  }

  boolean views() {
    return on.contains(Part.VIEWS);
  }

  List<String> tableNames() {
    return quotedNames() ? Names.TABLES_QUOTED : Names.TABLES;
  }

  List<String> columnNames() {
    return quotedNames() ? Names.COLUMNS_QUOTED : Names.COLUMNS;
  }

  boolean isKeyType(String type) {
    return keyTypes.contains(type);
  }
}
