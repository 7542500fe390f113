package io.schemasync.spi;

import io.schemasync.api.TenantContext;
import io.schemasync.api.plan.MigrationStep;
import java.time.Duration;

/** Receives step progress from a runner; called on the runner's thread, must be quick. */
public interface StepListener {
  default void stepStarted(TenantContext tenant, MigrationStep step) {}

  default void stepFinished(TenantContext tenant, MigrationStep step, Duration took) {}

  StepListener NONE = new StepListener() {};
}
