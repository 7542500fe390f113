package io.schemasync.cli;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.SyncReport;
import io.schemasync.api.TenantResult;
import io.schemasync.api.TenantStatus;
import java.util.function.Function;

/**
 * What the report-producing commands share: open the engine, run one operation over the selected
 * tenants, print the report in the chosen format, report per-tenant errors on stderr, and turn the
 * outcome into an exit code.
 */
final class ReportCommands {
  private ReportCommands() {}

  /**
   * Runs {@code operation} and prints its report.
   *
   * @param command the command's name, as printed and in JSON
   * @param targetSource the {@code --target} value, null for none
   * @param driftIsSuccess true for commands that report drift without failing on it (audit)
   */
  static int run(
      CommonOptions options,
      String command,
      String targetSource,
      boolean driftIsSuccess,
      Function<SchemaSync, SyncReport> operation) {
    Terminal term = options.terminal();
    SyncReport report;
    try (SchemaSync engine = Engines.open(options, targetSource)) {
      report = operation.apply(engine);
    }
    int exit = ExitCode.of(report.outcome());
    if (driftIsSuccess && exit == ExitCode.DRIFT) {
      exit = ExitCode.OK;
    }
    if (options.json()) {
      term.println(JsonReport.of(command, options.url, report, exit).write());
    } else {
      new TextReport(term).render(command, report, exit);
    }
    for (TenantResult result : report.results()) {
      if (result.failure() != null
          && (result.status() == TenantStatus.FAILED || result.status() == TenantStatus.REFUSED)) {
        term.error("error: " + result.failure().getMessage());
      }
    }
    term.flush();
    return exit;
  }
}
