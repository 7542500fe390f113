package io.schemasync.cli;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.Target;
import io.schemasync.api.TenantContext;
import io.schemasync.api.plan.MigrationStep;
import io.schemasync.spi.StepListener;
import java.time.Duration;

/** Builds the engine a command works through, from the common options. */
final class Engines {
  private Engines() {}

  /**
   * Opens the adapter for {@code --url} and returns an engine with the policy, lock timeout and
   * target (when {@code targetSource} is not null).
   *
   * @throws io.schemasync.api.InvalidTargetException when the target path is missing or has an
   *     unknown extension (checked before any connection is opened)
   */
  static SchemaSync open(CommonOptions options, String targetSource) {
    Target target = targetSource == null ? null : Target.parse(targetSource);
    SchemaSync.Builder builder =
        SchemaSync.builder()
            .url(options.url)
            .policy(options.policy())
            .lockTimeout(options.lockTimeout);
    if (options.user != null || options.password != null) {
      builder.credentials(options.user, options.password);
    }
    options.properties.forEach(builder::property);
    if (target != null) {
      builder.target(target);
    }
    if (options.verbose) {
      builder.listener(new ProgressListener(options.terminal()));
    }
    return builder.build();
  }

  /** Reports each step on stderr as it runs, so that stdout stays the report. */
  private record ProgressListener(Terminal terminal) implements StepListener {
    @Override
    public void stepStarted(TenantContext tenant, MigrationStep step) {
      terminal.error(
          "  " + tenant.id() + ": step " + step.index() + " " + step.description() + " ...");
    }

    @Override
    public void stepFinished(TenantContext tenant, MigrationStep step, Duration took) {
      terminal.error(
          "  " + tenant.id() + ": step " + step.index() + " done in " + took.toMillis() + " ms");
    }
  }
}
