package io.schemasync.spi;

import io.schemasync.api.change.RenameHints;
import io.schemasync.api.change.SchemaDiff;
import io.schemasync.api.model.SchemaSnapshot;

/** Computes the changes that turn one snapshot into another: a pure function of its inputs. */
public interface DiffCalculator {
  /**
   * @param renames explicit renames declared by the target; no rename is ever guessed
   */
  SchemaDiff diff(SchemaSnapshot from, SchemaSnapshot to, RenameHints renames);

  default SchemaDiff diff(SchemaSnapshot from, SchemaSnapshot to) {
    return diff(from, to, RenameHints.NONE);
  }
}
