package io.schemasync.cli;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.rollout.JobState;
import io.schemasync.api.rollout.NoSuchRolloutException;
import io.schemasync.api.rollout.RolloutJob;
import io.schemasync.api.rollout.RolloutReport;
import io.schemasync.api.rollout.Rollouts;
import io.schemasync.api.rollout.WorkerOptions;
import io.schemasync.internal.JdbcUrls;
import io.schemasync.spi.ControlStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rollout resume JOB}: continues a job after a crash, collecting committed tenants by their
 * marker.
 */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description =
        "Continues a rollout job in this process until it ends. Tenants whose change committed before a"
            + " crash are recognised by their commit marker and not run again; interrupted ones are re-planned from"
            + " their live schema. Tenants held by dead processes of this machine are taken over at once."
            + " A job that ended FAILED or DRY_RUN_FAILED stays ended unless --retry-failed puts its"
            + " failed tenants back in the queue.")
final class RolloutResumeCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private RolloutConnection connection;

  @Parameters(index = "0", paramLabel = "JOB", description = "The job id.")
  private String jobId;

  @Mixin private WorkerSettings worker;

  @Option(
      names = "--retry-failed",
      description =
          "Put the failed tenants of a job that ended FAILED or DRY_RUN_FAILED back in the queue"
              + " (once their cause is fixed) and run them; tenants that succeeded are not run again.")
  private boolean retryFailed;

  @Override
  public Integer call() {
    return work(
        spec, connection, "rollout resume", jobId, worker.url, worker.parallelism, retryFailed);
  }

  /** Joins the job as one more worker of this process, shared by resume and worker. */
  static int work(
      CommandSpec spec,
      RolloutConnection connection,
      String command,
      String jobId,
      String url,
      int parallelism,
      boolean retryFailed) {
    WorkerOptions worker;
    try {
      worker = WorkerOptions.defaults().withParallelism(parallelism);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--parallelism: " + e.getMessage());
    }
    return RolloutCommands.guard(
        connection,
        command,
        url,
        () -> {
          try (ControlStore store = connection.openStore()) {
            RolloutJob job =
                store
                    .job(jobId)
                    .orElseThrow(
                        () ->
                            NoSuchRolloutException.noJob(jobId, JdbcUrls.mask(connection.control)));
            try (SchemaSync engine = connection.engineFor(job, url);
                Rollouts rollouts = engine.rollouts(store)) {
              if (retryFailed) {
                RolloutJob reopened = rollouts.retryFailed(jobId);
                connection
                    .terminal(url)
                    .error(
                        "rollout "
                            + jobId
                            + ": failed tenants are back in the queue; the job is "
                            + reopened.state());
              } else if (job.state().isTerminal()) {
                connection
                    .terminal(url)
                    .error(
                        "rollout "
                            + jobId
                            + " has already ended "
                            + job.state()
                            + (job.state() == JobState.FAILED
                                    || job.state() == JobState.DRY_RUN_FAILED
                                ? "; pass --retry-failed to run its failed tenants again"
                                : ""));
              }
              RolloutReport report =
                  RolloutProgress.run(
                      rollouts,
                      jobId,
                      worker,
                      connection.terminal(url),
                      connection.json(),
                      command.equals("rollout resume"));
              return RolloutCommands.print(
                  connection, command, report, RolloutExit.of(report), url);
            }
          }
        });
  }
}
