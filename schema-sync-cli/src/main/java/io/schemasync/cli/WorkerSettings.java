package io.schemasync.cli;

import picocli.CommandLine.Option;

/**
 * The options of the commands that join a rollout job as a worker: the tenants' URL, parallelism.
 */
final class WorkerSettings {
  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "The tenants' JDBC URL (default: the one the job was started with).")
  String url;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      defaultValue = "4",
      description = "Tenants this process works on at once (default: ${DEFAULT-VALUE}).")
  int parallelism;
}
