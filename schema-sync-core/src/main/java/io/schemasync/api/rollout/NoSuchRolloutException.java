package io.schemasync.api.rollout;

import io.schemasync.api.SchemaSyncException;

/** A rollout job id, or a canary tenant, that the control store or the selection does not hold. */
public final class NoSuchRolloutException extends SchemaSyncException {
  private static final long serialVersionUID = 1L;

  public NoSuchRolloutException(String message) {
    super(message);
  }

  @Override
  public ErrorCategory category() {
    return ErrorCategory.INVALID_INPUT;
  }
}
