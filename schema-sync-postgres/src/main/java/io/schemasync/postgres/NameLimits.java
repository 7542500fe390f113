package io.schemasync.postgres;

import io.schemasync.api.InvalidTargetException;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.Constraint;
import io.schemasync.api.model.Index;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.Trigger;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses target names longer than PostgreSQL's 63 bytes: the server would silently truncate them,
 * so the object would exist under another name and never compare equal to the target.
 */
final class NameLimits {
  private NameLimits() {}

  static void check(SchemaSnapshot target) {
    List<String> problems = new ArrayList<>();
    for (Table table : target.tables()) {
      check(problems, "table", table.name());
      for (Column column : table.columns()) {
        check(problems, "column " + table.name() + ".", column.name());
      }
      for (Constraint constraint : table.constraints()) {
        if (constraint.name() != null) {
          check(problems, "constraint on " + table.name() + ":", constraint.name());
        }
      }
      for (Index index : table.indexes()) {
        check(problems, "index on " + table.name() + ":", index.name());
      }
      for (Trigger trigger : table.triggers()) {
        check(problems, "trigger on " + table.name() + ":", trigger.name());
      }
    }
    target.views().forEach(v -> check(problems, "view", v.name()));
    target.routines().forEach(r -> check(problems, "routine", r.name()));
    target.enums().forEach(e -> check(problems, "enum type", e.name()));
    target.domains().forEach(d -> check(problems, "domain", d.name()));
    target.sequences().forEach(s -> check(problems, "sequence", s.name()));
    if (!problems.isEmpty()) {
      throw new InvalidTargetException(
          null,
          "PostgreSQL names are at most "
              + PgNames.MAX_BYTES
              + " bytes of UTF-8 and would be truncated; shorten: "
              + String.join("; ", problems));
    }
  }

  private static void check(List<String> problems, String what, String name) {
    int bytes = PgNames.utf8Length(name);
    if (bytes > PgNames.MAX_BYTES) {
      problems.add(what + (what.endsWith(".") ? "" : " ") + name + " (" + bytes + " bytes)");
    }
  }
}
