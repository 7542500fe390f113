package io.schemasync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON document has the fields docs/cli-json.md promises, for results and for errors. */
class JsonOutputTest {
  private static final List<String> ENVELOPE =
      List.of("command", "url", "target", "targetHash", "outcome", "exitCode", "tenants", "error");
  private static final List<String> TENANT =
      List.of("tenant", "status", "currentHash", "diff", "plan", "execution", "snapshot", "error");
  private static final List<String> STEP =
      List.of("index", "description", "safety", "reason", "sql", "transactional", "dependsOn");

  @TempDir Path dir;
  private String url;
  private String v1;

  @BeforeEach
  void setUp() {
    Path tenants = dir.resolve("tenants");
    tenants.toFile().mkdirs();
    url = "jdbc:sqlite:" + tenants;
    v1 = Cli.write(dir.resolve("v1.yaml"), Schemas.V1).toString();
  }

  private static List<String> fields(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void syncReportHasEveryDocumentedField() {
    Cli.Result r =
        Cli.run("sync", "--url", url, "--target", v1, "--tenant", "acme", "--format", "json");
    assertThat(r.exit()).as(r::toString).isZero();
    JsonNode root = r.json();
    assertThat(fields(root)).containsExactlyElementsOf(ENVELOPE);
    assertThat(root.get("command").asText()).isEqualTo("sync");
    assertThat(root.get("target").asText()).endsWith("v1.yaml");
    assertThat(root.get("targetHash").asText()).hasSize(64);
    assertThat(root.get("outcome").asText()).isEqualTo("OK");
    assertThat(root.get("exitCode").asInt()).isZero();
    assertThat(root.get("error").isNull()).isTrue();

    JsonNode tenant = root.get("tenants").get(0);
    assertThat(fields(tenant)).containsExactlyElementsOf(TENANT);
    assertThat(tenant.get("tenant").asText()).isEqualTo("acme");
    assertThat(tenant.get("status").asText()).isEqualTo("APPLIED");
    assertThat(tenant.get("diff").toString()).contains("create table accounts");

    JsonNode plan = tenant.get("plan");
    assertThat(plan.get("warnings").isArray()).isTrue();
    assertThat(plan.get("violations").isArray()).isTrue();
    JsonNode step = plan.get("steps").get(0);
    assertThat(fields(step)).containsExactlyElementsOf(STEP);
    assertThat(step.get("index").asInt()).isEqualTo(1);
    assertThat(step.get("safety").asText()).isIn("SAFE", "LOCKING", "BREAKING", "DESTRUCTIVE");
    assertThat(step.get("sql").get(0).asText()).isNotBlank();
    assertThat(step.get("transactional").isBoolean()).isTrue();

    JsonNode execution = tenant.get("execution");
    assertThat(execution.get("committed").asBoolean()).isTrue();
    assertThat(execution.get("resultHash").asText()).isEqualTo(root.get("targetHash").asText());
  }

  @Test
  void validateDriftIsExitOneWithTheDiff() {
    Cli.run("sync", "--url", url, "--target", v1, "--tenant", "acme");
    String v2 = Cli.write(dir.resolve("v2.yaml"), Schemas.V2).toString();
    Cli.Result r = Cli.run("validate", "--url", url, "--target", v2, "--format", "json");
    assertThat(r.exit()).isEqualTo(ExitCode.DRIFT);
    JsonNode root = r.json();
    assertThat(root.get("outcome").asText()).isEqualTo("DRIFT");
    assertThat(root.get("exitCode").asInt()).isEqualTo(1);
    JsonNode tenant = root.get("tenants").get(0);
    assertThat(tenant.get("status").asText()).isEqualTo("DRIFT");
    assertThat(tenant.get("plan").isNull()).isTrue();
    assertThat(tenant.get("diff").toString()).contains("add column notes.created_at");
  }

  @Test
  void anErrorBeforeAnyReportStillPrintsAParseableDocument() {
    Cli.Result r = Cli.run("plan", "--url", "jdbc:foo:bar", "--target", v1, "--format", "json");
    assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT);
    JsonNode root = r.json();
    assertThat(fields(root)).containsExactlyElementsOf(ENVELOPE);
    assertThat(root.get("outcome").asText()).isEqualTo("INVALID_INPUT");
    assertThat(root.get("error").get("category").asText()).isEqualTo("INVALID_INPUT");
    assertThat(root.get("error").get("message").asText()).contains("no adapter accepts");
    assertThat(r.err()).contains("no adapter accepts");
  }
}
