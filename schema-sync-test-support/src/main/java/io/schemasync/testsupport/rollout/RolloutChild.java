package io.schemasync.testsupport.rollout;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.TenantContext;
import io.schemasync.api.plan.MigrationStep;
import io.schemasync.api.rollout.Rollouts;
import io.schemasync.api.rollout.WorkerOptions;
import io.schemasync.spi.StepListener;
import java.time.Duration;

/**
 * A worker process for fault tests: joins (or resumes) a rollout job and works on it until it ends.
 * Arguments: tenants URL, control URL, job id, parallelism, delay per step in milliseconds (so that
 * a kill often lands inside a tenant's transaction).
 */
public final class RolloutChild {
  private RolloutChild() {}

  public static void main(String[] args) {
    long delay = Long.parseLong(args[4]);
    StepListener slow =
        new StepListener() {
          @Override
          public void stepFinished(TenantContext tenant, MigrationStep step, Duration took) {
            sleep(delay);
          }
        };
    try (SchemaSync engine = SchemaSync.builder().url(args[0]).listener(slow).build();
        Rollouts rollouts = engine.rollouts(args[1])) {
      rollouts.resume(args[2], WorkerOptions.defaults().withParallelism(Integer.parseInt(args[3])));
    }
    System.exit(0);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
