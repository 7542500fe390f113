package io.schemasync.api.rollout;

import java.net.InetAddress;
import java.util.Objects;
import java.util.UUID;

/**
 * A worker process taking part in a rollout, as recorded in the audit trail.
 *
 * @param id unique per worker instance
 * @param host the machine's host name
 * @param pid the operating-system process id
 */
public record WorkerRef(String id, String host, long pid) {
  public WorkerRef {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(host, "host");
  }

  /** A new identity for a worker in this process. */
  public static WorkerRef current() {
    long pid = ProcessHandle.current().pid();
    String host = LocalHost.NAME;
    return new WorkerRef(
        host + ":" + pid + ":" + UUID.randomUUID().toString().substring(0, 8), host, pid);
  }

  /** Whether this worker ran on this machine and its process has exited. */
  public boolean isDeadLocalProcess() {
    return host.equals(LocalHost.NAME)
        && pid != ProcessHandle.current().pid()
        && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
  }

  /** Resolved once: the lookup can be slow on misconfigured machines. */
  private static final class LocalHost {
    static final String NAME = resolve();

    private static String resolve() {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (Exception e) {
        String env = System.getenv("HOSTNAME");
        return env == null || env.isBlank() ? "localhost" : env;
      }
    }
  }
}
