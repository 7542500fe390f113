package io.schemasync.postgres;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.Target;
import io.schemasync.api.TenantResult;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.PrimaryKey;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import java.util.List;

/** A separate process that syncs one tenant and prints its status; used by the process test. */
public final class SyncProcessMain {
  private SyncProcessMain() {}

  public static void main(String[] args) {
    String url = args[0];
    String tenant = args[1];
    SchemaSnapshot target =
        SchemaSnapshot.ofTables(
            List.of(
                Table.of(
                    "items",
                    List.of(
                        Column.of("id", "integer", false),
                        Column.of("name", "text", true),
                        Column.of("by_process", "integer", true)),
                    new PrimaryKey("items_pkey", List.of("id")))));
    try (SchemaSync sync =
        SchemaSync.builder().url(url).target(new Target.Snapshot(target)).build()) {
      TenantResult result = sync.sync(tenant);
      int steps = result.execution() == null ? 0 : result.execution().stepsRun();
      System.out.println("STATUS " + result.status() + " STEPS " + steps);
    }
  }
}
