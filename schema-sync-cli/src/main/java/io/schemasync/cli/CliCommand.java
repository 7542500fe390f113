package io.schemasync.cli;

/** A subcommand that works on a database: gives the error handler its options and its name. */
interface CliCommand {
  /** The command's common options, as parsed. */
  CommonOptions options();

  /** The command's name, as printed in reports. */
  String name();
}
