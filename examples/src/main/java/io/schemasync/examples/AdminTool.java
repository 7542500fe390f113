package io.schemasync.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.schemasync.api.SchemaSync;
import io.schemasync.api.SyncReport;
import io.schemasync.api.Target;
import io.schemasync.api.TenantResult;
import io.schemasync.api.TenantSelection;
import io.schemasync.api.change.SchemaChange;
import io.schemasync.api.plan.MigrationStep;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * An in-house tool wrapping the engine: runs one operation over all tenants and prints the {@link
 * SyncReport} as JSON in the tool's own shape, for a dashboard or a chat bot to consume. Exits
 * non-zero unless the outcome is OK.
 *
 * <pre>
 * AdminTool validate jdbc:sqlite:demo/tenants examples/schema-v2
 * </pre>
 */
public final class AdminTool {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private AdminTool() {}

  /** The report as this tool publishes it. */
  public record Report(
      String operation, String target, String targetHash, String outcome, List<Tenant> tenants) {}

  /** One tenant's line in the report. */
  public record Tenant(
      String id,
      String status,
      String schemaHash,
      List<String> changes,
      List<Step> steps,
      String error) {}

  /** One planned step. */
  public record Step(int index, String safety, String description, List<String> sql) {}

  /** Converts the engine's report to this tool's shape. */
  public static Report report(SyncReport report) {
    return new Report(
        report.operation().name().toLowerCase(Locale.ROOT),
        report.target(),
        report.targetHash(),
        report.outcome().name(),
        report.results().stream().map(AdminTool::tenant).toList());
  }

  private static Tenant tenant(TenantResult r) {
    return new Tenant(
        r.tenant().id(),
        r.status().name(),
        r.currentHash(),
        r.diff() == null
            ? List.of()
            : r.diff().changes().stream().map(SchemaChange::describe).toList(),
        r.plan() == null ? List.of() : r.plan().steps().stream().map(AdminTool::step).toList(),
        r.failure() == null ? null : r.failure().getMessage());
  }

  private static Step step(MigrationStep s) {
    return new Step(s.index(), s.safety().name(), s.description(), s.statements());
  }

  /** The report as JSON text. */
  public static String toJson(SyncReport report) {
    try {
      return JSON.writeValueAsString(report(report));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize the report", e);
    }
  }

  /** Runs {@code operation} (validate, plan, sync or audit) and returns the engine's report. */
  public static SyncReport run(String operation, String url, Path target) {
    Function<SchemaSync, SyncReport> op =
        switch (operation) {
          case "validate" -> s -> s.validate(TenantSelection.all());
          case "plan" -> s -> s.plan(TenantSelection.all());
          case "sync" -> s -> s.sync(TenantSelection.all());
          case "audit" -> s -> s.audit(TenantSelection.all());
          default ->
              throw new IllegalArgumentException(
                  "unknown operation '" + operation + "'; use validate, plan, sync or audit");
        };
    try (SchemaSync schemaSync = SchemaSync.builder().url(url).target(Target.of(target)).build()) {
      return op.apply(schemaSync);
    }
  }

  /** Arguments: operation, tenants' JDBC URL, schema path. */
  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: AdminTool validate|plan|sync|audit JDBC_URL SCHEMA_PATH");
      System.exit(2);
    }
    SyncReport report = run(args[0], args[1], Path.of(args[2]));
    System.out.println(toJson(report));
    System.exit(report.outcome() == SyncReport.Outcome.OK ? 0 : 1);
  }
}
