package io.schemasync.internal.store;

import io.schemasync.api.model.SchemaSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The content-addressed half of the store: {@code objects/<hh>/<hash>.json} holds each distinct
 * snapshot once, as the canonical JSON of {@link SchemaSnapshot#toJson()}.
 *
 * <p>Every read checks that the file parses, re-serializes to exactly its own bytes and hashes to
 * its name, so a damaged or hand-edited object is reported instead of silently diffed against.
 */
final class SnapshotObjects {
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  private final Path directory;

  SnapshotObjects(Path directory) {
    this.directory = directory;
  }

  static boolean isHash(String text) {
    return text != null && HASH.matcher(text).matches();
  }

  Path pathOf(String hash) {
    if (!isHash(hash)) {
      throw new IllegalArgumentException("not a snapshot hash (64 lower-case hex digits): " + hash);
    }
    return directory.resolve(hash.substring(0, 2)).resolve(hash + ".json");
  }

  /**
   * Writes the snapshot unless a sound copy is already there; returns its hash. A damaged copy is
   * replaced, since the caller is holding the content it should have.
   */
  String put(SchemaSnapshot snapshot) {
    String hash = snapshot.hash();
    Path target = pathOf(hash);
    if (Files.exists(target)) {
      try {
        read(hash, target);
        return hash;
      } catch (IllegalStateException damaged) {
        // fall through and write a sound copy over it
      }
    }
    writeAtomically(target, snapshot.toJson().getBytes(StandardCharsets.UTF_8));
    return hash;
  }

  /** The snapshot stored under the hash, empty when there is none. */
  Optional<SchemaSnapshot> get(String hash) {
    Path file = pathOf(hash);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    return Optional.of(read(hash, file));
  }

  private static SchemaSnapshot read(String hash, Path file) {
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw corrupt(file, "it disappeared while being read");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read stored snapshot " + file, e);
    }
    SchemaSnapshot snapshot;
    try {
      snapshot = SchemaSnapshot.fromJson(json);
    } catch (RuntimeException e) {
      throw corrupt(file, "it is not a snapshot document (" + e.getMessage() + ")");
    }
    String actual = snapshot.hash();
    if (!actual.equals(hash)) {
      throw corrupt(file, "its content hashes to " + actual);
    }
    if (!snapshot.toJson().equals(json)) {
      throw corrupt(file, "it is not in canonical form (edited by hand or partly overwritten)");
    }
    return snapshot;
  }

  private static IllegalStateException corrupt(Path file, String why) {
    return new IllegalStateException(
        "stored snapshot "
            + file
            + " is corrupt: "
            + why
            + ". Restore the file from a backup, or delete it and store the snapshot again.");
  }

  // Makes the rename itself durable on Linux; other platforms cannot open a directory, and there
  // the rename is as durable as the file system makes it.
  private static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // best effort, see above
    }
  }

  // Readers must never see a half-written object: write beside it, force, then rename over it.
  private static void writeAtomically(Path target, byte[] content) {
    Path dir = target.getParent();
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new UncheckedIOException(
            "the file system under "
                + dir
                + " cannot rename atomically; choose another root for"
                + " the snapshot store",
            e);
      }
      temp = null;
      forceDirectory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write stored snapshot " + target, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // the leftover temp file is harmless: readers only open <hash>.json
        }
      }
    }
  }
}
