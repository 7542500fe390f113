package io.schemasync.api.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hashes of the snapshots hashed last, looked up by value. The tenants of a fleet mostly share
 * a few schemas and are all planned to one target, and hashing a snapshot (its canonical JSON, then
 * SHA-256) costs more than comparing two: a sync or rollout of a thousand alike tenants hashes a
 * handful of distinct snapshots, however often each tenant's is asked for.
 */
final class SnapshotHashes {
  private final Map<SchemaSnapshot, String> recent;

  SnapshotHashes(int capacity) {
    this.recent =
        new LinkedHashMap<>(capacity * 2, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<SchemaSnapshot, String> eldest) {
            return size() > capacity;
          }
        };
  }

  /** {@link SchemaSnapshot#hash()}, from the recent ones when an equal snapshot was hashed. */
  String of(SchemaSnapshot snapshot) {
    synchronized (recent) {
      String known = recent.get(snapshot);
      if (known != null) {
        return known;
      }
    }
    String hash = snapshot.computeHash(); // outside the lock: other threads' lookups need not wait
    synchronized (recent) {
      recent.put(snapshot, hash);
    }
    return hash;
  }
}
