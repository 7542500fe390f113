package io.schemasync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data-destroying plans are refused with exit 3 and leave every tenant file as it was. */
class SafetyTest {
  @TempDir Path dir;
  private Path tenants;
  private String url;
  private String withoutNickname;

  @BeforeEach
  void setUp() {
    tenants = dir.resolve("tenants");
    tenants.toFile().mkdirs();
    url = "jdbc:sqlite:" + tenants;
    String v1 = Cli.write(dir.resolve("v1.yaml"), Schemas.V1).toString();
    withoutNickname =
        Cli.write(dir.resolve("v1-without-nickname.yaml"), Schemas.WITHOUT_NICKNAME).toString();
    Cli.Result sync =
        Cli.run("sync", "--url", url, "--target", v1, "--tenant", "acme", "--tenant", "globex");
    assertThat(sync.exit()).as(sync::toString).isZero();
  }

  @Test
  void droppingAColumnIsRefusedAndNoFileChanges() {
    Map<String, String> before = Cli.files(tenants);

    Cli.Result sync = Cli.run("sync", "--url", url, "--target", withoutNickname);
    assertThat(sync.exit()).as(sync::toString).isEqualTo(ExitCode.REFUSED);
    assertThat(sync.out()).contains("REFUSED", "DESTRUCTIVE", "nickname");
    assertThat(sync.err()).contains("refused", "nothing was changed");
    assertThat(Cli.files(tenants)).isEqualTo(before);

    Cli.Result plan =
        Cli.run("plan", "--url", url, "--target", withoutNickname, "--format", "json");
    assertThat(plan.exit()).isEqualTo(ExitCode.REFUSED);
    JsonNode violation = plan.json().get("tenants").get(0).get("plan").get("violations").get(0);
    assertThat(violation.get("safety").asText()).isEqualTo("DESTRUCTIVE");
    assertThat(violation.get("remedy").asText()).isNotBlank();
    assertThat(Cli.files(tenants)).isEqualTo(before);
  }

  @Test
  void breakingStepsAreBlockedByDefaultAndRunWithAWarningUnderWarn() throws Exception {
    String notNull =
        Cli.write(
                dir.resolve("nickname-required.yaml"),
                Schemas.V1.replace(
                    "        type: text\n        nullable: true\n", "        type: text\n"))
            .toString();
    Map<String, String> before = Cli.files(tenants);
    Cli.Result blocked = Cli.run("plan", "--url", url, "--target", notNull);
    assertThat(blocked.exit()).as(blocked::toString).isEqualTo(ExitCode.REFUSED);
    assertThat(blocked.out()).contains("BREAKING", "--breaking warn");

    // A row holding NULL makes the breaking step fail for real: exit 4, and the file is untouched.
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + tenants.resolve("acme.db"));
        var s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO accounts (id, email, nickname) VALUES (1, 'a@example.com', NULL)");
    }
    before = Cli.files(tenants);
    Cli.Result failed =
        Cli.run(
            "sync", "--url", url, "--target", notNull, "--breaking", "warn", "--tenant", "acme");
    assertThat(failed.exit()).as(failed::toString).isEqualTo(ExitCode.FAILED);
    assertThat(failed.err()).contains("acme");
    assertThat(Cli.files(tenants)).isEqualTo(before);

    Cli.Result warned =
        Cli.run(
            "sync",
            "--url",
            url,
            "--target",
            notNull,
            "--breaking",
            "warn",
            "--tenant",
            "globex",
            "--format",
            "json");
    assertThat(warned.exit()).as(warned::toString).isZero();
    assertThat(warned.json().get("tenants").get(0).get("plan").get("warnings").toString())
        .contains("nickname");
  }

  @Test
  void allowDestructiveLetsThePlanRun() {
    Cli.Result plan =
        Cli.run("plan", "--url", url, "--target", withoutNickname, "--allow-destructive");
    assertThat(plan.exit()).as(plan::toString).isZero();

    Cli.Result sync =
        Cli.run("sync", "--url", url, "--target", withoutNickname, "--allow-destructive");
    assertThat(sync.exit()).as(sync::toString).isZero();
    Cli.Result validate = Cli.run("validate", "--url", url, "--target", withoutNickname);
    assertThat(validate.exit()).as(validate::toString).isZero();
  }
}
