package io.schemasync.cli;

import io.schemasync.api.ExecutionResult;
import io.schemasync.api.SyncReport;
import io.schemasync.api.TenantResult;
import io.schemasync.api.TenantStatus;
import io.schemasync.api.plan.MigrationPlan;
import io.schemasync.api.plan.MigrationStep;
import io.schemasync.api.plan.PolicyViolation;
import io.schemasync.api.plan.RowCheck;
import io.schemasync.api.plan.Safety;
import io.schemasync.cli.Terminal.Style;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/** Renders a report for people: one block per tenant, aligned, then a one-line summary. */
final class TextReport {
  private final Terminal term;

  /** Plans already printed, by content, so that a fleet on the same schema shows one plan once. */
  private final Map<List<Object>, String> printedPlans = new HashMap<>();

  TextReport(Terminal term) {
    this.term = term;
  }

  /** Renders the report of {@code command}: diffs, plans and results depending on what it holds. */
  void render(String command, SyncReport report, int exitCode) {
    if (report.target() != null) {
      term.println(
          term.paint(Style.BOLD, command)
              + " against target "
              + report.target()
              + term.paint(Style.DIM, " (" + shortHash(report.targetHash()) + ")"));
    } else {
      term.println(term.paint(Style.BOLD, command) + " (no target: hashes only)");
    }
    int width = report.results().stream().mapToInt(r -> r.tenant().id().length()).max().orElse(6);
    for (TenantResult result : report.results()) {
      term.println("");
      tenant(result, width, command.equals("plan") || command.equals("sync"));
    }
    term.println("");
    term.println(summary(report, exitCode));
  }

  private void tenant(TenantResult r, int width, boolean showPlan) {
    StringBuilder head = new StringBuilder();
    head.append(term.paint(Style.BOLD, pad(r.tenant().id(), width)))
        .append("  ")
        .append(status(r.status()));
    if (r.currentHash() != null) {
      head.append(term.paint(Style.DIM, "  schema " + shortHash(r.currentHash())));
    }
    if (r.diff() != null && !r.diff().isEmpty()) {
      head.append("  ").append(count(r.diff().changes().size(), "change"));
    }
    term.println(head.toString());
    if (r.diff() != null && !r.diff().isEmpty() && (!showPlan || r.plan() == null)) {
      indent(r.diff().render(), "    ");
    }
    if (showPlan && r.plan() != null && !r.plan().isEmpty()) {
      List<Object> key = List.of(r.plan().fromHash(), r.plan().statements(), r.plan().violations());
      String sameAs = printedPlans.putIfAbsent(key, r.tenant().id());
      if (sameAs == null) {
        plan(r.plan());
      } else {
        term.println(
            "    plan: the same "
                + count(r.plan().steps().size(), "step")
                + " as "
                + sameAs
                + " (same schema before, same SQL)");
      }
    }
    if (r.execution() != null) {
      execution(r.execution());
    }
    if (r.status() == TenantStatus.SKIPPED) {
      term.println(
          "    left unchanged: another tenant's plan was refused or failed, so no tenant was changed");
    }
    if (r.failure() != null && r.status() != TenantStatus.REFUSED) {
      String[] lines = message(r.failure().getMessage()).split("\n");
      term.println("    " + term.paint(Style.RED, "error: ") + lines[0]);
      for (int i = 1; i < lines.length; i++) {
        term.println("    " + lines[i]);
      }
    }
  }

  private void plan(MigrationPlan plan) {
    term.println(
        "    plan: "
            + count(plan.steps().size(), "step")
            + ", worst "
            + safety(plan.maxSafety())
            + (plan.requiresDowntime()
                ? ", may block writers or lose data: plan a quiet moment"
                : ""));
    int safetyWidth = "DESTRUCTIVE".length();
    for (MigrationStep step : plan.steps()) {
      String index = String.format(Locale.ROOT, "%4d", step.index());
      term.println(
          "  "
              + index
              + "  "
              + safety(step.safety())
              + " ".repeat(safetyWidth - step.safety().name().length())
              + "  "
              + step.description()
              + (step.transactional() ? "" : term.paint(Style.DIM, "  (outside a transaction)")));
      String pad = " ".repeat(2 + 4 + 2 + safetyWidth + 2);
      if (!step.reason().isEmpty()) {
        term.println(pad + term.paint(Style.DIM, "why: " + step.reason()));
      }
      for (String sql : step.statements()) {
        indent(sql.strip() + (sql.strip().endsWith(";") ? "" : ";"), pad + "  ", Style.CYAN);
      }
      for (RowCheck check : step.rowChecks()) {
        term.println(
            pad
                + term.paint(
                    Style.DIM, "dry run checks instead that no row fails it: " + check.query()));
      }
    }
    for (String warning : plan.warnings()) {
      term.println("    " + term.paint(Style.YELLOW, "warning: ") + warning);
    }
    Set<String> remedies = new LinkedHashSet<>();
    for (PolicyViolation v : plan.violations()) {
      term.println(
          "    "
              + term.paint(Style.RED, "refused: ")
              + "step "
              + v.step()
              + " ["
              + v.safety()
              + "] "
              + v.message());
      remedies.add(v.remedy());
    }
    for (String remedy : remedies) {
      term.println("    to proceed: " + remedy);
    }
  }

  private void execution(ExecutionResult e) {
    if (e.committed()) {
      term.println(
          "    applied "
              + count(e.stepsRun(), "step")
              + " in "
              + millis(e)
              + ", verified: schema now "
              + shortHash(e.resultHash()));
    } else {
      term.println(
          "    rehearsed "
              + count(e.stepsRun(), "step")
              + " in "
              + millis(e)
              + " and rolled back: nothing was changed");
    }
  }

  private String summary(SyncReport report, int exitCode) {
    Map<TenantStatus, Integer> counts = new EnumMap<>(TenantStatus.class);
    report.results().forEach(r -> counts.merge(r.status(), 1, Integer::sum));
    StringJoiner parts = new StringJoiner(", ");
    counts.forEach(
        (status, n) ->
            parts.add(n + " " + status.name().toLowerCase(Locale.ROOT).replace('_', ' ')));
    String line =
        count(report.results().size(), "tenant")
            + (counts.isEmpty() ? "" : ": " + parts)
            + "  (exit "
            + exitCode
            + ")";
    return exitCode == ExitCode.OK ? term.paint(Style.GREEN, line) : term.paint(Style.RED, line);
  }

  String status(TenantStatus status) {
    Style style =
        switch (status) {
          case IN_SYNC, INSPECTED, APPLIED, PLANNED -> Style.GREEN;
          case DRIFT -> Style.YELLOW;
          case REFUSED, FAILED -> Style.RED;
          case SKIPPED -> Style.DIM;
        };
    return term.paint(style, pad(status.name(), 8));
  }

  private String safety(Safety safety) {
    Style style =
        switch (safety) {
          case SAFE -> Style.GREEN;
          case LOCKING -> Style.YELLOW;
          case BREAKING -> Style.MAGENTA;
          case DESTRUCTIVE -> Style.RED;
        };
    return term.paint(style, safety.name());
  }

  private void indent(String text, String prefix) {
    for (String line : text.split("\n")) {
      term.println(prefix + line);
    }
  }

  private void indent(String text, String prefix, Style style) {
    for (String line : text.split("\n")) {
      term.println(prefix + term.paint(style, line));
    }
  }

  static String shortHash(String hash) {
    return hash == null ? "-" : hash.substring(0, Math.min(12, hash.length()));
  }

  static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }

  static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String millis(ExecutionResult e) {
    return (e.took() == null ? 0 : e.took().toMillis()) + " ms";
  }

  private static String message(String message) {
    return message == null ? "(no message)" : message;
  }
}
