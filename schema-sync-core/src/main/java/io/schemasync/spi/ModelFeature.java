package io.schemasync.spi;

import io.schemasync.api.InvalidTargetException;
import io.schemasync.api.model.ExclusionConstraint;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.UniqueConstraint;
import java.util.Map;
import java.util.Optional;

/**
 * Parts of the model that not every engine has, so that a dialect can refuse a target using one
 * with a message naming the object, instead of silently dropping it during normalization.
 */
public enum ModelFeature {
  /** {@code EXCLUDE USING gist (...)} constraints. */
  EXCLUSION_CONSTRAINTS("exclusion constraints"),
  /** Unique constraints and indexes under which NULLs are equal ({@code NULLS NOT DISTINCT}). */
  NULLS_NOT_DISTINCT("NULLS NOT DISTINCT unique keys"),
  /** Partitioned tables and their partitions. */
  PARTITIONING("declarative partitioning"),
  /** Engine extensions the schema needs ({@code CREATE EXTENSION}). */
  EXTENSIONS("extensions");

  private final String label;

  ModelFeature(String label) {
    this.label = label;
  }

  /** Lower-case words for messages, e.g. {@code exclusion constraints}. */
  public String label() {
    return label;
  }

  /** The first object of the snapshot that uses this feature, described for a message. */
  public Optional<String> firstUse(SchemaSnapshot snapshot) {
    if (this == EXTENSIONS) {
      return snapshot.extensions().stream().findFirst().map(e -> "extension " + e);
    }
    for (Table table : snapshot.tables()) {
      Optional<String> use = firstUse(table);
      if (use.isPresent()) {
        return use;
      }
    }
    return Optional.empty();
  }

  private Optional<String> firstUse(Table table) {
    String of = " of table " + table.name();
    switch (this) {
      case EXCLUSION_CONSTRAINTS -> {
        return table.exclusions().stream()
            .map(ExclusionConstraint::key)
            .findFirst()
            .map(key -> "exclusion constraint " + key + of);
      }
      case NULLS_NOT_DISTINCT -> {
        Optional<String> unique =
            table.uniques().stream()
                .filter(UniqueConstraint::nullsNotDistinct)
                .map(u -> "unique constraint " + u.key() + of)
                .findFirst();
        return unique.isPresent()
            ? unique
            : table.indexes().stream()
                .filter(Index::nullsNotDistinct)
                .map(i -> "index " + i.name() + of)
                .findFirst();
      }
      case PARTITIONING -> {
        if (table.partitionBy() != null) {
          return Optional.of(
              "table " + table.name() + " (partitioned by " + table.partitionBy().describe() + ")");
        }
        return table.partitionOf() == null
            ? Optional.empty()
            : Optional.of(
                "table " + table.name() + " (a partition of " + table.partitionOf().parent() + ")");
      }
      default -> throw new IllegalStateException("unhandled feature " + this);
    }
  }

  /**
   * Throws {@link InvalidTargetException} for the first use of any of the features an engine lacks,
   * e.g. {@code SQLite has no exclusion constraints (exclusion constraint r_excl of table r); use a
   * trigger}.
   *
   * @param engine the engine's name for the message
   * @param missing each feature the engine lacks, with what to do instead
   */
  public static void rejectUnsupported(
      SchemaSnapshot target, String engine, Map<ModelFeature, String> missing) {
    for (ModelFeature feature : values()) {
      String advice = missing.get(feature);
      if (advice == null) {
        continue;
      }
      Optional<String> use = feature.firstUse(target);
      if (use.isPresent()) {
        throw new InvalidTargetException(
            null, engine + " has no " + feature.label + " (" + use.get() + "); " + advice);
      }
    }
  }
}
