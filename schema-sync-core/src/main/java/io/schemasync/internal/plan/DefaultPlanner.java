package io.schemasync.internal.plan;

import io.schemasync.api.TenantContext;
import io.schemasync.api.change.AlterPartitioning;
import io.schemasync.api.change.CreateView;
import io.schemasync.api.change.DropView;
import io.schemasync.api.change.RenameTable;
import io.schemasync.api.change.SchemaChange;
import io.schemasync.api.change.SchemaDiff;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.View;
import io.schemasync.api.plan.MigrationPlan;
import io.schemasync.api.plan.MigrationStep;
import io.schemasync.api.plan.PlanPolicy;
import io.schemasync.api.plan.PolicyViolation;
import io.schemasync.api.plan.Safety;
import io.schemasync.spi.Dialect;
import io.schemasync.spi.Planner;
import io.schemasync.spi.StepDraft;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The default planner: adds the view recreations that changes to tables force, orders the changes
 * by dependency, has the dialect render them, classifies each step and applies the policy.
 */
public final class DefaultPlanner implements Planner {

  @Override
  public MigrationPlan plan(
      TenantContext tenant,
      SchemaSnapshot current,
      SchemaSnapshot target,
      SchemaDiff diff,
      Dialect dialect,
      PlanPolicy policy) {
    String fromHash = current.hash();
    String targetHash = target.hash();
    if (diff.isEmpty()) {
      return new MigrationPlan(tenant, fromHash, targetHash, List.of(), List.of(), List.of());
    }
    List<SchemaChange> changes = withDependentViews(diff.changes(), current, target, dialect);
    List<SchemaChange> all = ChangeOrder.sort(changes);
    // no engine changes a table's partitioning in place: refused below, never rendered
    List<SchemaChange> impossible =
        all.stream().filter(c -> c instanceof AlterPartitioning).toList();
    List<SchemaChange> ordered = all.stream().filter(c -> !impossible.contains(c)).toList();
    List<StepDraft> drafts = dialect.render(tenant, ordered, current, target);
    requireCovered(ordered, drafts);

    SafetyRules rules = new SafetyRules(ordered);
    List<MigrationStep> steps = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<PolicyViolation> violations = new ArrayList<>();
    for (StepDraft draft : drafts) {
      int index = steps.size() + 1;
      List<SafetyRules.Verdict> verdicts = new ArrayList<>();
      verdicts.add(new SafetyRules.Verdict(draft.safety(), draft.reason()));
      draft.changes().forEach(change -> verdicts.add(rules.classify(change)));
      Safety safety =
          verdicts.stream().map(SafetyRules.Verdict::safety).reduce(Safety.SAFE, Safety::max);
      String reason = reasonFor(safety, verdicts);
      MigrationStep step =
          new MigrationStep(
              index,
              draft.description(),
              draft.changes(),
              draft.statements(),
              safety,
              reason,
              dependencies(draft, steps),
              draft.transactional(),
              draft.rowChecks());
      steps.add(step);
      judge(step, policy, warnings, violations);
    }
    for (SchemaChange change : impossible) {
      refuse((AlterPartitioning) change, steps, violations);
    }
    return new MigrationPlan(tenant, fromHash, targetHash, steps, warnings, violations);
  }

  /**
   * The reasons for the step's class first, then those of milder classes (a table copy stays
   * visible when a NOT NULL makes the step breaking), each said once.
   */
  private static String reasonFor(Safety safety, List<SafetyRules.Verdict> verdicts) {
    Set<String> reasons = new LinkedHashSet<>();
    for (Safety level = safety; ; level = Safety.values()[level.ordinal() - 1]) {
      for (SafetyRules.Verdict verdict : verdicts) {
        if (verdict.safety() == level && level != Safety.SAFE && !verdict.reason().isEmpty()) {
          reasons.add(
              level == safety
                  ? verdict.reason()
                  : "also "
                      + level.name().toLowerCase(java.util.Locale.ROOT)
                      + ": "
                      + verdict.reason());
        }
      }
      if (level == Safety.SAFE) {
        return String.join("; ", reasons);
      }
    }
  }

  /**
   * A step without SQL for a partitioning change, refused whatever the policy: recreating the table
   * would lose its rows, so it is left to the people who know where the rows must go.
   */
  private static void refuse(
      AlterPartitioning change, List<MigrationStep> steps, List<PolicyViolation> violations) {
    int index = steps.size() + 1;
    String reason =
        "table "
            + change.tableName()
            + " is partitioned "
            + (change.from() == null ? "not at all" : "by " + change.from().describe())
            + " but the target has it "
            + (change.to() == null ? "not partitioned" : "partitioned by " + change.to().describe())
            + "; a table's partitioning cannot be changed in place, and recreating the table"
            + " would drop its rows";
    steps.add(
        new MigrationStep(
            index,
            change.describe(),
            List.of(change),
            List.of(),
            Safety.DESTRUCTIVE,
            reason,
            List.of(),
            true));
    violations.add(
        new PolicyViolation(
            index,
            Safety.DESTRUCTIVE,
            reason,
            "create a table with the new partitioning under another name, copy the rows into it,"
                + " then drop the old table and rename the new one; schema-sync does not move rows"
                + " by itself"));
  }

  private static void judge(
      MigrationStep step,
      PlanPolicy policy,
      List<String> warnings,
      List<PolicyViolation> violations) {
    switch (step.safety()) {
      case DESTRUCTIVE -> {
        if (policy.allowDestructive()) {
          warnings.add("step " + step.index() + " is destructive: " + step.reason());
        } else {
          violations.add(
              new PolicyViolation(
                  step.index(),
                  step.safety(),
                  step.reason(),
                  "allow it with --allow-destructive (Builder.allowDestructive(true)) if the data"
                      + " may go; if this is a rename, declare renamedFrom in the target instead"));
        }
      }
      case BREAKING -> {
        if (policy.breaking() == PlanPolicy.BreakingPolicy.BLOCK) {
          violations.add(
              new PolicyViolation(
                  step.index(),
                  step.safety(),
                  step.reason(),
                  "run it with --breaking warn once callers are ready, or stage it as expand and"
                      + " contract"));
        } else {
          warnings.add("step " + step.index() + " may break: " + step.reason());
        }
      }
      case LOCKING -> warnings.add("step " + step.index() + " locks: " + step.reason());
      case SAFE -> {}
    }
  }

  /**
   * Adds a drop before and a create after for every view that reads a table the dialect says a
   * change invalidates, and for views reading those views in turn.
   */
  private static List<SchemaChange> withDependentViews(
      List<SchemaChange> changes, SchemaSnapshot current, SchemaSnapshot target, Dialect dialect) {
    Set<String> touched = new HashSet<>();
    Set<String> viewsAlreadyDropped = new HashSet<>();
    for (SchemaChange change : changes) {
      if (change instanceof DropView drop) {
        viewsAlreadyDropped.add(drop.view().name());
        touched.add(drop.view().name());
      } else if (change.table() != null && dialect.invalidatesDependentViews(change)) {
        touched.add(change.table());
        if (change instanceof RenameTable rename) {
          touched.add(rename.from());
        }
      }
    }
    List<SchemaChange> result = new ArrayList<>(changes);
    boolean grew = true;
    while (grew) {
      grew = false;
      for (View view : current.views()) {
        if (viewsAlreadyDropped.contains(view.name())) {
          continue;
        }
        Set<String> reads = SqlReferences.identifiers(view.definition());
        if (touched.stream().anyMatch(name -> SqlReferences.mentions(reads, name))) {
          viewsAlreadyDropped.add(view.name());
          touched.add(view.name());
          result.add(new DropView(view));
          target.view(view.name()).ifPresent(v -> result.add(new CreateView(v)));
          grew = true;
        }
      }
    }
    return result;
  }

  private static List<Integer> dependencies(StepDraft draft, List<MigrationStep> earlier) {
    Set<String> objects = objectsOf(draft.changes());
    List<Integer> deps = new ArrayList<>();
    for (MigrationStep step : earlier) {
      Set<String> other = objectsOf(step.changes());
      other.retainAll(objects);
      if (!other.isEmpty()) {
        deps.add(step.index());
      }
    }
    return deps;
  }

  private static Set<String> objectsOf(List<SchemaChange> changes) {
    Set<String> names = new HashSet<>();
    for (SchemaChange change : changes) {
      names.add(change.table() != null ? change.table() : change.subject().name());
      if (change instanceof io.schemasync.api.change.AddConstraint add
          && add.constraint() instanceof io.schemasync.api.model.ForeignKey fk) {
        names.add(fk.referencedTable());
      }
    }
    return names;
  }

  private static void requireCovered(List<SchemaChange> ordered, List<StepDraft> drafts) {
    List<SchemaChange> covered = drafts.stream().flatMap(d -> d.changes().stream()).toList();
    if (covered.size() != ordered.size()
        || !new HashSet<>(covered).equals(new HashSet<>(ordered))) {
      throw new IllegalStateException(
          "the dialect's steps must cover every change exactly once; changes: "
              + ordered.size()
              + ", covered: "
              + covered.size());
    }
  }
}
