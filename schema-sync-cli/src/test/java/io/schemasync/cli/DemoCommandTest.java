package io.schemasync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo runs the shipped example schemas end to end and exits 0; a second run starts afresh. */
class DemoCommandTest {
  private static final Path EXAMPLES = Path.of("..", "examples");

  @TempDir Path dir;

  @Test
  void demoRollsOutReleaseTwoKeepsDataAndShowsTheRefusal() {
    String[] args = {
      "demo",
      "--dir",
      dir.toString(),
      "--from",
      EXAMPLES.resolve("schema").toString(),
      "--to",
      EXAMPLES.resolve("schema-v2").toString()
    };
    for (int run = 1; run <= 2; run++) {
      Cli.Result r = Cli.run(args);
      assertThat(r.exit()).as(r::toString).isZero();
      assertThat(r.out())
          .contains("$ schema-sync plan", "$ schema-sync sync", "$ schema-sync validate")
          .contains("3 tenants: 3 planned", "3 tenants: 3 applied", "3 tenants: 3 in sync")
          .contains("initech still holds 3 users, 2 projects, 4 tasks, 3 comments")
          .contains("REFUSED", "DESTRUCTIVE", "drop column users.last_login_at", "(exit 3)")
          .contains("Demo finished.");
      assertThat(r.err()).as("a demo that went as planned writes no error").isEmpty();
    }
    assertThat(dir.resolve("tenants")).isDirectoryContaining("glob:**/initech.db");
  }

  @Test
  void demoWithoutTheExampleSchemaExplainsWhereToRunIt() {
    Cli.Result r =
        Cli.run("demo", "--dir", dir.toString(), "--from", dir.resolve("missing").toString());
    assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(r.err()).contains("cannot find the example schema", "missing", "--from");
    assertThat(dir.resolve("tenants")).doesNotExist();
  }
}
