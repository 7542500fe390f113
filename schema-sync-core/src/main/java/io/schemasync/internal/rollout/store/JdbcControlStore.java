package io.schemasync.internal.rollout.store;

import io.schemasync.api.UnableToConnectException;
import io.schemasync.api.plan.PlanPolicy;
import io.schemasync.api.rollout.AttemptOutcome;
import io.schemasync.api.rollout.JobSettings;
import io.schemasync.api.rollout.JobState;
import io.schemasync.api.rollout.Phase;
import io.schemasync.api.rollout.RolloutJob;
import io.schemasync.api.rollout.RolloutTask;
import io.schemasync.api.rollout.TaskAttempt;
import io.schemasync.api.rollout.TaskState;
import io.schemasync.api.rollout.WorkerRef;
import io.schemasync.spi.ControlStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A control store in three plain tables of a JDBC database, shared by the SQLite and PostgreSQL
 * stores; the engine differences sit in a {@link StoreDialect}. One connection, used by one thread
 * at a time; every write is one transaction, so a worker killed at any moment leaves either the old
 * or the new row.
 */
public final class JdbcControlStore implements ControlStore {
  private static final String TASK_COLUMNS =
      "job_id, task_id, tenant_id, wave, state, attempts,"
          + " worker_id, worker_host, worker_pid, lease_until, started_at, finished_at, error";
  private static final String JOB_COLUMNS =
      "id, state, target, target_hash, url, last_wave, max_failures,"
          + " lease_ms, allow_destructive, breaking, wave, created_at, updated_at, message";

  /** The states of jobs that ended, as an SQL list of literals. */
  private static final String ENDED_STATES =
      String.join(
          ", ",
          Arrays.stream(JobState.values())
              .filter(JobState::isTerminal)
              .map(state -> "'" + state.name() + "'")
              .toList());

  private final Connection connection;
  private final StoreDialect dialect;
  private final String description;
  private final String jobs;
  private final String tasks;
  private final String attempts;

  /**
   * @param description the store's URL, password masked, for messages
   */
  public JdbcControlStore(Connection connection, StoreDialect dialect, String description) {
    this.connection = connection;
    this.dialect = dialect;
    this.description = description;
    this.jobs = dialect.table("rollout_jobs");
    this.tasks = dialect.table("rollout_tasks");
    this.attempts = dialect.table("rollout_attempts");
    try {
      dialect.initialize(
          connection,
          new String[] {
            "CREATE TABLE IF NOT EXISTS "
                + jobs
                + " (id TEXT PRIMARY KEY, state TEXT NOT NULL,"
                + " target TEXT, target_hash TEXT, url TEXT, last_wave INT NOT NULL, max_failures INT NOT NULL,"
                + " lease_ms BIGINT NOT NULL, allow_destructive INT NOT NULL, breaking TEXT NOT NULL,"
                + " wave INT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, message TEXT,"
                + " target_document TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS "
                + tasks
                + " (job_id TEXT NOT NULL, task_id TEXT NOT NULL,"
                + " tenant_id TEXT NOT NULL, wave INT NOT NULL, state TEXT NOT NULL, attempts INT NOT NULL,"
                + " worker_id TEXT, worker_host TEXT, worker_pid BIGINT, lease_until BIGINT, started_at BIGINT,"
                + " finished_at BIGINT, error TEXT, PRIMARY KEY (job_id, task_id))",
            "CREATE TABLE IF NOT EXISTS "
                + attempts
                + " (job_id TEXT NOT NULL, task_id TEXT NOT NULL,"
                + " tenant_id TEXT NOT NULL, phase TEXT NOT NULL, worker_id TEXT NOT NULL, worker_host TEXT NOT NULL,"
                + " worker_pid BIGINT NOT NULL, started_at BIGINT, finished_at BIGINT, outcome TEXT NOT NULL,"
                + " statements INT NOT NULL, plan_hash TEXT, error TEXT)",
            "CREATE INDEX IF NOT EXISTS rollout_attempts_job ON " + attempts + " (job_id)"
          });
    } catch (SQLException e) {
      throw failure("cannot create the control store's tables", e);
    }
  }

  @Override
  public synchronized void createJob(
      RolloutJob job, String targetDocument, List<RolloutTask> newTasks) {
    write(
        "create job " + job.id(),
        () -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO "
                      + jobs
                      + " ("
                      + JOB_COLUMNS
                      + ", target_document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            JobSettings s = job.settings();
            insert.setString(1, job.id());
            insert.setString(2, job.state().name());
            insert.setString(3, job.target());
            insert.setString(4, job.targetHash());
            insert.setString(5, job.url());
            insert.setInt(6, s.lastWave());
            insert.setInt(7, s.maxFailures());
            insert.setLong(8, s.lease().toMillis());
            insert.setInt(9, s.policy().allowDestructive() ? 1 : 0);
            insert.setString(10, s.policy().breaking().name());
            insert.setInt(11, job.wave());
            long now = dialect.now(connection);
            insert.setLong(12, now);
            insert.setLong(13, now);
            insert.setString(14, job.message());
            insert.setString(15, targetDocument);
            insert.executeUpdate();
          }
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO "
                      + tasks
                      + " (job_id, task_id, tenant_id, wave, state, attempts) VALUES (?, ?, ?, ?, ?, 0)")) {
            for (RolloutTask task : newTasks) {
              insert.setString(1, task.jobId());
              insert.setString(2, task.taskId());
              insert.setString(3, task.tenantId());
              insert.setInt(4, task.wave());
              insert.setString(5, task.state().name());
              insert.addBatch();
            }
            insert.executeBatch();
          }
          return null;
        });
  }

  @Override
  public synchronized Optional<RolloutJob> job(String jobId) {
    List<RolloutJob> found = queryJobs(" WHERE id = ?", jobId);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public synchronized List<RolloutJob> jobs() {
    return queryJobs(" ORDER BY created_at DESC, id DESC");
  }

  @Override
  public synchronized String targetDocument(String jobId) {
    try (PreparedStatement q =
        connection.prepareStatement("SELECT target_document FROM " + jobs + " WHERE id = ?")) {
      q.setString(1, jobId);
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) {
          throw io.schemasync.api.rollout.NoSuchRolloutException.noJob(jobId, description);
        }
        return rs.getString(1);
      }
    } catch (SQLException e) {
      throw failure("cannot read job " + jobId, e);
    }
  }

  @Override
  public synchronized List<RolloutTask> tasks(String jobId) {
    return queryTasks(" WHERE job_id = ? ORDER BY wave, task_id", jobId);
  }

  @Override
  public synchronized List<TaskAttempt> attempts(String jobId) {
    List<TaskAttempt> result = new ArrayList<>();
    try (PreparedStatement q =
        connection.prepareStatement(
            "SELECT job_id, task_id, tenant_id, phase, worker_id,"
                + " worker_host, worker_pid, started_at, finished_at, outcome, statements, plan_hash, error FROM "
                + attempts
                + " WHERE job_id = ? ORDER BY finished_at, task_id")) {
      q.setString(1, jobId);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          result.add(
              new TaskAttempt(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  Phase.valueOf(rs.getString(4)),
                  new WorkerRef(rs.getString(5), rs.getString(6), rs.getLong(7)),
                  instant(rs, 8),
                  instant(rs, 9),
                  AttemptOutcome.valueOf(rs.getString(10)),
                  rs.getInt(11),
                  rs.getString(12),
                  rs.getString(13)));
        }
      }
    } catch (SQLException e) {
      throw failure("cannot read the audit trail of job " + jobId, e);
    }
    return result;
  }

  @Override
  public synchronized boolean updateJob(
      String jobId, JobState from, int fromWave, JobState to, int toWave, String message) {
    return write(
        "update job " + jobId,
        () -> {
          try (PreparedStatement u =
              connection.prepareStatement(
                  "UPDATE "
                      + jobs
                      + " SET state = ?, wave = ?,"
                      + " message = COALESCE(?, message), updated_at = ? WHERE id = ? AND state = ? AND wave = ?")) {
            u.setString(1, to.name());
            u.setInt(2, toWave);
            u.setString(3, message);
            u.setLong(4, dialect.now(connection));
            u.setString(5, jobId);
            u.setString(6, from.name());
            u.setInt(7, fromWave);
            return u.executeUpdate() == 1;
          }
        });
  }

  @Override
  public synchronized List<RolloutTask> claim(
      String jobId, Phase phase, int maxWave, WorkerRef worker, Duration lease, int limit) {
    return writeTasks(
        "claim tasks of job " + jobId,
        () -> {
          long now = dialect.now(connection);
          String states = phase == Phase.DRY_RUN ? "'ENQUEUED'" : "'DRY_RUN_OK', 'RUNNING'";
          List<String> ids = new ArrayList<>();
          try (PreparedStatement q =
              connection.prepareStatement(
                  "SELECT task_id FROM "
                      + tasks
                      + " WHERE job_id = ? AND state IN ("
                      + states
                      + ") AND wave <= ?"
                      + " AND (lease_until IS NULL OR lease_until < ?) ORDER BY wave, task_id LIMIT ? "
                      + dialect.claimLocking())) {
            q.setString(1, jobId);
            q.setInt(2, maxWave);
            q.setLong(3, now);
            q.setInt(4, limit);
            try (ResultSet rs = q.executeQuery()) {
              while (rs.next()) {
                ids.add(rs.getString(1));
              }
            }
          }
          String set =
              phase == Phase.DRY_RUN
                  ? "lease_until = ?"
                  : "lease_until = ?, state = 'RUNNING', attempts = attempts + 1, started_at = "
                      + now
                      + ", finished_at = NULL";
          try (PreparedStatement u =
              connection.prepareStatement(
                  "UPDATE "
                      + tasks
                      + " SET worker_id = ?,"
                      + " worker_host = ?, worker_pid = ?, "
                      + set
                      + " WHERE job_id = ? AND task_id = ?")) {
            for (String id : ids) {
              u.setString(1, worker.id());
              u.setString(2, worker.host());
              u.setLong(3, worker.pid());
              u.setLong(4, now + lease.toMillis());
              u.setString(5, jobId);
              u.setString(6, id);
              u.addBatch();
            }
            if (!ids.isEmpty()) {
              u.executeBatch();
            }
          }
          List<RolloutTask> claimed = new ArrayList<>();
          for (String id : ids) {
            claimed.addAll(queryTasks(" WHERE job_id = ? AND task_id = ?", jobId, id));
          }
          return claimed;
        });
  }

  @Override
  public synchronized void renew(String jobId, WorkerRef worker, Duration lease) {
    write(
        "renew leases of job " + jobId,
        () -> {
          try (PreparedStatement u =
              connection.prepareStatement(
                  "UPDATE "
                      + tasks
                      + " SET lease_until = ?"
                      + " WHERE job_id = ? AND worker_id = ? AND lease_until IS NOT NULL")) {
            u.setLong(1, dialect.now(connection) + lease.toMillis());
            u.setString(2, jobId);
            u.setString(3, worker.id());
            return u.executeUpdate();
          }
        });
  }

  @Override
  public boolean finish(
      RolloutTask task, WorkerRef worker, TaskState state, String error, TaskAttempt attempt) {
    return finishAll(worker, List.of(new TaskEnd(task, state, error, attempt))).isEmpty();
  }

  /** One transaction, one clock reading and two batched statements, whatever the number of ends. */
  @Override
  public synchronized List<RolloutTask> finishAll(WorkerRef worker, List<TaskEnd> ends) {
    if (ends.isEmpty()) {
      return List.of();
    }
    RolloutTask first = ends.get(0).task();
    return writeTasks(
        ends.size() == 1
            ? "record task " + first.taskId() + " of job " + first.jobId()
            : "record " + ends.size() + " tasks of job " + first.jobId(),
        () -> {
          int[] updated;
          long now = dialect.now(connection);
          try (PreparedStatement u =
              connection.prepareStatement(
                  "UPDATE "
                      + tasks
                      + " SET state = ?, error = ?,"
                      + " lease_until = NULL, finished_at = ? WHERE job_id = ? AND task_id = ? AND worker_id = ?"
                      + " AND lease_until IS NOT NULL")) {
            for (TaskEnd end : ends) {
              u.setString(1, end.state().name());
              u.setString(2, end.error());
              u.setLong(3, now);
              u.setString(4, end.task().jobId());
              u.setString(5, end.task().taskId());
              u.setString(6, worker.id());
              u.addBatch();
            }
            updated = u.executeBatch();
          }
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO "
                      + attempts
                      + " (job_id, task_id, tenant_id, phase, worker_id, worker_host, worker_pid, started_at, finished_at,"
                      + " outcome, statements, plan_hash, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (TaskEnd end : ends) {
              TaskAttempt attempt = end.attempt();
              insert.setString(1, attempt.jobId());
              insert.setString(2, attempt.taskId());
              insert.setString(3, attempt.tenantId());
              insert.setString(4, attempt.phase().name());
              insert.setString(5, attempt.worker().id());
              insert.setString(6, attempt.worker().host());
              insert.setLong(7, attempt.worker().pid());
              setInstant(insert, 8, attempt.startedAt());
              setInstant(insert, 9, attempt.finishedAt());
              insert.setString(10, attempt.outcome().name());
              insert.setInt(11, attempt.statements());
              insert.setString(12, attempt.planHash());
              insert.setString(13, attempt.error());
              insert.addBatch();
            }
            insert.executeBatch();
          }
          List<RolloutTask> lost = new ArrayList<>();
          for (int i = 0; i < ends.size(); i++) {
            if (updated[i] == 0) { // a driver may answer SUCCESS_NO_INFO: taken as held
              lost.add(ends.get(i).task());
            }
          }
          return lost;
        });
  }

  @Override
  public synchronized int reopenFailed(String jobId) {
    return write(
        "re-open job " + jobId,
        () -> {
          Optional<RolloutJob> job = queryJobs(" WHERE id = ?", jobId).stream().findFirst();
          if (job.isEmpty()) {
            return -1;
          }
          JobState from = job.get().state();
          JobState to;
          TaskState failed;
          TaskState queued;
          if (from == JobState.FAILED) {
            to = JobState.RUNNING;
            failed = TaskState.FAILED;
            queued = TaskState.DRY_RUN_OK;
          } else if (from == JobState.DRY_RUN_FAILED) {
            to = JobState.WAITING_FOR_DRY_RUN;
            failed = TaskState.DRY_RUN_FAILED;
            queued = TaskState.ENQUEUED;
          } else {
            return -1;
          }
          try (PreparedStatement u =
              connection.prepareStatement(
                  "UPDATE "
                      + jobs
                      + " SET state = ?, message = NULL, updated_at = ? WHERE id = ? AND state = ?")) {
            u.setString(1, to.name());
            u.setLong(2, dialect.now(connection));
            u.setString(3, jobId);
            u.setString(4, from.name());
            if (u.executeUpdate() != 1) {
              return -1;
            }
          }
          try (PreparedStatement u =
              connection.prepareStatement(
                  "UPDATE "
                      + tasks
                      + " SET state = ?, error = NULL, lease_until = NULL, finished_at = NULL"
                      + " WHERE job_id = ? AND state = ?")) {
            u.setString(1, queued.name());
            u.setString(2, jobId);
            u.setString(3, failed.name());
            return u.executeUpdate();
          }
        });
  }

  @Override
  public synchronized int expireLeases(String jobId, String workerId) {
    return writeTasks(
        "expire leases of job " + jobId,
        () -> {
          try (PreparedStatement u =
              connection.prepareStatement(
                  "UPDATE "
                      + tasks
                      + " SET lease_until = 0"
                      + " WHERE job_id = ? AND worker_id = ? AND lease_until IS NOT NULL")) {
            u.setString(1, jobId);
            u.setString(2, workerId);
            return u.executeUpdate();
          }
        });
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // nothing is pending: every write committed or rolled back
    }
  }

  @Override
  public synchronized List<RolloutJob> deleteEndedJobs(Duration age) {
    return write(
        "delete the jobs that ended " + age + " ago or more",
        () -> {
          long cutoff = dialect.now(connection) - age.toMillis();
          String endedLongAgo = "state IN (" + ENDED_STATES + ") AND updated_at <= ?";
          List<RolloutJob> candidates =
              queryJobs(" WHERE " + endedLongAgo + " ORDER BY created_at DESC, id DESC", cutoff);
          List<RolloutJob> deleted = new ArrayList<>();
          try (PreparedStatement job =
                  connection.prepareStatement(
                      "DELETE FROM " + jobs + " WHERE id = ? AND " + endedLongAgo);
              PreparedStatement itsTasks =
                  connection.prepareStatement("DELETE FROM " + tasks + " WHERE job_id = ?");
              PreparedStatement itsAttempts =
                  connection.prepareStatement("DELETE FROM " + attempts + " WHERE job_id = ?")) {
            for (RolloutJob candidate : candidates) {
              job.setString(1, candidate.id());
              job.setLong(2, cutoff);
              // the state is tested again by the delete itself: a job retried since the select
              // (on PostgreSQL, by another process) is running again and stays
              if (job.executeUpdate() == 1) {
                for (PreparedStatement rows : List.of(itsTasks, itsAttempts)) {
                  rows.setString(1, candidate.id());
                  rows.executeUpdate();
                }
                deleted.add(candidate);
              }
            }
          }
          return deleted;
        });
  }

  // --- plumbing ---------------------------------------------------------------------------------

  private interface Work<T> {
    T run() throws SQLException;
  }

  private <T> T write(String what, Work<T> work) {
    return write(what, false, work);
  }

  /** A write of task rows only: see {@link StoreDialect#relaxDurability}. */
  private <T> T writeTasks(String what, Work<T> work) {
    return write(what, true, work);
  }

  private <T> T write(String what, boolean relaxed, Work<T> work) {
    try {
      dialect.begin(connection);
      try {
        if (relaxed) {
          dialect.relaxDurability(connection);
        }
        T result = work.run();
        dialect.commit(connection);
        return result;
      } catch (SQLException | RuntimeException e) {
        dialect.rollback(connection);
        throw e;
      }
    } catch (SQLException e) {
      throw failure("cannot " + what, e);
    }
  }

  /** The jobs a query of {@link #JOB_COLUMNS} finds, with {@code where} and its parameters. */
  private List<RolloutJob> queryJobs(String where, Object... params) {
    List<RolloutJob> result = new ArrayList<>();
    try (PreparedStatement q =
        connection.prepareStatement("SELECT " + JOB_COLUMNS + " FROM " + jobs + where)) {
      for (int i = 0; i < params.length; i++) {
        q.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          result.add(readJob(rs));
        }
      }
    } catch (SQLException e) {
      throw failure("cannot read rollout jobs", e);
    }
    return result;
  }

  /** The job of the current row of a query of {@link #JOB_COLUMNS}. */
  private static RolloutJob readJob(ResultSet rs) throws SQLException {
    JobSettings settings =
        new JobSettings(
            rs.getInt(6),
            rs.getInt(7),
            Duration.ofMillis(rs.getLong(8)),
            new PlanPolicy(rs.getInt(9) == 1, PlanPolicy.BreakingPolicy.valueOf(rs.getString(10))));
    return new RolloutJob(
        rs.getString(1),
        JobState.valueOf(rs.getString(2)),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        settings,
        rs.getInt(11),
        instant(rs, 12),
        instant(rs, 13),
        rs.getString(14));
  }

  private List<RolloutTask> queryTasks(String where, String... params) {
    List<RolloutTask> result = new ArrayList<>();
    try (PreparedStatement q =
        connection.prepareStatement("SELECT " + TASK_COLUMNS + " FROM " + tasks + where)) {
      for (int i = 0; i < params.length; i++) {
        q.setString(i + 1, params[i]);
      }
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          String workerId = rs.getString(7);
          WorkerRef worker =
              workerId == null ? null : new WorkerRef(workerId, rs.getString(8), rs.getLong(9));
          result.add(
              new RolloutTask(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getInt(4),
                  TaskState.valueOf(rs.getString(5)),
                  rs.getInt(6),
                  worker,
                  instant(rs, 10),
                  instant(rs, 11),
                  instant(rs, 12),
                  rs.getString(13)));
        }
      }
    } catch (SQLException e) {
      throw failure("cannot read rollout tasks", e);
    }
    return result;
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    long millis = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }

  private static void setInstant(PreparedStatement statement, int index, Instant value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, value.toEpochMilli());
    }
  }

  private UnableToConnectException failure(String what, SQLException e) {
    return new UnableToConnectException(
        null,
        what
            + " in the control store "
            + description
            + ": "
            + e.getMessage()
            + "; check that the store is reachable and writable, then resume the job",
        e);
  }
}
