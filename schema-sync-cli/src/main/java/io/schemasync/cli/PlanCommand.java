package io.schemasync.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The {@code plan} command. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description =
        "Dry run: per tenant, the ordered steps with safety class, reason and SQL, warnings and policy violations. Rehearses the plan in a rolled-back transaction where the engine allows; changes nothing. Exits 3 when a plan would be refused.")
final class PlanCommand implements Callable<Integer>, CliCommand {
  @Mixin private CommonOptions options;

  @Mixin private TargetOption target;

  @Override
  public Integer call() {
    return ReportCommands.run(
        options, name(), target.source, false, engine -> engine.plan(options.selection()));
  }

  @Override
  public CommonOptions options() {
    return options;
  }

  @Override
  public String name() {
    return "plan";
  }
}
