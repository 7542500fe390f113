package io.schemasync.cli;

import picocli.CommandLine.Option;

/** The required {@code --target} option of the commands that compare tenants with a target. */
final class TargetOption {
  @Option(
      names = "--target",
      required = true,
      paramLabel = "SRC",
      order = 0,
      description =
          "The desired schema: a .yaml/.yml/.json file or a directory of them, a .sql file, or tenant:ID.")
  String source;
}
