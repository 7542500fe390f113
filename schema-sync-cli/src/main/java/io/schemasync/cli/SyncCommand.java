package io.schemasync.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The {@code sync} command. */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description =
        "Brings every selected tenant to the target: plans all tenants first (if any plan is refused, no tenant is changed), then applies each plan under the tenant's lock and verifies the result. Prints the plan and the result per tenant.")
final class SyncCommand implements Callable<Integer>, CliCommand {
  @Mixin private CommonOptions options;

  @Mixin private TargetOption target;

  @Override
  public Integer call() {
    return ReportCommands.run(
        options, name(), target.source, false, engine -> engine.sync(options.selection()));
  }

  @Override
  public CommonOptions options() {
    return options;
  }

  @Override
  public String name() {
    return "sync";
  }
}
