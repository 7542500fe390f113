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
 */
public record SchemaSnapshot(
    List<Table> tables,
    List<View> views,
    List<Routine> routines,
    List<EnumType> enums,
    List<DomainType> domains,
    List<Sequence> sequences) {

  /** The empty schema. */
  public static final SchemaSnapshot EMPTY =
      new SchemaSnapshot(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

  public SchemaSnapshot {
    tables = ModelSupport.sortedUnique(tables, Table::name, "table", null);
    views = ModelSupport.sortedUnique(views, View::name, "view", null);
    routines = ModelSupport.sortedUnique(routines, Routine::key, "routine", null);
    enums = ModelSupport.sortedUnique(enums, EnumType::name, "enum type", null);
    domains = ModelSupport.sortedUnique(domains, DomainType::name, "domain", null);
    sequences = ModelSupport.sortedUnique(sequences, Sequence::name, "sequence", null);
  }

  /** A snapshot holding only tables. */
  public static SchemaSnapshot ofTables(List<Table> tables) {
    return new SchemaSnapshot(tables, List.of(), List.of(), List.of(), List.of(), List.of());
  }

  public Optional<Table> table(String name) {
    return tables.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  public Optional<View> view(String name) {
    return views.stream().filter(v -> v.name().equals(name)).findFirst();
  }

  public SchemaSnapshot withTables(List<Table> newTables) {
    return new SchemaSnapshot(newTables, views, routines, enums, domains, sequences);
  }

  public SchemaSnapshot withViews(List<View> newViews) {
    return new SchemaSnapshot(tables, newViews, routines, enums, domains, sequences);
  }

  /** True when the schema holds no object at all. */
  @JsonIgnore
  public boolean isEmpty() {
    return tables.isEmpty()
        && views.isEmpty()
        && routines.isEmpty()
        && enums.isEmpty()
        && domains.isEmpty()
        && sequences.isEmpty();
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
    return CanonicalJson.sha256(CanonicalJson.write(canonical()));
  }
}
