package io.schemasync.api.plan;

import io.schemasync.api.change.SchemaChange;
import java.util.List;
import java.util.Objects;

/**
 * One step of a plan: the changes it carries out, the SQL that does it, and how safe it is.
 *
 * @param index position in the plan, from 1
 * @param statements the rendered SQL, executed in order; never empty
 * @param safety the worst of what the step does
 * @param reason why the step has that safety class, in words a reviewer can act on
 * @param dependsOn indexes of the steps that must run before this one
 * @param transactional false when the engine cannot run the step inside a transaction (e.g.
 *     PostgreSQL {@code CREATE INDEX CONCURRENTLY})
 * @param rowChecks for a step that is not transactional, queries a dry run may run in its place to
 *     find the rows it would fail on; empty when the rows before the plan cannot tell (the step
 *     reads a column the plan adds or retypes), and then the dry run rehearses the step itself
 */
public record MigrationStep(
    int index,
    String description,
    List<SchemaChange> changes,
    List<String> statements,
    Safety safety,
    String reason,
    List<Integer> dependsOn,
    boolean transactional,
    List<RowCheck> rowChecks) {

  public MigrationStep {
    Objects.requireNonNull(description, "description");
    changes = List.copyOf(changes);
    statements = List.copyOf(statements);
    Objects.requireNonNull(safety, "safety");
    reason = reason == null ? "" : reason;
    dependsOn = List.copyOf(dependsOn);
    rowChecks = List.copyOf(rowChecks);
  }

  /** A step without row checks. */
  public MigrationStep(
      int index,
      String description,
      List<SchemaChange> changes,
      List<String> statements,
      Safety safety,
      String reason,
      List<Integer> dependsOn,
      boolean transactional) {
    this(
        index,
        description,
        changes,
        statements,
        safety,
        reason,
        dependsOn,
        transactional,
        List.of());
  }
}
