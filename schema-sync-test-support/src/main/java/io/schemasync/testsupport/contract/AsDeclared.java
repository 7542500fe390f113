package io.schemasync.testsupport.contract;

import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.TableOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * An inspected schema as a target sees it: table options (engine, character set, collation) are
 * kept only in the parts the target's table declares, because the parts it leaves out are each
 * tenant's own and never compared. For asserting that a tenant is exactly its target.
 */
public final class AsDeclared {
  private AsDeclared() {}

  /** {@code inspected} with every table's options cut down to what {@code target} declares. */
  public static SchemaSnapshot of(SchemaSnapshot inspected, SchemaSnapshot target) {
    List<Table> tables = new ArrayList<>();
    for (Table table : inspected.tables()) {
      TableOptions declared = target.table(table.name()).map(Table::options).orElse(null);
      TableOptions actual = table.options();
      tables.add(table.withOptions(actual == null ? null : actual.restrictedTo(declared)));
    }
    return inspected.withTables(tables);
  }
}
