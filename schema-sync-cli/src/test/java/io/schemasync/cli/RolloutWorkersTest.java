package io.schemasync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.Target;
import io.schemasync.api.TenantSelection;
import io.schemasync.api.rollout.AttemptOutcome;
import io.schemasync.api.rollout.JobState;
import io.schemasync.api.rollout.Phase;
import io.schemasync.api.rollout.RolloutOptions;
import io.schemasync.api.rollout.RolloutReport;
import io.schemasync.api.rollout.RolloutTask;
import io.schemasync.api.rollout.Rollouts;
import io.schemasync.api.rollout.TaskAttempt;
import io.schemasync.api.rollout.TaskState;
import io.schemasync.spi.CommitMarker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code rollout worker} processes share a 300-tenant rollout through the PostgreSQL control
 * store; one is killed hard mid-way, the other two take its tenants over when its lease expires and
 * finish; every tenant is migrated exactly once.
 */
class RolloutWorkersTest {
  private static final int TENANTS = 300;
  private static final String V1 =
      "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT);"
          + "CREATE TABLE notes (id INTEGER PRIMARY KEY, user_id INTEGER, body TEXT);"
          + "INSERT INTO users VALUES (1, 'a@x.test', 'Ann'), (2, 'b@x.test', 'Bob');";
  private static final String V2 =
      """
      CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT NOT NULL, plan TEXT NOT NULL DEFAULT 'free');
      CREATE UNIQUE INDEX users_email ON users (email);
      CREATE TABLE notes (id INTEGER PRIMARY KEY, user_id INTEGER, body TEXT, pinned INTEGER NOT NULL DEFAULT 0);
      CREATE INDEX notes_user ON notes (user_id);
      CREATE TABLE events (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id), at TEXT);
      """;

  @TempDir Path dir;

  @Test
  void workersShareAJobAndTakeOverAKilledWorkersTenants() throws Exception {
    String control = PostgresServer.url();
    Path tenants = Files.createDirectories(dir.resolve("tenants"));
    for (int i = 0; i < TENANTS; i++) {
      sqlite(tenants.resolve(id(i) + ".db"), V1);
    }
    Path target = Files.writeString(dir.resolve("v2.sql"), V2);
    String url = "jdbc:sqlite:" + tenants;
    String jobId;
    try (SchemaSync engine =
            SchemaSync.builder().url(url).target(new Target.SqlFile(target)).build();
        Rollouts rollouts = engine.rollouts(control)) {
      jobId =
          rollouts
              .enqueue(RolloutOptions.of(TenantSelection.all()).withLease(Duration.ofSeconds(2)))
              .id();
    }
    try {
      List<Process> workers = new ArrayList<>();
      for (int w = 0; w < 3; w++) {
        workers.add(worker(control, jobId, w));
      }
      boolean killedMidway = false;
      try (SchemaSync engine = SchemaSync.builder().url(url).build();
          Rollouts rollouts = engine.rollouts(control)) {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
          long done = rollouts.status(jobId).count(TaskState.SUCCEEDED);
          if (done >= TENANTS / 3) {
            killedMidway = done < TENANTS - 30 && workers.get(0).isAlive();
            workers.get(0).destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            break;
          }
          Thread.sleep(5);
        }
      }
      assertThat(killedMidway).as("worker 0 was killed while tenants remained").isTrue();
      for (Process p : workers.subList(1, 3)) {
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue())
            .as(Files.readString(dir.resolve("worker-" + workers.indexOf(p) + ".log")))
            .isZero();
      }

      try (SchemaSync engine =
              SchemaSync.builder().url(url).target(new Target.SqlFile(target)).build();
          Rollouts rollouts = engine.rollouts(control)) {
        RolloutReport report = rollouts.status(jobId);
        assertThat(report.job().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(report.count(TaskState.SUCCEEDED)).isEqualTo(TENANTS);
        Map<String, List<TaskAttempt>> runs =
            report.attempts().stream()
                .filter(a -> a.phase() == Phase.RUN)
                .collect(Collectors.groupingBy(TaskAttempt::tenantId));
        String hash = engine.target().hash();
        for (int i = 0; i < TENANTS; i++) {
          assertThat(engine.inspect(id(i)).hash()).isEqualTo(hash);
          assertThat(
                  strings(
                      tenants.resolve(id(i) + ".db"),
                      "SELECT job_id || '/' || task_id FROM " + CommitMarker.TABLE))
              .containsExactly(jobId + "/" + id(i));
          assertThat(runs.get(id(i)))
              .hasSize(1)
              .allMatch(
                  a ->
                      a.outcome() == AttemptOutcome.APPLIED
                          || a.outcome() == AttemptOutcome.ALREADY_APPLIED);
        }
        long workersSeen =
            report.attempts().stream()
                .filter(a -> a.phase() == Phase.RUN)
                .map(a -> a.worker().pid())
                .distinct()
                .count();
        assertThat(workersSeen).as("workers that finished tenants").isEqualTo(3);
        List<RolloutTask> takenOver =
            report.tasks().stream().filter(t -> t.attempts() > 1).toList();
        System.out.println(
            "rollout workers test: "
                + takenOver.size()
                + " task(s) taken over after the kill; outcomes "
                + report.attempts().stream()
                    .filter(a -> a.phase() == Phase.RUN)
                    .collect(Collectors.groupingBy(TaskAttempt::outcome, Collectors.counting())));
      }
    } finally {
      deleteJob(control, jobId);
    }
  }

  private Process worker(String control, String jobId, int n) throws IOException {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            classpath,
            "-XX:TieredStopAtLevel=1",
            Main.class.getName(),
            "rollout",
            "worker",
            "--job",
            jobId,
            "--control",
            control,
            "--parallelism",
            "3")
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("worker-" + n + ".log").toFile())
        .start();
  }

  private static String id(int i) {
    return String.format("t%04d", i);
  }

  private static void sqlite(Path file, String script) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      for (String sql : script.split(";")) {
        if (!sql.isBlank()) {
          s.execute(sql);
        }
      }
    }
  }

  private static List<String> strings(Path file, String query) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
      return rows;
    }
  }

  private static void deleteJob(String control, String jobId) throws SQLException {
    try (Connection c = DriverManager.getConnection(control);
        Statement s = c.createStatement()) {
      for (String table : new String[] {"rollout_attempts", "rollout_tasks"}) {
        s.execute("DELETE FROM schemasync_control." + table + " WHERE job_id = '" + jobId + "'");
      }
      s.execute("DELETE FROM schemasync_control.rollout_jobs WHERE id = '" + jobId + "'");
    }
  }
}
