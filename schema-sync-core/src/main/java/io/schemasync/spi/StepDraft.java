package io.schemasync.spi;

import io.schemasync.api.change.SchemaChange;
import io.schemasync.api.plan.Safety;
import java.util.List;
import java.util.Objects;

/**
 * A step as a dialect renders it, before the planner numbers it and applies policy.
 *
 * @param safety the engine-specific safety class (e.g. LOCKING for a table rewrite); the planner
 *     raises it to the generic data-safety class when that is worse
 * @param reason why, when the dialect's class is above SAFE
 */
public record StepDraft(
    String description,
    List<SchemaChange> changes,
    List<String> statements,
    Safety safety,
    String reason,
    boolean transactional) {

  public StepDraft {
    Objects.requireNonNull(description, "description");
    changes = List.copyOf(changes);
    statements = List.copyOf(statements);
    if (statements.isEmpty()) {
      throw new IllegalArgumentException("step '" + description + "' renders no statement");
    }
    safety = safety == null ? Safety.SAFE : safety;
    reason = reason == null ? "" : reason;
  }

  /** A transactional step whose safety is left to the planner's generic rules. */
  public static StepDraft of(SchemaChange change, List<String> statements) {
    return new StepDraft(change.describe(), List.of(change), statements, Safety.SAFE, "", true);
  }
}
