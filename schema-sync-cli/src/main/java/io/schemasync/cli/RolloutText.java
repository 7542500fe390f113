package io.schemasync.cli;

import io.schemasync.api.rollout.RolloutJob;
import io.schemasync.api.rollout.RolloutReport;
import io.schemasync.api.rollout.RolloutTask;
import io.schemasync.api.rollout.TaskAttempt;
import io.schemasync.api.rollout.TaskState;
import io.schemasync.cli.Terminal.Style;
import java.time.Instant;
import java.util.List;

/** Rollout jobs, tasks and audit trails as text. */
final class RolloutText {
  private final Terminal term;

  RolloutText(Terminal term) {
    this.term = term;
  }

  /** One job: summary, failures, and (with {@code allTenants}) one line per tenant. */
  void job(RolloutReport report, boolean allTenants) {
    RolloutJob job = report.job();
    term.println(term.paint(Style.BOLD, "rollout " + job.id()) + "  " + paint(job));
    term.println("  target   " + job.target() + " (" + abbreviate(job.targetHash()) + ")");
    term.println("  tenants  " + job.url());
    term.println(
        "  counts   "
            + report.tasks().size()
            + " tenant(s): "
            + report.count(TaskState.SUCCEEDED)
            + " succeeded, "
            + report.count(TaskState.FAILED)
            + " failed, "
            + report.count(TaskState.DRY_RUN_FAILED)
            + " failed the dry run, "
            + report.count(TaskState.RUNNING)
            + " running, "
            + (report.count(TaskState.ENQUEUED) + report.count(TaskState.DRY_RUN_OK))
            + " not run");
    term.println("  created  " + job.createdAt() + ", updated " + job.updatedAt());
    if (job.message() != null) {
      term.println("  note     " + job.message());
    }
    for (RolloutTask task : report.failures()) {
      term.println(
          "  "
              + term.paint(Style.RED, task.state().name())
              + " "
              + task.tenantId()
              + ": "
              + task.error());
    }
    if (allTenants) {
      term.println("");
      for (RolloutTask task : report.tasks()) {
        term.println(
            String.format(
                "  %-24s %-15s wave %d  attempts %d  %s  %s -> %s",
                task.tenantId(),
                task.state(),
                task.wave(),
                task.attempts(),
                task.worker() == null ? "-" : task.worker().host() + ":" + task.worker().pid(),
                time(task.startedAt()),
                time(task.finishedAt())));
      }
    }
  }

  /** The audit trail of one tenant in a job. */
  void tenant(RolloutReport report, String tenantId) {
    term.println(term.paint(Style.BOLD, "rollout " + report.job().id() + ", tenant " + tenantId));
    report.tasks().stream()
        .filter(t -> t.tenantId().equals(tenantId))
        .forEach(
            t ->
                term.println(
                    "  state "
                        + t.state()
                        + ", wave "
                        + t.wave()
                        + ", "
                        + t.attempts()
                        + " run attempt(s)"
                        + (t.error() == null ? "" : ", error: " + t.error())));
    for (TaskAttempt a : report.attempts()) {
      if (a.tenantId().equals(tenantId)) {
        term.println(
            String.format(
                "  %-7s %-15s %s -> %s  worker %s (host %s, pid %d)  %d statement(s)%s%s",
                a.phase(),
                a.outcome(),
                time(a.startedAt()),
                time(a.finishedAt()),
                a.worker().id(),
                a.worker().host(),
                a.worker().pid(),
                a.statements(),
                a.planHash() == null ? "" : "  plan " + abbreviate(a.planHash()),
                a.error() == null ? "" : "\n          " + a.error()));
      }
    }
  }

  /** Every job, newest first. */
  void jobs(List<RolloutJob> jobs) {
    if (jobs.isEmpty()) {
      term.println(
          "no rollout jobs in this control store; start one with 'schema-sync rollout --url URL --target SRC'");
    }
    for (RolloutJob job : jobs) {
      term.println(
          String.format(
              "%-28s %-20s %s  %s", job.id(), job.state(), job.createdAt(), job.target()));
    }
  }

  private String paint(RolloutJob job) {
    return switch (job.state()) {
      case SUCCEEDED -> term.paint(Style.GREEN, job.state().name());
      case FAILED, DRY_RUN_FAILED, CANCELLED -> term.paint(Style.RED, job.state().name());
      default -> term.paint(Style.YELLOW, job.state().name());
    };
  }

  private static String time(Instant instant) {
    return instant == null ? "-" : instant.toString();
  }

  private static String abbreviate(String hash) {
    return hash == null ? "-" : hash.substring(0, Math.min(12, hash.length()));
  }
}
