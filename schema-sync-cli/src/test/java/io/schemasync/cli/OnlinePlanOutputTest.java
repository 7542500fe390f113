package io.schemasync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** How {@code plan} shows the queries a PostgreSQL online dry run runs in place of a step. */
class OnlinePlanOutputTest {
  @Test
  void aStepAfterTheCommitShowsTheQueryTheDryRunRunsInstead() throws Exception {
    String url = PostgresServer.url();
    String base = "online_" + Long.toHexString(System.nanoTime()).toLowerCase(Locale.ROOT);
    try {
      PostgresServer.exec(
          url,
          "CREATE SCHEMA " + base + "_ref",
          "CREATE TABLE " + base + "_ref.items (id integer PRIMARY KEY, name text NOT NULL)",
          "CREATE SCHEMA " + base + "_t",
          "CREATE TABLE " + base + "_t.items (id integer PRIMARY KEY, name text)",
          "INSERT INTO " + base + "_t.items VALUES (1, 'a'), (2, NULL)");
      String online = url + (url.contains("?") ? "&" : "?") + "schemasync.online=true";
      String[] plan = {
        "plan",
        "--url",
        online,
        "--target",
        "tenant:" + base + "_ref",
        "--tenant",
        base + "_t",
        "--breaking",
        "warn"
      };
      Cli.Result text = Cli.run(plan);
      assertThat(text.exit()).as(text.toString()).isEqualTo(ExitCode.FAILED);
      String query = "SELECT 1 FROM \"" + base + "_t\".\"items\" WHERE \"name\" IS NULL LIMIT 1";
      assertThat(text.out())
          .contains("(outside a transaction)")
          .contains("dry run checks instead that no row fails it: " + query)
          .contains("items holds NULL in name");

      String[] json = java.util.Arrays.copyOf(plan, plan.length + 2);
      json[plan.length] = "--format";
      json[plan.length + 1] = "json";
      JsonNode steps = Cli.run(json).json().get("tenants").get(0).get("plan").get("steps");
      assertThat(steps.get(0).has("rowChecks")).as("a step in the transaction has none").isFalse();
      JsonNode check = steps.get(1).get("rowChecks").get(0);
      assertThat(check.get("query").asText()).isEqualTo(query);
      assertThat(check.get("finding").asText()).isEqualTo("items holds NULL in name");
    } finally {
      PostgresServer.exec(
          url,
          "DROP SCHEMA IF EXISTS " + base + "_ref CASCADE",
          "DROP SCHEMA IF EXISTS " + base + "_t CASCADE");
    }
  }
}
