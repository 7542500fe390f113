package io.schemasync.mysql;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.Target;
import io.schemasync.api.TenantContext;
import io.schemasync.api.TenantResult;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.plan.MigrationStep;
import io.schemasync.spi.StepListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A worker process for the fault test: syncs one tenant to a snapshot target, pausing at the start
 * and end of every step so the test can kill it at a known point.
 *
 * <p>Arguments: JDBC URL, tenant id, path of the target snapshot JSON, pause in milliseconds.
 */
public final class SyncChild {
  private SyncChild() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String tenant = args[1];
    SchemaSnapshot target = SchemaSnapshot.fromJson(Files.readString(Path.of(args[2])));
    long pause = Long.parseLong(args[3]);
    StepListener slow =
        new StepListener() {
          @Override
          public void stepStarted(TenantContext t, MigrationStep step) {
            sleep(pause);
          }

          @Override
          public void stepFinished(TenantContext t, MigrationStep step, Duration took) {
            sleep(pause);
          }
        };
    try (SchemaSync sync =
        SchemaSync.builder().url(url).target(new Target.Snapshot(target)).listener(slow).build()) {
      TenantResult result = sync.sync(tenant);
      System.out.println(
          "RESULT "
              + result.status()
              + (result.failure() == null ? "" : " " + result.failure().getMessage()));
      System.exit(result.failure() == null ? 0 : 1);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
