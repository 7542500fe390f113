package io.schemasync.cli;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.SchemaSyncException;
import io.schemasync.api.TenantContext;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.cli.Terminal.Style;
import io.schemasync.internal.JdbcUrls;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The {@code inspect} command: prints each selected tenant's schema snapshot. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description =
        "Prints the schema of each selected tenant as the engine sees it (normalized), with its hash. "
            + "With --format json, each tenant carries its canonical snapshot JSON. Read-only.")
final class InspectCommand implements Callable<Integer>, CliCommand {
  @Mixin private CommonOptions options;

  @Override
  public Integer call() {
    Terminal term = options.terminal();
    List<JsonReport.Tenant> json = new ArrayList<>();
    List<SchemaSyncException> failures = new ArrayList<>();
    int exit = ExitCode.OK;
    try (SchemaSync engine = Engines.open(options, null)) {
      for (TenantContext tenant : engine.tenants(options.selection())) {
        try {
          SchemaSnapshot snapshot = engine.inspect(tenant.id());
          if (options.json()) {
            json.add(JsonReport.Tenant.inspected(tenant.id(), snapshot));
          } else {
            printText(term, tenant.id(), snapshot);
          }
        } catch (SchemaSyncException e) {
          failures.add(e);
          exit = Math.max(exit, ExitCode.of(e.category()));
          if (options.json()) {
            json.add(JsonReport.Tenant.failed(tenant.id(), e));
          } else {
            term.println(
                term.paint(Style.BOLD, tenant.id()) + "  " + term.paint(Style.RED, "FAILED"));
          }
        }
      }
    }
    if (options.json()) {
      term.println(
          new JsonReport(
                  name(),
                  JdbcUrls.mask(options.url),
                  null,
                  null,
                  ExitCode.outcomeName(exit),
                  exit,
                  json,
                  null)
              .write());
    }
    failures.forEach(e -> term.error("error: " + e.getMessage()));
    term.flush();
    return exit;
  }

  private static void printText(Terminal term, String tenant, SchemaSnapshot snapshot) {
    term.println(
        term.paint(Style.BOLD, "tenant " + tenant)
            + term.paint(Style.DIM, "  schema " + TextReport.shortHash(snapshot.hash())));
    new SnapshotText(term).print(snapshot);
    term.println("");
  }

  @Override
  public CommonOptions options() {
    return options;
  }

  @Override
  public String name() {
    return "inspect";
  }
}
