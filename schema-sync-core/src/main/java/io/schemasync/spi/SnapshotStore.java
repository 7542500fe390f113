package io.schemasync.spi;

import io.schemasync.api.TenantContext;
import io.schemasync.api.change.SchemaDiff;
import io.schemasync.api.model.SchemaSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** History of snapshots per tenant, content-addressed by {@link SchemaSnapshot#hash()}. */
public interface SnapshotStore {
  /** Stores the snapshot (once per content) and records it as the tenant's latest; its hash. */
  String store(TenantContext tenant, SchemaSnapshot snapshot);

  Optional<SchemaSnapshot> latest(TenantContext tenant);

  Optional<SchemaSnapshot> byHash(TenantContext tenant, String hash);

  /** The tenant's history, oldest first. */
  List<Entry> list(TenantContext tenant);

  /** The diff from one stored snapshot to another. */
  SchemaDiff compare(TenantContext tenant, String fromHash, String toHash);

  /** One point in a tenant's history. */
  record Entry(String hash, Instant storedAt) {}
}
