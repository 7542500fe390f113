package io.schemasync.api.model;

import java.util.List;
import java.util.Objects;

/**
 * A foreign key from {@code columns} to {@code referencedColumns} of {@code referencedTable} in the
 * same tenant.
 */
public record ForeignKey(
    String name,
    List<String> columns,
    String referencedTable,
    List<String> referencedColumns,
    ReferentialAction onDelete,
    ReferentialAction onUpdate,
    boolean deferrable)
    implements Constraint {

  public ForeignKey {
    name = ModelSupport.blankToNull(name);
    columns = ModelSupport.copy(columns);
    Objects.requireNonNull(referencedTable, "referenced table");
    referencedColumns = ModelSupport.copy(referencedColumns);
    onDelete = onDelete == null ? ReferentialAction.NO_ACTION : onDelete;
    onUpdate = onUpdate == null ? ReferentialAction.NO_ACTION : onUpdate;
    if (columns.isEmpty() || columns.size() != referencedColumns.size()) {
      throw new IllegalArgumentException(
          "foreign key "
              + name
              + " must name as many columns as it references: "
              + columns
              + " -> "
              + referencedTable
              + referencedColumns);
    }
  }

  @Override
  public String key() {
    return name != null ? name : "fk" + columns + "->" + referencedTable + referencedColumns;
  }
}
