package io.schemasync.cli;

import io.schemasync.api.TenantSelection;
import io.schemasync.api.plan.PlanPolicy;
import io.schemasync.api.plan.PlanPolicy.BreakingPolicy;
import java.nio.file.FileSystems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options every database command shares: connection, tenant selection, policy and output. */
final class CommonOptions {
  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  @Option(
      names = "--url",
      required = true,
      paramLabel = "URL",
      order = 1,
      description =
          "JDBC URL of the tenants' database, e.g. jdbc:sqlite:DIR (a directory with one .db file"
              + " per tenant), jdbc:postgresql://HOST/DB (a schema per tenant),"
              + " jdbc:postgresql://HOST/?schemasync.tenancy=database (a database per tenant, objects"
              + " in schemasync.tenantSchema, default public), jdbc:mysql://HOST/.")
  String url;

  @Option(names = "--user", paramLabel = "USER", order = 2, description = "Database user.")
  String user;

  @Option(
      names = "--password",
      paramLabel = "PASSWORD",
      order = 3,
      defaultValue = "${env:SCHEMA_SYNC_PASSWORD}",
      showDefaultValue = Visibility.NEVER,
      description = "Database password (default: $SCHEMA_SYNC_PASSWORD). Never printed.")
  String password;

  @Option(
      names = "--property",
      paramLabel = "KEY=VALUE",
      order = 3,
      description =
          "A driver or adapter property, e.g. --property schemasync.online=true or --property"
              + " schemasync.tenancy=database (PostgreSQL: a tenant per database); repeatable.")
  Map<String, String> properties = new LinkedHashMap<>();

  @Option(
      names = "--tenant",
      paramLabel = "ID",
      order = 4,
      description = "A tenant to work on; repeat for several. Default: every tenant at the URL.")
  List<String> tenantIds = new ArrayList<>();

  @Option(
      names = "--tenants",
      paramLabel = "GLOB",
      order = 5,
      description = "The tenants whose id matches a glob, e.g. 'acme-*'.")
  String tenantGlob;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "TEXT",
      order = 6,
      description = "Output format: text or json (default: text).")
  Format format;

  @Option(
      names = "--allow-destructive",
      order = 7,
      description =
          "Allow steps that destroy data (dropping a table or column, lossy type changes).")
  boolean allowDestructive;

  @Option(
      names = "--breaking",
      paramLabel = "POLICY",
      defaultValue = "BLOCK",
      order = 8,
      description =
          "What to do with breaking steps: block (refuse the plan) or warn (default: block).")
  BreakingPolicy breaking;

  @Option(
      names = "--lock-timeout",
      paramLabel = "DURATION",
      defaultValue = "30s",
      converter = DurationConverter.class,
      order = 9,
      description =
          "How long to wait for a tenant's migration lock: 500ms, 30s, 2m (default: ${DEFAULT-VALUE}).")
  Duration lockTimeout;

  @Option(
      names = {"-v", "--verbose"},
      order = 10,
      description =
          "Print progress of each step, engine logging, and stack traces of unexpected errors.")
  boolean verbose;

  private Terminal terminal;

  /** Output format of a command. */
  enum Format {
    TEXT,
    JSON
  }

  boolean json() {
    return format == Format.JSON;
  }

  PlanPolicy policy() {
    return new PlanPolicy(allowDestructive, breaking);
  }

  /** The tenants selected by {@code --tenant} or {@code --tenants}, or all of them. */
  TenantSelection selection() {
    if (!tenantIds.isEmpty() && tenantGlob != null) {
      throw new ParameterException(
          mixee.commandLine(),
          "give either --tenant (one or more ids) or --tenants GLOB, not both");
    }
    if (!tenantIds.isEmpty()) {
      return TenantSelection.ids(tenantIds.toArray(String[]::new));
    }
    if (tenantGlob != null) {
      try {
        FileSystems.getDefault().getPathMatcher("glob:" + tenantGlob);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(
            mixee.commandLine(),
            "--tenants '"
                + tenantGlob
                + "' is not a valid glob: "
                + e.getMessage()
                + "; use *, ?, [a-z] or {a,b}");
      }
      return TenantSelection.glob(tenantGlob);
    }
    return TenantSelection.all();
  }

  /** The terminal of this command, with the credentials registered for redaction. */
  Terminal terminal() {
    if (terminal == null) {
      terminal =
          new Terminal(
              mixee.commandLine().getOut(), mixee.commandLine().getErr(), Terminal.colourWanted());
      terminal.redactCredentials(url, password);
      properties.forEach(
          (key, value) -> {
            if (key.toLowerCase(java.util.Locale.ROOT).contains("password")) {
              terminal.redactCredentials(null, value);
            }
          });
    }
    return terminal;
  }
}
