package io.schemasync.cli;

import io.schemasync.api.rollout.RolloutReport;

/** The exit code of a rollout that ran (or was resumed) in this process. */
final class RolloutExit {
  private RolloutExit() {}

  /**
   * 0 when the job SUCCEEDED; 3 when it stopped at the gate only because the policy refused plans;
   * 4 when a dry run failed, tenants failed, or the job was cancelled.
   */
  static int of(RolloutReport report) {
    return switch (report.job().state()) {
      case SUCCEEDED -> ExitCode.OK;
      case DRY_RUN_FAILED -> report.refusedByPolicy() ? ExitCode.REFUSED : ExitCode.FAILED;
      default -> ExitCode.FAILED;
    };
  }
}
