package io.schemasync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemasync.api.SchemaSync;
import io.schemasync.api.SyncReport;
import io.schemasync.api.Target;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin tool's JSON carries each tenant's status, changes and planned steps. */
class AdminToolTest {
  @TempDir Path tenants;

  @Test
  void reportsDriftAsJsonThenSyncsAndValidates() throws Exception {
    String url = "jdbc:sqlite:" + tenants;
    try (SchemaSync release1 =
        SchemaSync.builder().url(url).target(Target.of(Path.of("schema"))).build()) {
      release1.sync("initech");
    }

    SyncReport validate = AdminTool.run("validate", url, Path.of("schema-v2"));
    JsonNode json = new ObjectMapper().readTree(AdminTool.toJson(validate));
    assertThat(json.get("operation").asText()).isEqualTo("validate");
    assertThat(json.get("outcome").asText()).isEqualTo("DRIFT");
    JsonNode tenant = json.get("tenants").get(0);
    assertThat(tenant.get("id").asText()).isEqualTo("initech");
    assertThat(tenant.get("status").asText()).isEqualTo("DRIFT");
    assertThat(tenant.get("changes").toString()).contains("add column users.last_login_at");

    JsonNode plan =
        new ObjectMapper()
            .readTree(AdminTool.toJson(AdminTool.run("plan", url, Path.of("schema-v2"))));
    JsonNode firstStep = plan.get("tenants").get(0).get("steps").get(0);
    assertThat(firstStep.get("index").asInt()).isEqualTo(1);
    assertThat(firstStep.get("sql").size()).isPositive();

    assertThat(AdminTool.run("sync", url, Path.of("schema-v2")).outcome())
        .isEqualTo(SyncReport.Outcome.OK);
    assertThat(AdminTool.run("validate", url, Path.of("schema-v2")).outcome())
        .isEqualTo(SyncReport.Outcome.OK);
  }
}
