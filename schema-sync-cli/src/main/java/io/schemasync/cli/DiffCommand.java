package io.schemasync.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The {@code diff} command. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description =
        "Shows, per tenant, how its schema differs from the target. Exits 1 when any tenant drifts.")
final class DiffCommand implements Callable<Integer>, CliCommand {
  @Mixin private CommonOptions options;

  @Mixin private TargetOption target;

  @Override
  public Integer call() {
    return ReportCommands.run(
        options, name(), target.source, false, engine -> engine.diff(options.selection()));
  }

  @Override
  public CommonOptions options() {
    return options;
  }

  @Override
  public String name() {
    return "diff";
  }
}
