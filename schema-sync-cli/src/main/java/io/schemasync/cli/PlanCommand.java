package io.schemasync.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The {@code plan} command. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = "Dry run: per tenant, the ordered steps with safety class, reason and SQL, warnings and policy violations. Rehearses the plan in a rolled-back transaction where the engine allows; changes nothing. Exits 3 when a plan would be refused.")
final class PlanCommand implements Callable<Integer>, CliCommand {
  @Mixin private CommonOptions options;

  @Option(
      names = "--target",
      required = true,
      paramLabel = "SRC",
      order = 0,
      description = "The desired schema: a .yaml/.yml/.json file or a directory of them, a .sql file, or tenant:ID.")
  private String target;

  @Override
  public Integer call() {
    return ReportCommands.run(
        options, name(), target, false, engine -> engine.plan(options.selection()));
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
