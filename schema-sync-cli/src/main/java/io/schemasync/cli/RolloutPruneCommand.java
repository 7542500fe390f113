package io.schemasync.cli;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.rollout.RolloutJob;
import io.schemasync.api.rollout.Rollouts;
import io.schemasync.internal.JdbcUrls;
import io.schemasync.internal.rollout.DefaultRollouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rollout prune --older-than AGE}: deletes the jobs that ended that long ago. */
@Command(
    name = "prune",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description =
        "Deletes from the control store the rollout jobs that ended (succeeded, failed or were"
            + " cancelled) and have not changed for at least AGE, with their tenants' tasks, audit"
            + " trails and commit markers kept outside the tenants, and lists them. Jobs still waiting or running are kept, however old; a failed"
            + " job deleted here can no longer be retried. Exit code 0, also when nothing was old"
            + " enough.")
final class RolloutPruneCommand implements Callable<Integer> {
  @Mixin private RolloutConnection connection;

  @Option(
      names = "--older-than",
      paramLabel = "AGE",
      required = true,
      converter = DurationConverter.class,
      description = "How long ago a job must have ended to be deleted: 30d, 12h, 90m or ISO-8601.")
  private Duration age;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description =
          "The tenants' database with its password, for jobs whose URL the store keeps masked: the"
              + " deleted jobs' commit markers kept there outside the tenants (PostgreSQL schemas:"
              + " schemasync_control.rollout_markers) are deleted too. Without it, they are deleted"
              + " where the job's own URL reaches them, and kept otherwise (harmless).")
  private String url;

  @Override
  public Integer call() {
    return RolloutCommands.guard(
        connection,
        "rollout prune",
        null,
        () -> {
          Terminal term = connection.terminal(null);
          try (Rollouts rollouts = DefaultRollouts.withoutEngine(connection.openStore(), true)) {
            List<RolloutJob> deleted = rollouts.prune(age);
            forgetMarkers(deleted, term);
            if (connection.json()) {
              term.println(
                  RolloutJson.ofJobs("rollout prune", connection.control, deleted).write());
            } else if (deleted.isEmpty()) {
              term.println(
                  "no rollout job ended "
                      + DurationConverter.format(age)
                      + " ago or more; nothing was deleted");
            } else {
              term.println(
                  "deleted "
                      + deleted.size()
                      + " rollout job(s) that ended "
                      + DurationConverter.format(age)
                      + " ago or more, with their tasks and audit trails:");
              new RolloutText(term).jobs(deleted);
            }
            term.flush();
            return ExitCode.OK;
          }
        });
  }

  /**
   * Deletes the commit markers the deleted jobs left outside their tenants, one engine per tenants'
   * database; where one cannot be reached, says so on stderr and keeps them.
   */
  private void forgetMarkers(List<RolloutJob> deleted, Terminal term) {
    Map<String, List<RolloutJob>> byUrl = new LinkedHashMap<>();
    deleted.forEach(job -> byUrl.computeIfAbsent(job.url(), k -> new ArrayList<>()).add(job));
    for (List<RolloutJob> jobs : byUrl.values()) {
      RolloutJob first = jobs.get(0);
      String reachable = first.url() != null && !first.url().contains("***") ? null : url;
      try (SchemaSync engine = connection.engineFor(first, reachable)) {
        engine.adapter().runner().forgetMarkers(jobs.stream().map(RolloutJob::id).toList());
      } catch (RuntimeException e) {
        term.error(
            "note: the commit markers of "
                + jobs.size()
                + " deleted job(s) on "
                + JdbcUrls.mask(String.valueOf(first.url()))
                + " stay where they are: "
                + e.getMessage());
      }
    }
  }
}
