package io.schemasync.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.schemasync.api.ExecutionResult;
import io.schemasync.api.SchemaSyncException;
import io.schemasync.api.SyncReport;
import io.schemasync.api.TenantResult;
import io.schemasync.api.change.SchemaChange;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.plan.MigrationPlan;
import io.schemasync.api.plan.MigrationStep;
import io.schemasync.api.plan.PolicyViolation;
import io.schemasync.api.plan.RowCheck;
import io.schemasync.internal.JdbcUrls;
import java.util.List;

/**
 * The JSON document every command prints with {@code --format json}, documented in
 * docs/cli-json.md. Every field is always present (null when it does not apply to the command), in
 * a fixed order, so that tools can rely on the shape.
 */
@JsonPropertyOrder({
  "command",
  "url",
  "target",
  "targetHash",
  "outcome",
  "exitCode",
  "tenants",
  "error"
})
record JsonReport(
    String command,
    String url,
    String target,
    String targetHash,
    String outcome,
    int exitCode,
    List<Tenant> tenants,
    Error error) {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  /** The document for a report produced by the engine. */
  static JsonReport of(String command, String url, SyncReport report, int exitCode) {
    return new JsonReport(
        command,
        JdbcUrls.mask(url),
        report.target(),
        report.targetHash(),
        ExitCode.outcomeName(exitCode),
        exitCode,
        report.results().stream().map(Tenant::of).toList(),
        null);
  }

  /** The document for a command that failed before it produced a report. */
  static JsonReport ofError(String command, String url, Throwable error, int exitCode) {
    return new JsonReport(
        command,
        JdbcUrls.mask(url),
        null,
        null,
        ExitCode.outcomeName(exitCode),
        exitCode,
        List.of(),
        Error.of(error));
  }

  /** Serialized, pretty printed. */
  String write() {
    try {
      return MAPPER.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the JSON report", e);
    }
  }

  static JsonNode parseSnapshot(SchemaSnapshot snapshot) {
    try {
      return MAPPER.readTree(snapshot.toJson());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the snapshot's own JSON does not parse", e);
    }
  }

  /** One tenant's result. */
  @JsonPropertyOrder({
    "tenant",
    "status",
    "currentHash",
    "diff",
    "plan",
    "execution",
    "snapshot",
    "error"
  })
  record Tenant(
      String tenant,
      String status,
      String currentHash,
      List<String> diff,
      Plan plan,
      Execution execution,
      JsonNode snapshot,
      Error error) {

    /** A tenant's result. */
    static Tenant of(TenantResult r) {
      return new Tenant(
          r.tenant().id(),
          r.status().name(),
          r.currentHash(),
          r.diff() == null
              ? null
              : r.diff().changes().stream().map(SchemaChange::describe).toList(),
          r.plan() == null ? null : Plan.of(r.plan()),
          r.execution() == null ? null : Execution.of(r.execution()),
          null,
          r.failure() == null ? null : Error.of(r.failure()));
    }

    static Tenant inspected(String tenant, SchemaSnapshot snapshot) {
      return new Tenant(
          tenant, "INSPECTED", snapshot.hash(), null, null, null, parseSnapshot(snapshot), null);
    }

    static Tenant failed(String tenant, SchemaSyncException failure) {
      return new Tenant(tenant, "FAILED", null, null, null, null, null, Error.of(failure));
    }
  }

  /** A tenant's migration plan. */
  @JsonPropertyOrder({
    "fromHash",
    "targetHash",
    "maxSafety",
    "requiresDowntime",
    "steps",
    "warnings",
    "violations"
  })
  record Plan(
      String fromHash,
      String targetHash,
      String maxSafety,
      boolean requiresDowntime,
      List<Step> steps,
      List<String> warnings,
      List<Violation> violations) {
    static Plan of(MigrationPlan plan) {
      return new Plan(
          plan.fromHash(),
          plan.targetHash(),
          plan.maxSafety().name(),
          plan.requiresDowntime(),
          plan.steps().stream().map(Step::of).toList(),
          plan.warnings(),
          plan.violations().stream().map(Violation::of).toList());
    }
  }

  /** One step of a plan. */
  @JsonPropertyOrder({
    "index",
    "description",
    "safety",
    "reason",
    "sql",
    "transactional",
    "dependsOn",
    "rowChecks"
  })
  record Step(
      int index,
      String description,
      String safety,
      String reason,
      List<String> sql,
      boolean transactional,
      List<Integer> dependsOn,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<RowCheck> rowChecks) {
    static Step of(MigrationStep step) {
      return new Step(
          step.index(),
          step.description(),
          step.safety().name(),
          step.reason(),
          step.statements(),
          step.transactional(),
          step.dependsOn(),
          step.rowChecks());
    }
  }

  /** A step the policy refuses. */
  @JsonPropertyOrder({"step", "safety", "message", "remedy"})
  record Violation(int step, String safety, String message, String remedy) {
    static Violation of(PolicyViolation v) {
      return new Violation(v.step(), v.safety().name(), v.message(), v.remedy());
    }
  }

  /** What execution did on a tenant. */
  @JsonPropertyOrder({"stepsRun", "committed", "resultHash", "tookMillis"})
  record Execution(int stepsRun, boolean committed, String resultHash, long tookMillis) {
    static Execution of(ExecutionResult e) {
      return new Execution(
          e.stepsRun(), e.committed(), e.resultHash(), e.took() == null ? 0 : e.took().toMillis());
    }
  }

  /** An error: its category (INVALID_INPUT, POLICY, DATABASE, or INTERNAL) and message. */
  @JsonPropertyOrder({"category", "message"})
  record Error(String category, String message) {
    static Error of(Throwable t) {
      String category = t instanceof SchemaSyncException s ? s.category().name() : "INTERNAL";
      return new Error(category, String.valueOf(t.getMessage()));
    }
  }
}
