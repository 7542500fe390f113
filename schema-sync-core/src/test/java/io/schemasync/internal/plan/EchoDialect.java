package io.schemasync.internal.plan;

import io.schemasync.api.change.AlterColumn;
import io.schemasync.api.change.DropColumn;
import io.schemasync.api.change.SchemaChange;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.plan.Safety;
import io.schemasync.spi.Dialect;
import io.schemasync.spi.StepDraft;
import java.util.List;
import java.util.Optional;

/** A hand-written stub dialect: one step per change, its description as the "SQL". */
final class EchoDialect implements Dialect {
  @Override
  public String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  @Override
  public Optional<String> resolveType(String declaredType) {
    return Optional.of(declaredType.toUpperCase(java.util.Locale.ROOT));
  }

  @Override
  public List<String> nativeTypeNames() {
    return List.of();
  }

  @Override
  public SchemaSnapshot normalize(SchemaSnapshot snapshot) {
    return snapshot;
  }

  @Override
  public boolean invalidatesDependentViews(SchemaChange change) {
    return change instanceof AlterColumn || change instanceof DropColumn;
  }

  @Override
  public List<StepDraft> render(
      List<SchemaChange> changes, SchemaSnapshot current, SchemaSnapshot target) {
    return changes.stream().map(EchoDialect::draft).toList();
  }

  /** Column changes "rewrite the table", as several engines do, to exercise dialect verdicts. */
  private static StepDraft draft(SchemaChange change) {
    List<String> sql = List.of("-- " + change.describe());
    if (change instanceof AlterColumn) {
      return new StepDraft(
          change.describe(), List.of(change), sql, Safety.LOCKING, "rewrites the table", true);
    }
    return StepDraft.of(change, sql);
  }
}
