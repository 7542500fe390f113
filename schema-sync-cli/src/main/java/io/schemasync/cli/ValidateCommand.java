package io.schemasync.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The {@code validate} command. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description =
        "CI check: every selected tenant must already equal the target. Prints IN_SYNC or DRIFT with the diff per tenant; exits 1 on drift. Read-only.")
final class ValidateCommand implements Callable<Integer>, CliCommand {
  @Mixin private CommonOptions options;

  @Mixin private TargetOption target;

  @Override
  public Integer call() {
    return ReportCommands.run(
        options, name(), target.source, false, engine -> engine.validate(options.selection()));
  }

  @Override
  public CommonOptions options() {
    return options;
  }

  @Override
  public String name() {
    return "validate";
  }
}
