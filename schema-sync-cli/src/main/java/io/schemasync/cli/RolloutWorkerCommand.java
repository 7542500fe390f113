package io.schemasync.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rollout worker --job JOB}: one more worker process for a job, on this or another machine.
 */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description =
        "Works on a rollout job alongside the other workers until it ends: claims tenants from the shared"
            + " control store (use a PostgreSQL --control for workers on several machines) and takes over the tenants"
            + " of workers whose lease expired.")
final class RolloutWorkerCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private RolloutConnection connection;

  @Option(names = "--job", required = true, paramLabel = "JOB", description = "The job id.")
  private String jobId;

  @Mixin private WorkerSettings worker;

  @Override
  public Integer call() {
    return RolloutResumeCommand.work(
        spec, connection, "rollout worker", jobId, worker.url, worker.parallelism, false);
  }
}
