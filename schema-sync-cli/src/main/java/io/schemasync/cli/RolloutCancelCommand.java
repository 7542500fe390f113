package io.schemasync.cli;

import io.schemasync.api.rollout.RolloutJob;
import io.schemasync.api.rollout.Rollouts;
import io.schemasync.internal.rollout.DefaultRollouts;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code rollout cancel JOB}: no tenant is started any more; tenants in flight finish. */
@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Cancels a rollout job: workers start no more tenants (those in flight finish, and changes"
            + " already committed stay). Exit code 0 when cancelled, 4 when the job had already ended.")
final class RolloutCancelCommand implements Callable<Integer> {
  @Mixin private RolloutConnection connection;

  @Parameters(index = "0", paramLabel = "JOB", description = "The job id.")
  private String jobId;

  @Override
  public Integer call() {
    return RolloutCommands.guard(
        connection,
        "rollout cancel",
        null,
        () -> {
          try (Rollouts rollouts = DefaultRollouts.withoutEngine(connection.openStore(), true)) {
            RolloutJob before = rollouts.status(jobId).job();
            RolloutJob after = rollouts.cancel(jobId);
            int exit = before.state().isTerminal() ? ExitCode.FAILED : ExitCode.OK;
            if (exit != ExitCode.OK) {
              connection
                  .terminal(null)
                  .error(
                      "rollout "
                          + jobId
                          + " had already ended "
                          + before.state()
                          + "; nothing to cancel");
            }
            return RolloutCommands.print(
                connection, "rollout cancel", rollouts.status(after.id()), exit, null);
          }
        });
  }
}
