package io.schemasync.postgres;

import io.schemasync.api.InvalidTargetException;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;

/**
 * What a target may declare for the MySQL family only. Table options (engine, character set,
 * collation) are ignored: PostgreSQL has one storage engine, sets the encoding per database and the
 * collation per column, so a document shared with MySQL tenants stays usable. An invisible index is
 * refused: PostgreSQL cannot keep an index from the planner, and building it visible would change
 * query plans the target asked to keep.
 */
final class MysqlOnlyOptions {
  private MysqlOnlyOptions() {}

  static SchemaSnapshot apply(SchemaSnapshot target) {
    for (Table table : target.tables()) {
      for (Index index : table.indexes()) {
        if (index.invisible()) {
          throw new InvalidTargetException(
              null,
              "index "
                  + index.name()
                  + " of table "
                  + table.name()
                  + " is declared invisible, which PostgreSQL does not support; drop"
                  + " 'invisible', or drop the index");
        }
      }
    }
    return target.withTables(target.tables().stream().map(t -> t.withOptions(null)).toList());
  }
}
