package io.schemasync.testsupport.rollout;

import io.schemasync.api.rollout.RolloutTask;
import io.schemasync.api.rollout.TaskState;
import io.schemasync.internal.rollout.ControlStores;
import io.schemasync.spi.ControlStore;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Starts {@link RolloutChild} worker processes and kills them at chosen moments. */
public final class ChildWorkers {
  private final String tenantsUrl;
  private final String controlUrl;
  private final String jobId;
  private final Path logs;
  private final List<String> kills = new ArrayList<>();
  private int started;

  public ChildWorkers(String tenantsUrl, String controlUrl, String jobId, Path logs) {
    this.tenantsUrl = tenantsUrl;
    this.controlUrl = controlUrl;
    this.jobId = jobId;
    this.logs = logs;
  }

  public Process start(int parallelism, long stepDelayMillis) {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-cp",
                classpath,
                "-Xshare:auto",
                "-XX:TieredStopAtLevel=1",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                RolloutChild.class.getName(),
                tenantsUrl,
                controlUrl,
                jobId,
                String.valueOf(parallelism),
                String.valueOf(stepDelayMillis)));
    File log = logs.resolve("worker-" + (++started) + ".log").toFile();
    try {
      return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits until the condition holds on the job's tasks or the process exits; true if it held first.
   */
  public boolean awaitTasks(
      Process process, Predicate<List<RolloutTask>> condition, long timeoutMillis) {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    try (ControlStore store = ControlStores.open(controlUrl, null, null)) {
      while (process.isAlive() && System.currentTimeMillis() < deadline) {
        if (condition.test(store.tasks(jobId))) {
          return process.isAlive();
        }
        sleep(5);
      }
    }
    return false;
  }

  /**
   * Starts a worker of four threads and kills it hard as soon as the job's tasks meet {@code when};
   * the kill counts in {@link #kills} when it hit a live worker.
   */
  public void killWhen(String name, long stepDelayMillis, Predicate<List<RolloutTask>> when) {
    Process process = start(4, stepDelayMillis);
    if (awaitTasks(process, when, 60_000) && kill(process)) {
      kills.add(name);
    }
    kill(process);
  }

  /** Starts a worker of four threads and kills it hard after {@code millis}. */
  public void killAfter(long millis, long stepDelayMillis) {
    Process process = start(4, stepDelayMillis);
    sleep(millis);
    if (kill(process)) {
      kills.add("after " + millis + " ms");
    }
  }

  /** The kills of {@link #killWhen} and {@link #killAfter} that hit a live worker, in order. */
  public List<String> kills() {
    return Collections.unmodifiableList(kills);
  }

  /** Tenants that committed so far, read from the store now. */
  public long succeeded() {
    try (ControlStore store = ControlStores.open(controlUrl, null, null)) {
      return count(store.tasks(jobId), TaskState.SUCCEEDED);
    }
  }

  /** Tenants not yet finished, read from the store now. */
  public long remaining() {
    try (ControlStore store = ControlStores.open(controlUrl, null, null)) {
      return store.tasks(jobId).stream().filter(t -> !t.state().isFinished()).count();
    }
  }

  /** Kills the process hard (no shutdown hooks) if it still runs; true when it did. */
  public static boolean kill(Process process) {
    if (!process.isAlive()) {
      return false;
    }
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return true;
  }

  public static int exitCode(Process process, long timeoutSeconds) {
    try {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("worker did not finish within " + timeoutSeconds + "s");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public static long count(List<RolloutTask> tasks, TaskState... states) {
    List<TaskState> wanted = List.of(states);
    return tasks.stream().filter(t -> wanted.contains(t.state())).count();
  }

  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
