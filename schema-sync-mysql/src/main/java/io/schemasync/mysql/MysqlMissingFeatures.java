package io.schemasync.mysql;

import io.schemasync.spi.ModelFeature;
import java.util.Map;

/** What MySQL and MariaDB lack of the model, and what a target should declare instead. */
final class MysqlMissingFeatures {
  private MysqlMissingFeatures() {}

  static final Map<ModelFeature, String> ADVICE =
      Map.of(
          ModelFeature.EXCLUSION_CONSTRAINTS,
          "check overlaps in a BEFORE INSERT/UPDATE trigger that signals an error",
          ModelFeature.NULLS_NOT_DISTINCT,
          "MySQL treats NULLs as distinct in every unique key; make the columns NOT NULL",
          ModelFeature.PARTITIONING,
          "schema-sync does not manage MySQL partitioning; declare one plain table",
          ModelFeature.EXTENSIONS,
          "MySQL has no CREATE EXTENSION; remove 'extensions'");
}
