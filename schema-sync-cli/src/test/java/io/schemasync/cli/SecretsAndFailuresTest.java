package io.schemasync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Passwords never reach any output; database failures exit 4; bugs exit 4 with a trace on -v only.
 */
class SecretsAndFailuresTest {
  private static final String SECRET = "hunter2-Secret";

  @TempDir Path dir;

  @Test
  void aPasswordInTheUrlIsNeverPrinted() {
    String target = Cli.write(dir.resolve("v1.yaml"), Schemas.V1).toString();
    for (String format : new String[] {"text", "json"}) {
      Cli.Result r =
          Cli.run(
              "plan",
              "--url",
              "jdbc:foo://admin:" + SECRET + "@db.example/app?password=" + SECRET,
              "--target",
              target,
              "--format",
              format,
              "-v");
      assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT);
      assertThat(r.all()).contains("db.example").doesNotContain(SECRET);
    }
  }

  @Test
  void anUnreachableDatabaseIsExitFourAndItsPasswordIsMasked() {
    String target = Cli.write(dir.resolve("v1.yaml"), Schemas.V1).toString();
    // Port 1 refuses at once: the PostgreSQL adapter fails to connect without any server running.
    String url = "jdbc:postgresql://127.0.0.1:1/app?user=deploy&password=" + SECRET;
    for (String format : new String[] {"text", "json"}) {
      Cli.Result r = Cli.run("validate", "--url", url, "--target", target, "--format", format);
      assertThat(r.exit()).as(r::toString).isEqualTo(ExitCode.FAILED);
      assertThat(r.err()).contains("127.0.0.1:1", "password=***");
      assertThat(r.all()).doesNotContain(SECRET);
      if (format.equals("json")) {
        assertThat(r.json().get("error").get("category").asText()).isEqualTo("DATABASE");
        assertThat(r.json().get("exitCode").asInt()).isEqualTo(ExitCode.FAILED);
      }
    }
  }

  @Test
  void thePasswordOptionIsNeverPrinted() {
    Path tenants = dir.resolve("tenants");
    tenants.toFile().mkdirs();
    String url = "jdbc:sqlite:" + tenants;
    String target = Cli.write(dir.resolve("v1.yaml"), Schemas.V1).toString();
    for (String command : new String[] {"sync", "plan", "validate", "audit", "diff"}) {
      Cli.Result r =
          Cli.run(
              command,
              "--url",
              url,
              "--target",
              target,
              "--tenant",
              "acme",
              "--user",
              "admin",
              "--password",
              SECRET,
              "--property",
              "sslpassword=" + SECRET,
              "--format",
              "json",
              "-v");
      assertThat(r.all()).as(command).doesNotContain(SECRET);
    }
  }

  @Test
  void aCorruptTenantFileIsADatabaseFailure() throws Exception {
    Path tenants = dir.resolve("tenants");
    tenants.toFile().mkdirs();
    Files.writeString(
        tenants.resolve("broken.db"), "this is not an SQLite database, just text. ".repeat(40));
    String target = Cli.write(dir.resolve("v1.yaml"), Schemas.V1).toString();
    byte[] before = Files.readAllBytes(tenants.resolve("broken.db"));

    Cli.Result r =
        Cli.run(
            "sync", "--url", "jdbc:sqlite:" + tenants, "--target", target, "--tenant", "broken");
    assertThat(r.exit()).as(r::toString).isEqualTo(ExitCode.FAILED);
    assertThat(r.err()).contains("broken");
    assertThat(Files.readAllBytes(tenants.resolve("broken.db"))).isEqualTo(before);
  }

  /** A command that fails the way a bug would. */
  @Command(name = "boom")
  static final class Boom implements Callable<Integer>, CliCommand {
    @Mixin CommonOptions options;

    @Override
    public Integer call() {
      throw new IllegalStateException("simulated bug");
    }

    @Override
    public CommonOptions options() {
      return options;
    }

    @Override
    public String name() {
      return "boom";
    }
  }

  private static Cli.Result runBoom(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine(new PrintWriter(out), new PrintWriter(err));
    cl.addSubcommand("boom", new Boom());
    // Writers and settings reach only the subcommands present when they are set.
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    int exit = cl.execute(args);
    return new Cli.Result(exit, out.toString(), err.toString());
  }

  @Test
  void anUnexpectedErrorExitsFourWithAStackTraceOnlyWhenVerbose() {
    Cli.Result quiet = runBoom("boom", "--url", "jdbc:sqlite:x");
    assertThat(quiet.exit()).as(quiet::toString).isEqualTo(ExitCode.FAILED);
    assertThat(quiet.err()).contains("simulated bug", "rerun with -v").doesNotContain("\tat ");

    Cli.Result verbose = runBoom("boom", "--url", "jdbc:sqlite:x", "-v");
    assertThat(verbose.exit()).isEqualTo(ExitCode.FAILED);
    assertThat(verbose.err()).contains("simulated bug", "\tat ");
  }
}
