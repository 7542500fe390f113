package io.schemasync.internal.rollout;

import io.schemasync.api.rollout.JobState;
import io.schemasync.api.rollout.NoSuchRolloutException;
import io.schemasync.api.rollout.Phase;
import io.schemasync.api.rollout.RolloutJob;
import io.schemasync.api.rollout.RolloutTask;
import io.schemasync.api.rollout.TaskState;
import io.schemasync.api.rollout.WorkerOptions;
import io.schemasync.api.rollout.WorkerRef;
import io.schemasync.spi.ControlStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker process's part in a job: claims tasks up to its parallelism (times the adapter's batch
 * size), runs them on a thread pool, renews its leases every third of the lease, takes over tasks
 * of dead local processes, and steps the job when there is nothing left to claim. Returns when the
 * job has ended and its own tasks in flight have finished.
 */
final class WorkerLoop {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerLoop.class);
  private static final long REAP_INTERVAL_MS = 1000;

  private final ControlStore store;
  private final TenantPipeline pipeline;
  private final String jobId;
  private final WorkerOptions options;
  private final WorkerRef worker = WorkerRef.current();
  private final JobDriver driver;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean failureSeen = new AtomicBoolean();
  private final AtomicReference<RuntimeException> fatal = new AtomicReference<>();
  private final BlockingQueue<Boolean> wake = new ArrayBlockingQueue<>(1024);

  private final boolean takeOverDeadLocalWorkers;

  /**
   * @param takeOverDeadLocalWorkers free at once the tasks of exited processes of this machine
   *     (what an operator's resume wants) instead of waiting for their leases to expire
   */
  WorkerLoop(
      ControlStore store,
      TenantPipeline pipeline,
      String jobId,
      WorkerOptions options,
      boolean takeOverDeadLocalWorkers) {
    this.takeOverDeadLocalWorkers = takeOverDeadLocalWorkers;
    this.store = store;
    this.pipeline = pipeline;
    this.jobId = jobId;
    this.options = options;
    this.driver = new JobDriver(store);
  }

  RolloutJob run() {
    RolloutJob job = store.job(jobId).orElseThrow(() -> NoSuchRolloutException.noJob(jobId, null));
    JobTarget target = JobTarget.fromDocument(store.targetDocument(jobId));
    TaskRunner runner = new TaskRunner(pipeline, job, target, worker);
    pipeline.adapter().expectConcurrency(options.parallelism());
    Duration lease = job.settings().lease();
    ExecutorService pool =
        Executors.newFixedThreadPool(options.parallelism(), daemon("rollout-worker"));
    ScheduledExecutorService renewer =
        Executors.newSingleThreadScheduledExecutor(daemon("rollout-lease"));
    long period = Math.max(50, lease.toMillis() / 3);
    renewer.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
    LOG.info("worker {} joins rollout {}", worker.id(), jobId);
    try {
      reapDeadWorkers();
      long lastReap = System.currentTimeMillis();
      RolloutJob last = null;
      while (fatal.get() == null) {
        job = store.job(jobId).orElseThrow();
        if (last == null || last.state() != job.state() || last.wave() != job.wave()) {
          options.listener().jobChanged(job);
        }
        last = job;
        if (job.state().isTerminal()) {
          break;
        }
        if (failureSeen.getAndSet(false) && driver.step(job)) {
          continue; // a failure may end the job (canary, --max-failures) before another tenant
          // starts
        }
        int claimed = claimAndSubmit(job, runner, lease, pool);
        boolean idle = claimed == 0 && inFlight.get() < options.parallelism();
        if (idle && driver.step(job)) {
          continue;
        }
        if (idle && System.currentTimeMillis() - lastReap > REAP_INTERVAL_MS) {
          reapDeadWorkers();
          lastReap = System.currentTimeMillis();
        }
        if (claimed == 0) {
          wake.poll(options.poll().toMillis(), TimeUnit.MILLISECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      pool.shutdown();
      awaitQuietly(pool);
      renewer.shutdownNow();
    }
    if (fatal.get() != null) {
      throw fatal.get();
    }
    return store.job(jobId).orElseThrow();
  }

  private int claimAndSubmit(
      RolloutJob job, TaskRunner runner, Duration lease, ExecutorService pool) {
    Phase phase =
        job.state() == JobState.WAITING_FOR_DRY_RUN
            ? Phase.DRY_RUN
            : job.state() == JobState.RUNNING ? Phase.RUN : null;
    int free = options.parallelism() - inFlight.get();
    if (phase == null || free <= 0) {
      return 0;
    }
    // the gate covers every wave; the real run only the waves opened so far
    int maxWave = phase == Phase.DRY_RUN ? Integer.MAX_VALUE : job.wave();
    int batch = batchSize(job, phase);
    List<RolloutTask> tasks = store.claim(jobId, phase, maxWave, worker, lease, free * batch);
    // dealt round-robin, so that a short last claim still keeps every free thread busy
    List<List<RolloutTask>> batches = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      if (i < free) {
        batches.add(new ArrayList<>());
      }
      batches.get(i % free).add(tasks.get(i));
    }
    for (List<RolloutTask> slice : batches) {
      inFlight.incrementAndGet();
      pool.execute(
          () -> {
            List<TaskRunner.Result> ended = new ArrayList<>();
            try {
              runner.runAll(
                  slice,
                  phase,
                  task -> options.listener().taskStarted(task, phase),
                  result -> {
                    ended.add(result);
                    options.listener().taskFinished(result.attempt());
                  });
            } catch (RuntimeException e) {
              fatal.compareAndSet(null, e);
            } finally {
              try {
                record(ended);
              } catch (RuntimeException e) {
                fatal.compareAndSet(null, e);
              }
              inFlight.decrementAndGet();
              wake.offer(Boolean.TRUE);
            }
          });
    }
    return tasks.size();
  }

  /**
   * How many tasks one thread takes at once. The gate runs every task whatever happens, and so does
   * the last wave of a job without {@code --max-failures}; otherwise a failure must stop the job
   * before more tenants start, so a thread holds only the one it works on.
   */
  private int batchSize(RolloutJob job, Phase phase) {
    boolean failureStopsJob =
        job.settings().maxFailures() > 0 || job.wave() < job.settings().lastWave();
    return phase == Phase.DRY_RUN || !failureStopsJob
        ? Math.max(1, pipeline.adapter().runner().batchSize())
        : 1;
  }

  /**
   * Records the ends of a thread's tasks in one store transaction, once the thread is done with
   * them: a batch of tenants costs one store write, not one each. Until then the tasks read RUNNING
   * under this worker's lease; a crash in between is what the commit markers cover (the real run's
   * changes are found committed, the dry runs are run again).
   */
  private void record(List<TaskRunner.Result> ended) {
    if (ended.isEmpty()) {
      return;
    }
    List<ControlStore.TaskEnd> ends =
        ended.stream()
            .map(
                r ->
                    new ControlStore.TaskEnd(r.task(), r.state(), r.attempt().error(), r.attempt()))
            .toList();
    for (RolloutTask lost : store.finishAll(worker, ends)) {
      LOG.warn(
          "tenant {}: lost the lease on task {} while working on it; the attempt is in the audit trail",
          lost.tenantId(),
          lost.taskId());
    }
    if (ended.stream().anyMatch(r -> r.state() == TaskState.FAILED)) {
      failureSeen.set(true);
    }
  }

  private void renew() {
    try {
      if (inFlight.get() > 0) {
        store.renew(jobId, worker, store.job(jobId).orElseThrow().settings().lease());
      }
    } catch (RuntimeException e) {
      // a missed renewal only risks a takeover, which the commit markers make harmless
      LOG.warn("worker {}: cannot renew leases: {}", worker.id(), e.getMessage());
    }
  }

  /**
   * Tasks held by processes of this machine that have exited are free at once, not after the lease.
   */
  private void reapDeadWorkers() {
    if (!takeOverDeadLocalWorkers) {
      return;
    }
    Set<WorkerRef> dead =
        store.tasks(jobId).stream()
            .filter(
                t ->
                    t.leaseUntil() != null
                        && t.worker() != null
                        && t.leaseUntil().toEpochMilli() > 0)
            .map(RolloutTask::worker)
            .filter(w -> !w.id().equals(worker.id()) && w.isDeadLocalProcess())
            .collect(Collectors.toSet());
    for (WorkerRef w : dead) {
      int n = store.expireLeases(jobId, w.id());
      LOG.info(
          "worker {} (pid {}) has exited; {} of its task(s) are free again", w.id(), w.pid(), n);
    }
  }

  private static void awaitQuietly(ExecutorService pool) {
    try {
      while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
        LOG.info("waiting for tasks in flight to finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
