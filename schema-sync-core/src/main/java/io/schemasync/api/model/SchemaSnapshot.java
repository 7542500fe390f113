package io.schemasync.api.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.schemasync.internal.json.CanonicalJson;
import java.util.List;
import java.util.Optional;

/**
 * A normalized, database-agnostic, immutable model of one tenant's schema.
 *
 * <p>Every list is sorted by name in the compact constructor, so two snapshots of the same schema
 * are equal whatever order a catalog returned things in. Column order inside a table is kept as
 * declared (it is how the table is created) but is not part of the schema's identity: {@link
 * #hash()} and the diff ignore it.
 *
 * @param extensions the engine extensions the schema needs (PostgreSQL {@code CREATE EXTENSION}),
 *     by name: those its objects depend on. They belong to the database, not to the tenant, and are
 *     created when missing but never dropped by a sync
 */
public record SchemaSnapshot(
    List<Table> tables,
    List<View> views,
    List<Routine> routines,
    List<EnumType> enums,
    List<DomainType> domains,
    List<Sequence> sequences,
    List<String> extensions) {

  /** The empty schema. */
  public static final SchemaSnapshot EMPTY =
      new SchemaSnapshot(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

  /** Hashed snapshots, kept by value: equal snapshots have one hash, computed once. */
  private static final SnapshotHashes RECENT_HASHES = new SnapshotHashes(16);

  public SchemaSnapshot {
    tables = ModelSupport.sortedUnique(tables, Table::name, "table", null);
    views = ModelSupport.sortedUnique(views, View::name, "view", null);
    routines = ModelSupport.sortedUnique(routines, Routine::key, "routine", null);
    enums = ModelSupport.sortedUnique(enums, EnumType::name, "enum type", null);
    domains = ModelSupport.sortedUnique(domains, DomainType::name, "domain", null);
    sequences = ModelSupport.sortedUnique(sequences, Sequence::name, "sequence", null);
    extensions = ModelSupport.sortedUnique(extensions, e -> e, "extension", null);
    extensions.forEach(e -> ModelSupport.name(e, "extension"));
  }

  /** A schema that needs no extension. */
  public SchemaSnapshot(
      List<Table> tables,
      List<View> views,
      List<Routine> routines,
      List<EnumType> enums,
      List<DomainType> domains,
      List<Sequence> sequences) {
    this(tables, views, routines, enums, domains, sequences, List.of());
  }

  /** A snapshot holding only tables. */
  public static SchemaSnapshot ofTables(List<Table> tables) {
    return new SchemaSnapshot(tables, List.of(), List.of(), List.of(), List.of(), List.of());
  }

  public Optional<Table> table(String name) {
    return tables.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /**
   * The columns a table really has: its own, or for a partition those of the partitioned table at
   * the top of its chain (a partition declares none); empty when that parent is missing.
   */
  public List<Column> columnsOf(Table table) {
    Table t = table;
    for (int depth = 0; t.partitionOf() != null && depth <= tables.size(); depth++) {
      Optional<Table> parent = table(t.partitionOf().parent());
      if (parent.isEmpty()) {
        return List.of();
      }
      t = parent.get();
    }
    return t.partitionOf() == null ? t.columns() : List.of();
  }

  /**
   * The checks a partition inherits from the partitioned tables above it (what PostgreSQL requires
   * a table to carry, under the same names, before it can be attached); empty for a plain table.
   */
  public List<CheckConstraint> inheritedChecks(Table table) {
    List<CheckConstraint> checks = new java.util.ArrayList<>();
    Table t = table;
    for (int depth = 0; t.partitionOf() != null && depth <= tables.size(); depth++) {
      Optional<Table> parent = table(t.partitionOf().parent());
      if (parent.isEmpty()) {
        break;
      }
      t = parent.get();
      checks.addAll(t.checks());
    }
    return checks;
  }

  public Optional<View> view(String name) {
    return views.stream().filter(v -> v.name().equals(name)).findFirst();
  }

  public SchemaSnapshot withTables(List<Table> newTables) {
    return new SchemaSnapshot(newTables, views, routines, enums, domains, sequences, extensions);
  }

  public SchemaSnapshot withViews(List<View> newViews) {
    return new SchemaSnapshot(tables, newViews, routines, enums, domains, sequences, extensions);
  }

  public SchemaSnapshot withExtensions(List<String> newExtensions) {
    return new SchemaSnapshot(tables, views, routines, enums, domains, sequences, newExtensions);
  }

  /** True when the schema holds no object at all. */
  @JsonIgnore
  public boolean isEmpty() {
    return tables.isEmpty()
        && views.isEmpty()
        && routines.isEmpty()
        && enums.isEmpty()
        && domains.isEmpty()
        && sequences.isEmpty()
        && extensions.isEmpty();
  }

  /** The same schema with every table's columns sorted by name: the form that is hashed. */
  public SchemaSnapshot canonical() {
    return withTables(tables.stream().map(Table::withColumnsSortedByName).toList());
  }

  /** Canonical JSON of this snapshot (stable key order, columns in declared order). */
  public String toJson() {
    return CanonicalJson.write(this);
  }

  /** Reads a snapshot written by {@link #toJson()}. */
  public static SchemaSnapshot fromJson(String json) {
    return CanonicalJson.read(json, SchemaSnapshot.class);
  }

  /**
   * SHA-256 of the canonical JSON of {@link #canonical()}, in hex: identical for identical schemas
   * whatever the catalog order, different when anything but column order differs.
   */
  public String hash() {
    return RECENT_HASHES.of(this);
  }

  /** {@link #hash()} computed afresh, without looking among the recent ones. */
  String computeHash() {
    return CanonicalJson.sha256(CanonicalJson.write(canonical()));
  }
}
