package io.schemasync.internal.store;

import io.schemasync.api.TenantContext;
import io.schemasync.internal.diff.DefaultDiffCalculator;
import java.nio.file.Path;

/** Run as a separate JVM by {@link FileSnapshotStoreProcessTest}: stores a series of snapshots. */
public final class StoreWriterProcess {
  private StoreWriterProcess() {}

  /** Arguments: store root, tenant id, number of stores, column name prefix. */
  public static void main(String[] args) {
    FileSnapshotStore store = new FileSnapshotStore(Path.of(args[0]), new DefaultDiffCalculator());
    TenantContext tenant = TenantContext.of(args[1]);
    int count = Integer.parseInt(args[2]);
    for (int i = 0; i < count; i++) {
      store.store(tenant, FileSnapshotStoreTest.users(args[3] + (i % 7)));
    }
  }
}
