package io.schemasync.api.rollout;

import io.schemasync.api.SchemaSyncException;
import io.schemasync.internal.SafeText;

/** A rollout job id, or a canary tenant, that the control store or the selection does not hold. */
public final class NoSuchRolloutException extends SchemaSyncException {
  private static final long serialVersionUID = 1L;

  public NoSuchRolloutException(String message) {
    super(message);
  }

  /**
   * No job by that id.
   *
   * @param where the control store looked in, for the message; null when it goes without saying
   */
  public static NoSuchRolloutException noJob(String jobId, String where) {
    return new NoSuchRolloutException(
        "no rollout job '"
            + SafeText.show(jobId)
            + "'"
            + (where == null ? "" : " in " + where)
            + "; list them with 'schema-sync rollout status'");
  }

  @Override
  public ErrorCategory category() {
    return ErrorCategory.INVALID_INPUT;
  }
}
