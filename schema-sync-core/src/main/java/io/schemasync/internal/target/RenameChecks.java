package io.schemasync.internal.target;

import static io.schemasync.internal.target.IdentifierRules.show;

import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.internal.target.UniqueNames.Claim;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks {@code renamedFrom}: a rename needs its old name to disappear and to be claimed once,
 * otherwise the diff could not tell which object the data should move to.
 */
final class RenameChecks {
  private RenameChecks() {}

  static void check(DeclaredSchema declared, Problems problems) {
    SchemaSnapshot schema = declared.snapshot();
    SourceMap sources = declared.sourceMap();
    List<Claim> oldTables = new ArrayList<>();
    for (Map.Entry<String, String> rename : declared.renames().tables().entrySet()) {
      String table = rename.getKey();
      String old = rename.getValue();
      var at = sources.at("tables", table, "renamedFrom");
      if (old.equals(table)) {
        problems.add(
            at, "table " + show(table) + " says it was renamed from itself; remove 'renamedFrom'");
      } else if (schema.table(old).isPresent()) {
        problems.add(
            at,
            "table "
                + show(table)
                + " is renamed from "
                + show(old)
                + ", but "
                + show(old)
                + " is declared too; remove 'renamedFrom' or the table "
                + show(old));
      } else {
        oldTables.add(new Claim(old, "'renamedFrom: " + show(old) + "'", at));
      }
    }
    new UniqueNames(problems).claimInFileOrder(oldTables);
    for (Table table : schema.tables()) {
      Map<String, String> columns =
          declared.renames().columns().getOrDefault(table.name(), Map.of());
      List<Claim> oldColumns = new ArrayList<>();
      for (Map.Entry<String, String> rename : columns.entrySet()) {
        String column = rename.getKey();
        String old = rename.getValue();
        String what = "column " + show(table.name() + "." + column);
        var at = sources.at("tables", table.name(), "columns", column, "renamedFrom");
        if (old.equals(column)) {
          problems.add(at, what + " says it was renamed from itself; remove 'renamedFrom'");
        } else if (table.hasColumn(old)) {
          problems.add(
              at,
              what
                  + " is renamed from "
                  + show(old)
                  + ", but table "
                  + show(table.name())
                  + " still declares a column "
                  + show(old)
                  + "; remove 'renamedFrom' or that column");
        } else {
          oldColumns.add(
              new Claim(
                  old, "'renamedFrom: " + show(old) + "' in table " + show(table.name()), at));
        }
      }
      new UniqueNames(problems).claimInFileOrder(oldColumns);
    }
  }
}
