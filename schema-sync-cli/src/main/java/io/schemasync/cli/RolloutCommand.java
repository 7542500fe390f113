package io.schemasync.cli;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.Target;
import io.schemasync.api.TenantSelection;
import io.schemasync.api.plan.PlanPolicy;
import io.schemasync.api.plan.PlanPolicy.BreakingPolicy;
import io.schemasync.api.rollout.RolloutJob;
import io.schemasync.api.rollout.RolloutOptions;
import io.schemasync.api.rollout.RolloutReport;
import io.schemasync.api.rollout.Rollouts;
import io.schemasync.api.rollout.WorkerOptions;
import io.schemasync.spi.ControlStore;
import java.nio.file.FileSystems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code rollout} command: starts a fleet rollout and works on it; parent of status, resume,
 * cancel, worker.
 */
@Command(
    name = "rollout",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description =
        "Brings many tenants to the target as one resumable job: every tenant is dry-run first (if any"
            + " fails, none is changed), then changed, canary wave first, each tenant's status recorded atomically"
            + " with its change. Exit codes: 0 succeeded; 2 bad input; 3 plans refused by the policy at the gate"
            + " (nothing changed); 4 a dry run failed (nothing changed), tenants failed, or the job was cancelled.",
    subcommands = {
      RolloutStatusCommand.class,
      RolloutResumeCommand.class,
      RolloutCancelCommand.class,
      RolloutPruneCommand.class,
      RolloutWorkerCommand.class
    })
final class RolloutCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private RolloutConnection connection;

  @Option(
      names = "--url",
      paramLabel = "URL",
      order = 1,
      description = "JDBC URL of the tenants' database, e.g. jdbc:sqlite:DIR.")
  private String url;

  @Option(
      names = "--target",
      paramLabel = "SRC",
      order = 2,
      description =
          "The desired schema: a .yaml/.yml/.json file or directory, a .sql file, or tenant:ID.")
  private String target;

  @Option(
      names = "--tenant",
      paramLabel = "ID",
      order = 3,
      description = "A tenant to include; repeat for several.")
  private List<String> tenantIds = new ArrayList<>();

  @Option(
      names = "--tenants",
      paramLabel = "GLOB",
      order = 4,
      description = "The tenants whose id matches a glob.")
  private String tenantGlob;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      defaultValue = "4",
      order = 5,
      description = "Tenants this process works on at once (default: ${DEFAULT-VALUE}).")
  private int parallelism;

  @Option(
      names = "--canary",
      paramLabel = "K",
      defaultValue = "0",
      order = 6,
      description = "Run the first K tenants first; the others start only if all of them succeed.")
  private int canary;

  @Option(
      names = "--canary-tenant",
      paramLabel = "ID",
      order = 7,
      description = "A tenant of the canary wave; repeatable.")
  private List<String> canaryTenants = new ArrayList<>();

  @Option(
      names = "--max-failures",
      paramLabel = "F",
      defaultValue = "0",
      order = 8,
      description = "Stop starting tenants after F failures (default: no limit).")
  private int maxFailures;

  @Option(
      names = "--lease",
      paramLabel = "DURATION",
      defaultValue = "30s",
      converter = DurationConverter.class,
      order = 9,
      description =
          "How long a dead worker's tenants stay claimed before others take them over (default: ${DEFAULT-VALUE}).")
  private Duration lease;

  @Option(names = "--allow-destructive", order = 10, description = "Allow steps that destroy data.")
  private boolean allowDestructive;

  @Option(
      names = "--breaking",
      paramLabel = "POLICY",
      defaultValue = "BLOCK",
      order = 11,
      description = "Breaking steps: block (refuse the plan) or warn (default: block).")
  private BreakingPolicy breaking;

  @Option(
      names = "--lock-timeout",
      paramLabel = "DURATION",
      defaultValue = "30s",
      converter = DurationConverter.class,
      order = 12,
      description = "How long to wait for a tenant's migration lock (default: ${DEFAULT-VALUE}).")
  private Duration lockTimeout;

  @Override
  public Integer call() {
    if (url == null || target == null) {
      throw new ParameterException(
          spec.commandLine(),
          "rollout needs --url and --target (or a subcommand: status, resume, cancel, worker)");
    }
    RolloutOptions options = rolloutOptions();
    WorkerOptions worker = workerOptions();
    return RolloutCommands.guard(
        connection,
        "rollout",
        url,
        () -> {
          Terminal term = connection.terminal(url);
          SchemaSync.Builder builder =
              SchemaSync.builder()
                  .url(url)
                  .target(Target.parse(target))
                  .policy(new PlanPolicy(allowDestructive, breaking))
                  .lockTimeout(lockTimeout);
          if (connection.user != null || connection.password != null) {
            builder.credentials(connection.user, connection.password);
          }
          try (SchemaSync engine = builder.build();
              ControlStore store = connection.openStore();
              Rollouts rollouts = engine.rollouts(store)) {
            RolloutJob job = rollouts.enqueue(options);
            term.error(
                "rollout "
                    + job.id()
                    + " created; if this process stops, continue it with:"
                    + " schema-sync rollout resume "
                    + job.id()
                    + " --control "
                    + connection.control);
            RolloutReport report =
                RolloutProgress.run(rollouts, job.id(), worker, term, connection.json(), false);
            return RolloutCommands.print(
                connection, "rollout", report, RolloutExit.of(report), url);
          }
        });
  }

  private RolloutOptions rolloutOptions() {
    try {
      return new RolloutOptions(selection(), canary, canaryTenants, maxFailures, lease);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private WorkerOptions workerOptions() {
    try {
      return WorkerOptions.defaults().withParallelism(parallelism);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--parallelism: " + e.getMessage());
    }
  }

  private TenantSelection selection() {
    if (!tenantIds.isEmpty() && tenantGlob != null) {
      throw new ParameterException(
          spec.commandLine(), "give either --tenant (one or more ids) or --tenants GLOB, not both");
    }
    if (!tenantIds.isEmpty()) {
      return TenantSelection.ids(tenantIds.toArray(String[]::new));
    }
    if (tenantGlob != null) {
      try {
        FileSystems.getDefault().getPathMatcher("glob:" + tenantGlob);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(
            spec.commandLine(),
            "--tenants '" + tenantGlob + "' is not a valid glob: " + e.getMessage());
      }
      return TenantSelection.glob(tenantGlob);
    }
    return TenantSelection.all();
  }
}
