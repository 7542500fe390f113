package io.schemasync.cli;

import io.schemasync.api.rollout.RolloutReport;
import io.schemasync.api.rollout.Rollouts;
import io.schemasync.internal.rollout.DefaultRollouts;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rollout status [JOB]}: every job, or one job per tenant, or one tenant's audit trail. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description =
        "Without JOB: every rollout job in the control store. With JOB: its summary and one line per"
            + " tenant. With --tenant: that tenant's audit trail (which worker, host and process did what, when, the"
            + " plan's hash and the outcome). Read-only; exit code 0 whatever the job's state.")
final class RolloutStatusCommand implements Callable<Integer> {
  @Mixin private RolloutConnection connection;

  @Parameters(index = "0", arity = "0..1", paramLabel = "JOB", description = "A job id.")
  private String jobId;

  @Option(
      names = "--tenant",
      paramLabel = "ID",
      description = "Show this tenant's audit trail in the job.")
  private String tenant;

  @Override
  public Integer call() {
    return RolloutCommands.guard(
        connection,
        "rollout status",
        null,
        () -> {
          Terminal term = connection.terminal(null);
          try (Rollouts rollouts = DefaultRollouts.withoutEngine(connection.openStore(), true)) {
            if (jobId == null) {
              if (connection.json()) {
                term.println(
                    RolloutJson.ofJobs("rollout status", connection.control, rollouts.jobs())
                        .write());
              } else {
                new RolloutText(term).jobs(rollouts.jobs());
              }
              return ExitCode.OK;
            }
            RolloutReport report = rollouts.status(jobId);
            if (connection.json()) {
              term.println(
                  RolloutJson.of("rollout status", connection.control, report, ExitCode.OK)
                      .write());
            } else if (tenant != null) {
              new RolloutText(term).tenant(report, tenant);
            } else {
              new RolloutText(term).job(report, true);
            }
            return ExitCode.OK;
          }
        });
  }
}
