package io.schemasync.cli;

import io.schemasync.api.SchemaSyncException;
import io.schemasync.api.SyncReport;

/** The process exit codes of the command line, as documented in the README. */
public final class ExitCode {
  /** Success; every tenant is in sync (or was brought there). */
  public static final int OK = 0;

  /** Drift found by {@code diff} or {@code validate}. */
  public static final int DRIFT = 1;

  /** Bad usage or bad input: options, target document, tenant id, unknown adapter URL. */
  public static final int INVALID_INPUT = 2;

  /** A safety policy refused a plan; nothing was changed. */
  public static final int REFUSED = 3;

  /** The database or the execution failed, or an unexpected error. */
  public static final int FAILED = 4;

  private ExitCode() {}

  /** The exit code for a report's overall outcome. */
  public static int of(SyncReport.Outcome outcome) {
    return switch (outcome) {
      case OK -> OK;
      case DRIFT -> DRIFT;
      case INVALID_INPUT -> INVALID_INPUT;
      case REFUSED -> REFUSED;
      case FAILED -> FAILED;
    };
  }

  /** The exit code for an error that ended a command before it produced a report. */
  public static int of(SchemaSyncException.ErrorCategory category) {
    return switch (category) {
      case INVALID_INPUT -> INVALID_INPUT;
      case POLICY -> REFUSED;
      case DATABASE -> FAILED;
    };
  }

  /** The outcome name reported in JSON for an exit code. */
  public static String outcomeName(int exitCode) {
    return switch (exitCode) {
      case OK -> SyncReport.Outcome.OK.name();
      case DRIFT -> SyncReport.Outcome.DRIFT.name();
      case INVALID_INPUT -> SyncReport.Outcome.INVALID_INPUT.name();
      case REFUSED -> SyncReport.Outcome.REFUSED.name();
      default -> SyncReport.Outcome.FAILED.name();
    };
  }
}
