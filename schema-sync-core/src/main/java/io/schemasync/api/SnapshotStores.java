package io.schemasync.api;

import io.schemasync.internal.diff.DefaultDiffCalculator;
import io.schemasync.internal.store.FileSnapshotStore;
import io.schemasync.spi.DiffCalculator;
import io.schemasync.spi.SnapshotStore;
import java.nio.file.Path;

/**
 * Factories for the {@link SnapshotStore} implementations that ship with the library.
 *
 * <p>Every store returned here is thread safe.
 */
public final class SnapshotStores {
  private SnapshotStores() {}

  /**
   * A store keeping its files under {@code root} (created when missing): each distinct snapshot
   * once, as canonical JSON named by its hash, and an append-only history per tenant. Several
   * processes may share one root. Corrupt or hand-edited files are reported with their path, never
   * silently used.
   *
   * @throws IllegalArgumentException when {@code root} exists and is not a directory
   */
  public static SnapshotStore files(Path root) {
    return files(root, new DefaultDiffCalculator());
  }

  /** Like {@link #files(Path)}, comparing snapshots with the given diff calculator. */
  public static SnapshotStore files(Path root, DiffCalculator diff) {
    return new FileSnapshotStore(root, diff);
  }
}
