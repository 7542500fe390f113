package io.schemasync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rollout commands end to end over SQLite tenant files and a SQLite control store. */
class RolloutCommandTest {
  @TempDir Path dir;

  private String[] base(String... more) {
    String[] common = {"--control", "jdbc:sqlite:" + dir.resolve("control.db")};
    String[] all = new String[more.length + common.length];
    System.arraycopy(more, 0, all, 0, more.length);
    System.arraycopy(common, 0, all, more.length, common.length);
    return all;
  }

  private String tenants() {
    return "jdbc:sqlite:" + dir.resolve("tenants");
  }

  private void fleetAtV1(int n) {
    Path v1 = Cli.write(dir.resolve("v1.yaml"), Schemas.V1);
    for (int i = 0; i < n; i++) {
      assertThat(
              Cli.run("sync", "--url", tenants(), "--target", v1.toString(), "--tenant", "t" + i)
                  .exit())
          .isZero();
    }
  }

  @Test
  void rolloutStatusAndTenantAuditTrail() {
    fleetAtV1(6);
    Path v2 = Cli.write(dir.resolve("v2.yaml"), Schemas.V2);
    Cli.Result run =
        Cli.run(
            base(
                "rollout",
                "--url",
                tenants(),
                "--target",
                v2.toString(),
                "--canary",
                "2",
                "--parallelism",
                "2",
                "--format",
                "json"));
    assertThat(run.exit()).as(run.toString()).isZero();
    JsonNode json = run.json();
    assertThat(json.get("command").asText()).isEqualTo("rollout");
    assertThat(json.get("job").get("state").asText()).isEqualTo("SUCCEEDED");
    assertThat(json.get("job").get("counts").get("succeeded").asInt()).isEqualTo(6);
    assertThat(json.get("tasks")).hasSize(6);
    assertThat(json.get("attempts")).hasSize(12); // a dry run and a run per tenant
    String jobId = json.get("job").get("id").asText();

    Cli.Result list = Cli.run(base("rollout", "status"));
    assertThat(list.exit()).isZero();
    assertThat(list.out()).contains(jobId).contains("SUCCEEDED");
    Cli.Result detail = Cli.run(base("rollout", "status", jobId));
    assertThat(detail.out()).contains("6 succeeded").contains("t3");
    Cli.Result trail = Cli.run(base("rollout", "status", jobId, "--tenant", "t3"));
    assertThat(trail.out())
        .contains("DRY_RUN")
        .contains("APPLIED")
        .contains("pid " + ProcessHandle.current().pid());
    assertThat(Cli.run("validate", "--url", tenants(), "--target", v2.toString()).exit()).isZero();

    Cli.Result cancel = Cli.run(base("rollout", "cancel", jobId));
    assertThat(cancel.exit()).isEqualTo(ExitCode.FAILED);
    assertThat(cancel.err()).contains("already ended SUCCEEDED");

    Cli.Result tooRecent = Cli.run(base("rollout", "prune", "--older-than", "1d"));
    assertThat(tooRecent.exit()).as(tooRecent.toString()).isZero();
    assertThat(tooRecent.out()).contains("nothing was deleted");
    assertThat(Cli.run(base("rollout", "status")).out()).contains(jobId);
    Cli.Result pruned = Cli.run(base("rollout", "prune", "--older-than", "0s", "--format", "json"));
    assertThat(pruned.exit()).as(pruned.toString()).isZero();
    assertThat(pruned.json().get("command").asText()).isEqualTo("rollout prune");
    assertThat(pruned.err()).as("SQLite tenants keep their markers inside").doesNotContain("note:");
    assertThat(pruned.json().get("jobs")).hasSize(1);
    assertThat(pruned.json().get("jobs").get(0).get("id").asText()).isEqualTo(jobId);
    assertThat(Cli.run(base("rollout", "status")).out()).doesNotContain(jobId);
    Cli.Result gone = Cli.run(base("rollout", "status", jobId));
    assertThat(gone.exit()).isEqualTo(ExitCode.INVALID_INPUT);
    Cli.Result noAge = Cli.run(base("rollout", "prune", "--older-than", "soon"));
    assertThat(noAge.exit()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(noAge.err()).contains("'soon' is not a duration");
  }

  @Test
  void aRefusedPlanStopsAtTheGateWithExitThreeAndNothingChanges() throws Exception {
    fleetAtV1(3);
    Path v3 =
        Cli.write(
            dir.resolve("v3.yaml"),
            Schemas.V1.replaceAll(
                "(?m)^\\s*- name: nickname\\n\\s*type: text\\n\\s*nullable: true\\n", ""));
    assertThat(Files.readString(v3)).doesNotContain("nickname");
    var before = Cli.files(dir.resolve("tenants"));
    Cli.Result run = Cli.run(base("rollout", "--url", tenants(), "--target", v3.toString()));
    assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.REFUSED);
    assertThat(run.out()).contains("DRY_RUN_FAILED").contains("t0").contains("nickname");
    assertThat(Cli.files(dir.resolve("tenants"))).isEqualTo(before);
  }

  @Test
  void resumeRetriesAFailedGateOnlyWhenAskedTo() throws Exception {
    fleetAtV1(3);
    Path unique =
        Cli.write(
            dir.resolve("unique.yaml"),
            Schemas.V1.replace(
                "        unique: true\n",
                "        unique: true\n"
                    + "      - name: ix_accounts_nickname\n"
                    + "        columns: [nickname]\n"
                    + "        unique: true\n"));
    assertThat(Files.readString(unique)).contains("ix_accounts_nickname");
    String t1 = "jdbc:sqlite:" + dir.resolve("tenants").resolve("t1.db");
    sql(
        t1,
        "INSERT INTO accounts (id, email, nickname) VALUES (1, 'a@x.test', 'same'),"
            + " (2, 'b@x.test', 'same')");
    Cli.Result run =
        Cli.run(
            base(
                "rollout",
                "--url",
                tenants(),
                "--target",
                unique.toString(),
                "--breaking",
                "warn",
                "--format",
                "json"));
    assertThat(run.exit()).as(run.toString()).isNotZero();
    assertThat(run.json().get("job").get("state").asText()).isEqualTo("DRY_RUN_FAILED");
    assertThat(run.json().get("job").get("counts").get("dryRunFailed").asInt()).isEqualTo(1);
    String jobId = run.json().get("job").get("id").asText();

    Cli.Result again = Cli.run(base("rollout", "resume", jobId));
    assertThat(again.exit()).isNotZero();
    assertThat(again.err()).contains("already ended DRY_RUN_FAILED").contains("--retry-failed");

    sql(t1, "UPDATE accounts SET nickname = 'other' WHERE id = 2");
    Cli.Result retried = Cli.run(base("rollout", "resume", jobId, "--retry-failed"));
    assertThat(retried.exit()).as(retried.toString()).isZero();
    assertThat(retried.err()).contains("failed tenants are back in the queue");
    assertThat(retried.out()).contains("SUCCEEDED");
    assertThat(Cli.run("validate", "--url", tenants(), "--target", unique.toString()).exit())
        .isZero();
  }

  private static void sql(String url, String statement) throws Exception {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
        java.sql.Statement st = c.createStatement()) {
      st.execute(statement);
    }
  }

  @Test
  void unknownJobIsBadInputAndResumeFinishesAnEnqueuedJob() {
    Cli.Result missing = Cli.run(base("rollout", "resume", "r-nope", "--format", "json"));
    assertThat(missing.exit()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(missing.json().get("error").get("message").asText())
        .contains("no rollout job 'r-nope'");
    Cli.Result usage = Cli.run(base("rollout", "--url", tenants()));
    assertThat(usage.exit()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(usage.err()).contains("--target");
  }
}
