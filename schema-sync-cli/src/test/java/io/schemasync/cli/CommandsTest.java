package io.schemasync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every command against real SQLite tenant files: what it prints, what it changes, how it exits.
 */
class CommandsTest {
  @TempDir Path dir;
  private Path tenants;
  private String url;
  private String v1;
  private String v2;

  @BeforeEach
  void setUp() {
    tenants = dir.resolve("tenants");
    tenants.toFile().mkdirs();
    url = "jdbc:sqlite:" + tenants;
    v1 = Cli.write(dir.resolve("v1/schema.yaml"), Schemas.V1).toString();
    v2 = Cli.write(dir.resolve("v2/schema.yaml"), Schemas.V2).toString();
  }

  private Cli.Result syncTo(String target, String... tenantIds) {
    String[] args = new String[6 + 2 * tenantIds.length];
    args[0] = "sync";
    args[1] = "--url";
    args[2] = url;
    args[3] = "--target";
    args[4] = target;
    args[5] = "--format=text";
    for (int i = 0; i < tenantIds.length; i++) {
      args[6 + 2 * i] = "--tenant";
      args[7 + 2 * i] = tenantIds[i];
    }
    return Cli.run(args);
  }

  @Test
  void syncCreatesTenantsThenValidatePassesAndASecondSyncDoesNothing() {
    Cli.Result sync = syncTo(v1, "acme", "globex");
    assertThat(sync.exit()).as(sync::toString).isZero();
    assertThat(sync.out())
        .contains("acme", "globex", "APPLIED", "CREATE TABLE", "accounts", "verified");

    Cli.Result validate = Cli.run("validate", "--url", url, "--target", v1);
    assertThat(validate.exit()).as(validate::toString).isZero();
    assertThat(validate.out()).contains("IN_SYNC").doesNotContain("DRIFT");

    Map<String, String> before = Cli.files(tenants);
    Cli.Result again = Cli.run("sync", "--url", url, "--target", v1);
    assertThat(again.exit()).as(again::toString).isZero();
    assertThat(again.out()).contains("IN_SYNC").doesNotContain("APPLIED");
    assertThat(Cli.files(tenants)).isEqualTo(before);
  }

  @Test
  void diffAndValidateExitOneOnDriftAndShowTheChanges() {
    syncTo(v1, "acme");
    Cli.Result diff = Cli.run("diff", "--url", url, "--target", v2);
    assertThat(diff.exit()).as(diff::toString).isEqualTo(ExitCode.DRIFT);
    assertThat(diff.out()).contains("DRIFT", "add column notes.created_at", "ix_notes_account");

    Cli.Result validate = Cli.run("validate", "--url", url, "--target", v2);
    assertThat(validate.exit()).isEqualTo(ExitCode.DRIFT);
    assertThat(validate.out()).contains("acme", "DRIFT", "add column notes.created_at");

    Cli.Result inSync = Cli.run("diff", "--url", url, "--target", v1);
    assertThat(inSync.exit()).as(inSync::toString).isZero();
  }

  @Test
  void planPrintsStepsWithSafetyAndSqlAndChangesNoByte() {
    syncTo(v1, "acme", "globex");
    Map<String, String> before = Cli.files(tenants);

    Cli.Result plan = Cli.run("plan", "--url", url, "--target", v2);
    assertThat(plan.exit()).as(plan::toString).isZero();
    assertThat(plan.out())
        .contains("acme", "globex", "PLANNED", "SAFE", "created_at", "ALTER TABLE", "CREATE INDEX")
        .contains("rolled back");
    assertThat(Cli.files(tenants)).isEqualTo(before);

    Cli.Result stillDrifting = Cli.run("validate", "--url", url, "--target", v2);
    assertThat(stillDrifting.exit()).isEqualTo(ExitCode.DRIFT);
  }

  @Test
  void upgradeKeepsTheRows() throws Exception {
    syncTo(v1, "acme");
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + tenants.resolve("acme.db"));
        var s = c.createStatement()) {
      s.executeUpdate("INSERT INTO accounts (id, email) VALUES (1, 'a@example.com')");
      s.executeUpdate("INSERT INTO notes (id, account_id, body) VALUES (1, 1, 'hello')");
    }
    Cli.Result sync = syncTo(v2);
    assertThat(sync.exit()).as(sync::toString).isZero();
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + tenants.resolve("acme.db"));
        var s = c.createStatement();
        var rs = s.executeQuery("SELECT body, created_at FROM notes")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("hello");
    }
  }

  @Test
  void inspectPrintsTheSchemaAsTextAndAsJson() {
    syncTo(v1, "acme");
    Cli.Result text = Cli.run("inspect", "--url", url);
    assertThat(text.exit()).as(text::toString).isZero();
    assertThat(text.out())
        .contains("tenant acme", "table accounts", "email", "ix_accounts_email", "foreign key");

    Cli.Result json = Cli.run("inspect", "--url", url, "--tenant", "acme", "--format", "json");
    assertThat(json.exit()).as(json::toString).isZero();
    JsonNode root = json.json();
    assertThat(root.get("command").asText()).isEqualTo("inspect");
    JsonNode tenant = root.get("tenants").get(0);
    assertThat(tenant.get("tenant").asText()).isEqualTo("acme");
    assertThat(tenant.get("currentHash").asText()).hasSize(64);
    assertThat(tenant.get("snapshot").get("tables").toString()).contains("accounts", "notes");
  }

  @Test
  void inspectOfAMissingTenantIsBadInput() {
    Cli.Result r = Cli.run("inspect", "--url", url, "--tenant", "nobody");
    assertThat(r.exit()).as(r::toString).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(r.err()).contains("nobody");
  }

  @Test
  void auditReportsHashesAndDriftWithoutChangingAnything() {
    syncTo(v1, "acme", "globex");
    Map<String, String> before = Cli.files(tenants);

    Cli.Result hashes = Cli.run("audit", "--url", url, "--format", "json");
    assertThat(hashes.exit()).as(hashes::toString).isZero();
    JsonNode tenantsJson = hashes.json().get("tenants");
    assertThat(tenantsJson).hasSize(2);
    assertThat(tenantsJson.get(0).get("currentHash").asText())
        .isEqualTo(tenantsJson.get(1).get("currentHash").asText());
    assertThat(tenantsJson.get(0).get("status").asText()).isEqualTo("INSPECTED");

    Cli.Result drift = Cli.run("audit", "--url", url, "--target", v2);
    assertThat(drift.exit()).as("audit reports drift but does not fail on it").isZero();
    assertThat(drift.out()).contains("DRIFT", "add column notes.created_at");
    assertThat(Cli.files(tenants)).isEqualTo(before);
  }

  @Test
  void tenantsGlobSelectsMatchingTenantsOnly() {
    syncTo(v1, "acme-eu", "acme-us", "globex");
    Cli.Result r = Cli.run("validate", "--url", url, "--target", v2, "--tenants", "acme-*");
    assertThat(r.exit()).isEqualTo(ExitCode.DRIFT);
    assertThat(r.out()).contains("acme-eu", "acme-us").doesNotContain("globex");
  }

  @Test
  void hostileNamesAllowedByQuotedModeAreQuotedNeverExecuted() {
    syncTo(v1, "acme");
    // A document in quoted mode may use any name; the dialect quotes it, so it is just a name.
    String document =
        "identifiers: quoted\n"
            + Schemas.V1.replace("name: notes", "name: 'x\"; DROP TABLE accounts; --'");
    String hostile = Cli.write(dir.resolve("quoted.yaml"), document).toString();

    Cli.Result sync = Cli.run("sync", "--url", url, "--target", hostile, "--allow-destructive");
    assertThat(sync.exit()).as(sync::toString).isZero();
    Cli.Result inspect = Cli.run("inspect", "--url", url, "--tenant", "acme");
    assertThat(inspect.out()).contains("table accounts", "table x\"; DROP TABLE accounts; --");
    assertThat(Cli.run("validate", "--url", url, "--target", hostile).exit()).isZero();
  }

  @Test
  void sqlScriptsAndReferenceTenantsAreTargetsToo() {
    syncTo(v2, "template");
    syncTo(v1, "acme");
    Cli.Result fromTemplate =
        Cli.run("validate", "--url", url, "--target", "tenant:template", "--tenant", "acme");
    assertThat(fromTemplate.exit()).as(fromTemplate::toString).isEqualTo(ExitCode.DRIFT);
    assertThat(fromTemplate.out()).contains("add column notes.created_at");

    String sql =
        Cli.write(
                dir.resolve("schema.sql"),
                "CREATE TABLE \"widgets\" (\"id\" INTEGER NOT NULL PRIMARY KEY, \"label\" TEXT);\n")
            .toString();
    Cli.Result sync = Cli.run("sync", "--url", url, "--target", sql, "--tenant", "fresh");
    assertThat(sync.exit()).as(sync::toString).isZero();
    assertThat(Cli.run("validate", "--url", url, "--target", sql, "--tenant", "fresh").exit())
        .isZero();
  }

  @Test
  void tenantAndTenantsTogetherIsAUsageError() {
    Cli.Result r =
        Cli.run("diff", "--url", url, "--target", v1, "--tenant", "a", "--tenants", "b*");
    assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(r.err()).contains("either --tenant", "--tenants");
  }

  @ParameterizedTest
  @ValueSource(strings = {"inspect", "diff", "plan", "sync", "validate", "audit", "demo"})
  void everyCommandHasHelpAndVersion(String command) {
    Cli.Result help = Cli.run(command, "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("Usage: schema-sync " + command);
    Cli.Result version = Cli.run(command, "--version");
    assertThat(version.exit()).isZero();
    assertThat(version.out()).startsWith("schema-sync ");
  }

  @Test
  void withoutACommandItExplainsAndExitsTwo() {
    Cli.Result r = Cli.run();
    assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(r.err()).contains("missing command");
  }
}
