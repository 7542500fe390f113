package io.schemasync.spi;

import io.schemasync.api.change.SchemaChange;
import io.schemasync.api.plan.RowCheck;
import io.schemasync.api.plan.Safety;
import java.util.List;
import java.util.Objects;

/**
 * A step as a dialect renders it, before the planner numbers it and applies policy.
 *
 * @param safety the engine-specific safety class (e.g. LOCKING for a table rewrite); the planner
 *     raises it to the generic data-safety class when that is worse
 * @param reason why, when the dialect's class is above SAFE
 * @param rowChecks see {@link io.schemasync.api.plan.MigrationStep#rowChecks}
 */
public record StepDraft(
    String description,
    List<SchemaChange> changes,
    List<String> statements,
    Safety safety,
    String reason,
    boolean transactional,
    List<RowCheck> rowChecks) {

  public StepDraft {
    Objects.requireNonNull(description, "description");
    changes = List.copyOf(changes);
    statements = List.copyOf(statements);
    if (statements.isEmpty()) {
      throw new IllegalArgumentException("step '" + description + "' renders no statement");
    }
    safety = safety == null ? Safety.SAFE : safety;
    reason = reason == null ? "" : reason;
    rowChecks = List.copyOf(rowChecks);
  }

  /** A step without row checks. */
  public StepDraft(
      String description,
      List<SchemaChange> changes,
      List<String> statements,
      Safety safety,
      String reason,
      boolean transactional) {
    this(description, changes, statements, safety, reason, transactional, List.of());
  }

  /** A transactional step whose safety is left to the planner's generic rules. */
  public static StepDraft of(SchemaChange change, List<String> statements) {
    return new StepDraft(change.describe(), List.of(change), statements, Safety.SAFE, "", true);
  }
}
