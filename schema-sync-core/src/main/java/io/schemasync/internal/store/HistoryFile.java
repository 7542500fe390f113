package io.schemasync.internal.store;

import io.schemasync.spi.SnapshotStore.Entry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One tenant's append-only history: a line {@code <ISO instant> <hash>} per store, oldest first.
 *
 * <p>Appends hold a JVM-wide lock for the file (a {@link FileLock} alone would throw {@code
 * OverlappingFileLockException} for two threads of one JVM) and then an OS lock on the file, so
 * concurrent writers, in this process or another, never interleave their lines. A crash can at
 * worst leave a last line without its newline: readers ignore it and the next append cuts it off.
 */
final class HistoryFile {
  private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  private final Path file;
  private final String tenantId;

  HistoryFile(Path file, String tenantId) {
    this.file = file.toAbsolutePath().normalize();
    this.tenantId = tenantId;
  }

  Path path() {
    return file;
  }

  /** Appends one entry; durable (forced to disk) when this returns. */
  void append(Entry entry) {
    ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(lockKey(), f -> new ReentrantLock());
    jvmLock.lock();
    try {
      try (FileChannel channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        FileLock lock = channel.lock();
        try {
          long end = completeLength(channel);
          channel.truncate(end);
          ByteBuffer line = ByteBuffer.wrap(format(entry).getBytes(StandardCharsets.UTF_8));
          long position = end;
          while (line.hasRemaining()) {
            position += channel.write(line, position);
          }
          channel.force(false);
        } finally {
          lock.release();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot append to the snapshot history of tenant '" + tenantId + "' in " + file, e);
    } finally {
      jvmLock.unlock();
    }
  }

  // Two paths to one file (a symlinked root) must share the JVM lock, or FileChannel.lock throws.
  private Path lockKey() {
    try {
      Files.createDirectories(file.getParent());
      return file.getParent().toRealPath().resolve(file.getFileName());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the snapshot history directory of tenant '"
              + tenantId
              + "': "
              + file.getParent(),
          e);
    }
  }

  /** The entries, oldest first; empty when the tenant has never stored a snapshot. */
  List<Entry> read() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the snapshot history of tenant '" + tenantId + "' in " + file, e);
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    List<Entry> entries = new ArrayList<>();
    int start = 0;
    int lineNumber = 1;
    // A tail without a newline is an append still in progress or cut short by a crash.
    for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      entries.add(parse(text.substring(start, nl), lineNumber++));
      start = nl + 1;
    }
    return List.copyOf(entries);
  }

  private Entry parse(String line, int lineNumber) {
    int space = line.indexOf(' ');
    if (space > 0) {
      String hash = line.substring(space + 1);
      if (SnapshotObjects.isHash(hash)) {
        try {
          return new Entry(hash, Instant.parse(line.substring(0, space)));
        } catch (DateTimeParseException e) {
          // reported below like any other malformed line
        }
      }
    }
    throw new IllegalStateException(
        "snapshot history "
            + file
            + " of tenant '"
            + tenantId
            + "' is corrupt at line "
            + lineNumber
            + ": expected '<ISO instant> <sha-256 hex>', found '"
            + (line.length() > 100 ? line.substring(0, 100) + "..." : line)
            + "'. Repair or remove that line; the snapshots themselves are kept under objects/.");
  }

  static String format(Entry entry) {
    return entry.storedAt() + " " + entry.hash() + "\n";
  }

  /** The length up to and including the last newline: what a torn append left out. */
  private static long completeLength(FileChannel channel) throws IOException {
    long size = channel.size();
    ByteBuffer one = ByteBuffer.allocate(1);
    for (long position = size - 1; position >= 0; position--) {
      one.clear();
      channel.read(one, position);
      if (one.get(0) == '\n') {
        return position + 1;
      }
    }
    return 0;
  }
}
