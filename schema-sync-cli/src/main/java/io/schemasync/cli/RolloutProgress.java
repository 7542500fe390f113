package io.schemasync.cli;

import io.schemasync.api.rollout.JobState;
import io.schemasync.api.rollout.RolloutJob;
import io.schemasync.api.rollout.RolloutReport;
import io.schemasync.api.rollout.RolloutTask;
import io.schemasync.api.rollout.Rollouts;
import io.schemasync.api.rollout.TaskState;
import io.schemasync.api.rollout.WorkerOptions;
import java.util.List;

/**
 * Shows a rollout's progress on stderr while this process works on it, read from the control store
 * so that other workers' tenants count too: a redrawn bar (done / failed / remaining, rate, ETA) on
 * a terminal, a plain line per phase and every few seconds otherwise.
 */
final class RolloutProgress {
  private final Rollouts rollouts;
  private final String jobId;
  private final Terminal term;
  private final boolean live;
  private String lastLine = "";
  private JobState lastState;
  private long phaseStart = System.nanoTime();
  private long phaseStartDone;

  RolloutProgress(Rollouts rollouts, String jobId, Terminal term, boolean live) {
    this.rollouts = rollouts;
    this.jobId = jobId;
    this.term = term;
    this.live = live;
  }

  /** Works on the job in this process, showing progress until it ends. */
  static RolloutReport run(
      Rollouts rollouts,
      String jobId,
      WorkerOptions worker,
      Terminal term,
      boolean quiet,
      boolean resume) {
    RolloutProgress progress = new RolloutProgress(rollouts, jobId, term, System.console() != null);
    Thread thread = new Thread(() -> progress.loop(), "rollout-progress");
    thread.setDaemon(true);
    if (!quiet) {
      thread.start();
    }
    try {
      return resume ? rollouts.resume(jobId, worker) : rollouts.work(jobId, worker);
    } finally {
      thread.interrupt();
      try {
        thread.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (!quiet) {
        progress.show(rollouts.status(jobId), true);
      }
    }
  }

  private void loop() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        show(rollouts.status(jobId), false);
        Thread.sleep(live ? 250 : 2000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      term.error("progress unavailable: " + e.getMessage());
    }
  }

  private synchronized void show(RolloutReport report, boolean last) {
    RolloutJob job = report.job();
    List<RolloutTask> tasks = report.tasks();
    boolean gate =
        job.state() == JobState.WAITING_FOR_DRY_RUN || job.state() == JobState.DRY_RUN_FAILED;
    long total = tasks.size();
    long failed = report.count(gate ? TaskState.DRY_RUN_FAILED : TaskState.FAILED);
    long done =
        gate
            ? total - report.count(TaskState.ENQUEUED) - failed
            : report.count(TaskState.SUCCEEDED);
    if (job.state() != lastState) {
      if (live && !lastLine.isEmpty()) {
        term.err().print("\n");
      }
      term.error(
          "rollout "
              + job.id()
              + ": "
              + job.state()
              + (job.state() == JobState.RUNNING ? " (wave " + job.wave() + ")" : ""));
      lastState = job.state();
      phaseStart = System.nanoTime();
      phaseStartDone = done;
      lastLine = "";
    }
    double seconds = (System.nanoTime() - phaseStart) / 1e9;
    double rate = seconds > 0.5 ? (done - phaseStartDone) / seconds : 0;
    long remaining = total - done - failed;
    String eta = rate > 0 ? String.format("%.0fs", remaining / rate) : "?";
    String counts =
        String.format(
            "%s %d/%d done, %d failed, %d remaining, %.1f/s, ETA %s",
            gate ? "dry run" : "run", done, total, failed, remaining, rate, eta);
    if (live) {
      int width = 30;
      int filled = total == 0 ? width : (int) (width * (done + failed) / total);
      String bar = "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] ";
      term.err().print("\r" + term.redact(bar + counts) + "   ");
      term.err().flush();
      if (last) {
        term.err().print("\n");
        term.err().flush();
      }
      lastLine = counts;
    } else if (!counts.equals(lastLine)) {
      term.error("  " + counts);
      lastLine = counts;
    }
  }
}
