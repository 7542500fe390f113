package io.schemasync.api.rollout;

import io.schemasync.api.SchemaSyncException;

/**
 * A rollout job is not in a state that allows what was asked, e.g. retrying a job that did not
 * fail.
 */
public final class RolloutStateException extends SchemaSyncException {
  private static final long serialVersionUID = 1L;

  public RolloutStateException(String message) {
    super(message);
  }

  @Override
  public ErrorCategory category() {
    return ErrorCategory.INVALID_INPUT;
  }
}
