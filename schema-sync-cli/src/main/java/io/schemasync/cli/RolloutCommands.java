package io.schemasync.cli;

import io.schemasync.api.SchemaSyncException;
import io.schemasync.api.rollout.RolloutReport;
import java.util.function.IntSupplier;

/** What the rollout commands share: printing a job's report and turning errors into exit codes. */
final class RolloutCommands {
  private RolloutCommands() {}

  /**
   * Runs {@code body}; a schema-sync error is printed (as JSON too, with --format json) and exits
   * 2, 3 or 4.
   */
  static int guard(RolloutConnection connection, String command, String url, IntSupplier body) {
    Terminal term = connection.terminal(url);
    try {
      return body.getAsInt();
    } catch (SchemaSyncException e) {
      int exit = ExitCode.of(e.category());
      term.error("error: " + e.getMessage());
      if (connection.verbose && e.getCause() != null) {
        term.error("caused by: " + e.getCause());
      }
      if (connection.json()) {
        term.println(RolloutJson.ofError(command, connection.control, e, exit).write());
      }
      term.flush();
      return exit;
    }
  }

  /** Prints the job's report in the chosen format and returns {@code exit}. */
  static int print(
      RolloutConnection connection, String command, RolloutReport report, int exit, String url) {
    Terminal term = connection.terminal(url);
    if (connection.json()) {
      term.println(RolloutJson.of(command, connection.control, report, exit).write());
    } else {
      new RolloutText(term).job(report, false);
      if (exit != ExitCode.OK) {
        term.error(
            "rollout "
                + report.job().id()
                + " ended "
                + report.job().state()
                + "; details: schema-sync rollout status "
                + report.job().id()
                + " --control "
                + connection.control);
      }
    }
    term.flush();
    return exit;
  }
}
