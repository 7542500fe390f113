package io.schemasync.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The {@code audit} command. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description =
        "Read-only report: each tenant's schema hash and, when --target is given, its drift. "
            + "Works with a read-only database user; never writes, locks or creates anything. "
            + "Exits 0 even on drift (use validate to fail on drift).")
final class AuditCommand implements Callable<Integer>, CliCommand {
  @Mixin private CommonOptions options;

  @Option(
      names = "--target",
      paramLabel = "SRC",
      order = 0,
      description =
          "Optional desired schema to report drift against (file, directory, .sql, or tenant:ID).")
  private String target;

  @Override
  public Integer call() {
    return ReportCommands.run(
        options, name(), target, true, engine -> engine.audit(options.selection()));
  }

  @Override
  public CommonOptions options() {
    return options;
  }

  @Override
  public String name() {
    return "audit";
  }
}
