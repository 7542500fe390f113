package io.schemasync.cli;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.rollout.NoSuchRolloutException;
import io.schemasync.api.rollout.RolloutJob;
import io.schemasync.internal.rollout.ControlStores;
import io.schemasync.spi.ControlStore;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every rollout command shares: where the control store is, output, and the tenants'
 * URL.
 */
final class RolloutConnection {
  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  @Option(
      names = "--control",
      paramLabel = "URL",
      defaultValue = ControlStores.DEFAULT_URL,
      order = 20,
      description =
          "Where rollout jobs are kept: jdbc:sqlite:FILE (default: ${DEFAULT-VALUE}) or"
              + " jdbc:postgresql://HOST/DB?user=U when workers on several machines share a rollout.")
  String control;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "TEXT",
      order = 21,
      description = "Output format: text or json (default: text).")
  CommonOptions.Format format;

  @Option(
      names = "--user",
      paramLabel = "USER",
      order = 22,
      description = "Database user for the tenants' database.")
  String user;

  @Option(
      names = "--password",
      paramLabel = "PASSWORD",
      order = 23,
      defaultValue = "${env:SCHEMA_SYNC_PASSWORD}",
      showDefaultValue = Visibility.NEVER,
      description =
          "Database password (default: $SCHEMA_SYNC_PASSWORD). Never printed, never stored.")
  String password;

  @Option(
      names = {"-v", "--verbose"},
      order = 24,
      description = "Engine logging and stack traces of unexpected errors.")
  boolean verbose;

  private Terminal terminal;

  boolean json() {
    return format == CommonOptions.Format.JSON;
  }

  ControlStore openStore() {
    return ControlStores.open(control, null, null);
  }

  /**
   * An engine on the job's tenants: {@code url} when given, otherwise the URL the job was started
   * with (which the store keeps with its password masked, so a password must come from --password).
   */
  SchemaSync engineFor(RolloutJob job, String url) {
    String tenants = url != null ? url : job.url();
    if (tenants == null || tenants.contains("***")) {
      throw new NoSuchRolloutException(
          "job "
              + job.id()
              + " was started on "
              + job.url()
              + "; give the tenants' URL with its password again with --url");
    }
    SchemaSync.Builder builder = SchemaSync.builder().url(tenants);
    if (user != null || password != null) {
      builder.credentials(user, password);
    }
    return builder.build();
  }

  Terminal terminal(String url) {
    if (terminal == null) {
      terminal =
          new Terminal(
              mixee.commandLine().getOut(), mixee.commandLine().getErr(), Terminal.colourWanted());
      terminal.redactCredentials(url, password);
      terminal.redactCredentials(control, null);
    }
    return terminal;
  }
}
