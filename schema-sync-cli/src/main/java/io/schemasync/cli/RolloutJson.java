package io.schemasync.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.schemasync.api.rollout.RolloutJob;
import io.schemasync.api.rollout.RolloutReport;
import io.schemasync.api.rollout.RolloutTask;
import io.schemasync.api.rollout.TaskAttempt;
import io.schemasync.internal.JdbcUrls;
import java.time.Instant;
import java.util.List;

/**
 * The JSON document the rollout commands print with {@code --format json}, documented in
 * docs/cli-json.md: every field always present, in a fixed order.
 */
@JsonPropertyOrder({
  "command",
  "control",
  "outcome",
  "exitCode",
  "job",
  "tasks",
  "attempts",
  "jobs",
  "error"
})
record RolloutJson(
    String command,
    String control,
    String outcome,
    int exitCode,
    Job job,
    List<Task> tasks,
    List<Attempt> attempts,
    List<Job> jobs,
    JsonReport.Error error) {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  static RolloutJson of(String command, String control, RolloutReport report, int exitCode) {
    return new RolloutJson(
        command,
        JdbcUrls.mask(control),
        ExitCode.outcomeName(exitCode),
        exitCode,
        Job.of(report.job(), report),
        report.tasks().stream().map(Task::of).toList(),
        report.attempts().stream().map(Attempt::of).toList(),
        null,
        null);
  }

  static RolloutJson ofJobs(String command, String control, List<RolloutJob> jobs) {
    return new RolloutJson(
        command,
        JdbcUrls.mask(control),
        "OK",
        0,
        null,
        null,
        null,
        jobs.stream().map(j -> Job.of(j, null)).toList(),
        null);
  }

  static RolloutJson ofError(String command, String control, Throwable error, int exitCode) {
    return new RolloutJson(
        command,
        JdbcUrls.mask(control),
        ExitCode.outcomeName(exitCode),
        exitCode,
        null,
        List.of(),
        List.of(),
        null,
        JsonReport.Error.of(error));
  }

  String write() {
    try {
      return MAPPER.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the JSON report", e);
    }
  }

  /** A job; {@code counts} is null in job lists. */
  @JsonPropertyOrder({
    "id",
    "state",
    "wave",
    "lastWave",
    "target",
    "targetHash",
    "url",
    "maxFailures",
    "createdAt",
    "updatedAt",
    "message",
    "counts"
  })
  record Job(
      String id,
      String state,
      int wave,
      int lastWave,
      String target,
      String targetHash,
      String url,
      int maxFailures,
      String createdAt,
      String updatedAt,
      String message,
      Counts counts) {
    static Job of(RolloutJob job, RolloutReport report) {
      return new Job(
          job.id(),
          job.state().name(),
          job.wave(),
          job.settings().lastWave(),
          job.target(),
          job.targetHash(),
          job.url(),
          job.settings().maxFailures(),
          time(job.createdAt()),
          time(job.updatedAt()),
          job.message(),
          report == null ? null : Counts.of(report));
    }
  }

  /** Tasks per state. */
  @JsonPropertyOrder({
    "total",
    "enqueued",
    "dryRunOk",
    "dryRunFailed",
    "running",
    "succeeded",
    "failed"
  })
  record Counts(
      int total,
      long enqueued,
      long dryRunOk,
      long dryRunFailed,
      long running,
      long succeeded,
      long failed) {
    static Counts of(RolloutReport r) {
      return new Counts(
          r.tasks().size(),
          r.count(io.schemasync.api.rollout.TaskState.ENQUEUED),
          r.count(io.schemasync.api.rollout.TaskState.DRY_RUN_OK),
          r.count(io.schemasync.api.rollout.TaskState.DRY_RUN_FAILED),
          r.count(io.schemasync.api.rollout.TaskState.RUNNING),
          r.count(io.schemasync.api.rollout.TaskState.SUCCEEDED),
          r.count(io.schemasync.api.rollout.TaskState.FAILED));
    }
  }

  /** One tenant's task. */
  @JsonPropertyOrder({
    "tenant",
    "state",
    "wave",
    "attempts",
    "worker",
    "startedAt",
    "finishedAt",
    "error"
  })
  record Task(
      String tenant,
      String state,
      int wave,
      int attempts,
      String worker,
      String startedAt,
      String finishedAt,
      String error) {
    static Task of(RolloutTask t) {
      return new Task(
          t.tenantId(),
          t.state().name(),
          t.wave(),
          t.attempts(),
          t.worker() == null ? null : t.worker().id(),
          time(t.startedAt()),
          time(t.finishedAt()),
          t.error());
    }
  }

  /** One line of the audit trail. */
  @JsonPropertyOrder({
    "tenant",
    "phase",
    "outcome",
    "worker",
    "host",
    "pid",
    "startedAt",
    "finishedAt",
    "statements",
    "planHash",
    "error"
  })
  record Attempt(
      String tenant,
      String phase,
      String outcome,
      String worker,
      String host,
      long pid,
      String startedAt,
      String finishedAt,
      int statements,
      String planHash,
      String error) {
    static Attempt of(TaskAttempt a) {
      return new Attempt(
          a.tenantId(),
          a.phase().name(),
          a.outcome().name(),
          a.worker().id(),
          a.worker().host(),
          a.worker().pid(),
          time(a.startedAt()),
          time(a.finishedAt()),
          a.statements(),
          a.planHash(),
          a.error());
    }
  }

  private static String time(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
