package io.schemasync.testsupport.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.rollout.AttemptOutcome;
import io.schemasync.api.rollout.Phase;
import io.schemasync.api.rollout.RolloutReport;
import io.schemasync.api.rollout.TaskAttempt;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What every crash test checks of a resumed rollout's audit trail, whatever the engine. */
public final class CrashOutcomes {
  private CrashOutcomes() {}

  /**
   * Each tenant has one finished real-run attempt: applied, or collected by its commit marker after
   * a kill. None was applied twice.
   */
  public static void assertAppliedOnceEach(RolloutReport report, Collection<String> tenants) {
    Map<String, List<TaskAttempt>> runs =
        report.attempts().stream()
            .filter(a -> a.phase() == Phase.RUN)
            .collect(Collectors.groupingBy(TaskAttempt::tenantId));
    for (String tenant : tenants) {
      assertThat(runs.get(tenant))
          .as(tenant)
          .hasSize(1)
          .allMatch(
              a ->
                  a.outcome() == AttemptOutcome.APPLIED
                      || a.outcome() == AttemptOutcome.ALREADY_APPLIED);
    }
  }

  /**
   * One line for the test log: the kills, the real run's outcomes, tasks claimed more than once.
   */
  public static String summary(String test, List<String> kills, RolloutReport report) {
    return test
        + ": kills "
        + kills
        + "; run outcomes "
        + report.attempts().stream()
            .filter(a -> a.phase() == Phase.RUN)
            .collect(Collectors.groupingBy(TaskAttempt::outcome, Collectors.counting()))
        + "; tasks claimed more than once: "
        + report.tasks().stream().filter(t -> t.attempts() > 1).count();
  }
}
