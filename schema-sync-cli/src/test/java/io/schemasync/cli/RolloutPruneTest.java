package io.schemasync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rollout prune} also deletes the markers its jobs left outside PostgreSQL tenants. */
class RolloutPruneTest {
  @TempDir Path dir;

  @Test
  void pruneDeletesTheCommitMarkersItsJobsLeftInTheTenantsDatabase() throws Exception {
    String url = PostgresServer.url();
    String base = "prune_" + Long.toHexString(System.nanoTime()).toLowerCase(Locale.ROOT);
    String control = "jdbc:sqlite:" + dir.resolve("control.db");
    try {
      PostgresServer.exec(url, "CREATE SCHEMA " + base + "_a", "CREATE SCHEMA " + base + "_b");
      Path v2 = Cli.write(dir.resolve("v2.yaml"), Schemas.V2);
      Cli.Result run =
          Cli.run(
              "rollout",
              "--url",
              url,
              "--target",
              v2.toString(),
              "--tenants",
              base + "_*",
              "--control",
              control,
              "--format",
              "json");
      assertThat(run.exit()).as(run.toString()).isZero();
      String jobId = run.json().get("job").get("id").asText();
      String markers =
          "SELECT count(*) FROM schemasync_control.rollout_markers WHERE job_id = '" + jobId + "'";
      assertThat(PostgresServer.count(url, markers)).isEqualTo(2);

      Cli.Result pruned = Cli.run("rollout", "prune", "--older-than", "0s", "--control", control);
      assertThat(pruned.exit()).as(pruned.toString()).isZero();
      assertThat(pruned.out()).contains(jobId);
      assertThat(pruned.err()).doesNotContain("note:");
      assertThat(PostgresServer.count(url, markers)).isZero();
    } finally {
      PostgresServer.exec(
          url,
          "DROP SCHEMA IF EXISTS " + base + "_a CASCADE",
          "DROP SCHEMA IF EXISTS " + base + "_b CASCADE");
    }
  }
}
