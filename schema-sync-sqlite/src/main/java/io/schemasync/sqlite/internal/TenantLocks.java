package io.schemasync.sqlite.internal;

import io.schemasync.api.UnableToAcquireLockException;
import io.schemasync.spi.TenantLock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Per-tenant migration locks: a semaphore per lock file within this JVM (file locks are held per
 * process, so two threads could otherwise both "hold" one), and an OS file lock on a sidecar file
 * {@code <tenant>.db.lock} across processes. The sidecar is never deleted: deleting a lock file
 * another process has open would let two processes lock two different files.
 */
public final class TenantLocks {
  private static final Map<String, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();
  private static final long POLL_MILLIS = 25;

  private TenantLocks() {}

  /**
   * Takes the lock, waiting at most {@code timeout}.
   *
   * @param key identifies the tenant within this process
   * @param lockFile the sidecar file, empty when the tenant has no file to lock next to
   */
  public static TenantLock acquire(
      String tenant, String key, Optional<Path> lockFile, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Semaphore local = IN_PROCESS.computeIfAbsent(key, k -> new Semaphore(1));
    try {
      if (!local.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new UnableToAcquireLockException(
            tenant,
            "tenant "
                + tenant
                + " is locked by another migration in this process; waited "
                + timeout
                + ". Retry later or raise the lock timeout");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnableToAcquireLockException(tenant, "interrupted while waiting for the lock", e);
    }
    if (lockFile.isEmpty()) {
      return new Held(local, null);
    }
    try {
      return new Held(local, lockFile(tenant, lockFile.get(), deadline, timeout));
    } catch (RuntimeException e) {
      local.release();
      throw e;
    }
  }

  private static FileLock lockFile(String tenant, Path file, long deadline, Duration timeout) {
    FileChannel channel = null;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
      while (true) {
        FileLock lock = channel.tryLock();
        if (lock != null) {
          channel.truncate(0);
          channel.write(ByteBuffer.wrap(holder().getBytes(StandardCharsets.UTF_8)), 0);
          return lock;
        }
        if (System.nanoTime() >= deadline) {
          String holder = readHolder(channel);
          channel.close();
          throw new UnableToAcquireLockException(
              tenant,
              "tenant "
                  + tenant
                  + " is locked by another process"
                  + (holder.isEmpty() ? "" : " (" + holder + ")")
                  + " through "
                  + file
                  + "; waited "
                  + timeout
                  + ". Retry later or raise the lock timeout");
        }
        Thread.sleep(POLL_MILLIS);
      }
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UnableToAcquireLockException(
          tenant, "cannot lock " + file + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(channel);
      throw new UnableToAcquireLockException(tenant, "interrupted while waiting for the lock", e);
    }
  }

  private static String holder() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "unknown host";
    }
    return "pid " + ProcessHandle.current().pid() + " on " + host;
  }

  private static String readHolder(FileChannel channel) {
    try {
      ByteBuffer buffer = ByteBuffer.allocate(200);
      int read = channel.read(buffer, 0);
      return read <= 0 ? "" : new String(buffer.array(), 0, read, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "";
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // already failing; the original error is the one to report
      }
    }
  }

  /** A held lock; closing twice is harmless. */
  private static final class Held implements TenantLock {
    private final Semaphore local;
    private final FileLock file;
    private final AtomicBoolean open = new AtomicBoolean(true);

    Held(Semaphore local, FileLock file) {
      this.local = local;
      this.file = file;
    }

    @Override
    public void close() {
      if (!open.compareAndSet(true, false)) {
        return;
      }
      try {
        if (file != null) {
          file.release();
          file.channel().close();
        }
      } catch (IOException ignored) {
        // closing the channel releases the OS lock in any case
      } finally {
        local.release();
      }
    }
  }
}
