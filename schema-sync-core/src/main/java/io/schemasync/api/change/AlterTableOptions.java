package io.schemasync.api.change;

import io.schemasync.api.model.TableOptions;

/**
 * Changes a table's storage options: engine, default character set or collation.
 *
 * @param from the options the table has, null when the engine reports none
 * @param to the options it has afterwards: {@code from} with the target's declared parts applied
 */
public record AlterTableOptions(String tableName, TableOptions from, TableOptions to)
    implements SchemaChange {
  @Override
  public ObjectRef subject() {
    return ObjectRef.of(ObjectKind.TABLE, tableName);
  }

  @Override
  public String describe() {
    return "set options of table "
        + tableName
        + " ("
        + String.join(", ", TableOptions.differences(from, to))
        + ")";
  }

  /** Whether the engine changes. */
  public boolean engineChanged() {
    return to.engine() != null && !to.engine().equals(from == null ? null : from.engine());
  }

  /** Whether the default character set or collation changes. */
  public boolean charsetChanged() {
    String fromCharset = from == null ? null : from.charset();
    String fromCollation = from == null ? null : from.collation();
    return (to.charset() != null && !to.charset().equals(fromCharset))
        || (to.collation() != null && !to.collation().equals(fromCollation));
  }
}
