package io.schemasync.internal.store;

import io.schemasync.api.TenantContext;
import io.schemasync.api.change.SchemaDiff;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.spi.DiffCalculator;
import io.schemasync.spi.SnapshotStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link SnapshotStore} in a directory: content-addressed snapshots shared by all tenants, and
 * one append-only history file per tenant.
 *
 * <pre>
 * root/
 *   objects/ab/ab12…ef.json         one file per distinct snapshot, named by its hash
 *   tenants/&lt;encoded id&gt;/history   "&lt;ISO instant&gt; &lt;hash&gt;" per store, oldest first
 *   tenants/&lt;encoded id&gt;/tenant-id the tenant id as given, for people reading the tree
 * </pre>
 *
 * <p>The object is written (atomically) before the history line that names it, so a crash between
 * the two leaves an unreferenced object, never a history entry without its snapshot. Thread safe;
 * several processes may share a root (history appends take a file lock).
 *
 * <p>Objects are keyed by {@link SchemaSnapshot#hash()}, which ignores column order: when two
 * tenants store snapshots differing only in column order, both read back the first one stored.
 */
public final class FileSnapshotStore implements SnapshotStore {
  private static final String TENANT_ID_FILE = "tenant-id";

  private final Path root;
  private final SnapshotObjects objects;
  private final DiffCalculator diff;
  private final Clock clock;

  public FileSnapshotStore(Path root, DiffCalculator diff) {
    this(root, diff, Clock.systemUTC());
  }

  /**
   * @param clock stamps the history entries (tests pass a fixed one)
   */
  public FileSnapshotStore(Path root, DiffCalculator diff, Clock clock) {
    this.root = Objects.requireNonNull(root, "snapshot store root").toAbsolutePath().normalize();
    this.diff = Objects.requireNonNull(diff, "diff calculator");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.objects = new SnapshotObjects(this.root.resolve("objects"));
    if (Files.exists(this.root) && !Files.isDirectory(this.root)) {
      throw new IllegalArgumentException(
          "snapshot store root "
              + this.root
              + " is a file; give a directory (it is created"
              + " when missing)");
    }
  }

  /** The directory this store keeps its files in. */
  public Path root() {
    return root;
  }

  @Override
  public String store(TenantContext tenant, SchemaSnapshot snapshot) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(snapshot, "snapshot");
    String hash = objects.put(snapshot);
    recordTenantId(tenant);
    history(tenant).append(new Entry(hash, clock.instant()));
    return hash;
  }

  @Override
  public Optional<SchemaSnapshot> latest(TenantContext tenant) {
    List<Entry> entries = history(tenant).read();
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(load(tenant, entries.get(entries.size() - 1).hash()));
  }

  @Override
  public Optional<SchemaSnapshot> byHash(TenantContext tenant, String hash) {
    if (!SnapshotObjects.isHash(hash) || !inHistory(tenant, hash)) {
      return Optional.empty();
    }
    return Optional.of(load(tenant, hash));
  }

  @Override
  public List<Entry> list(TenantContext tenant) {
    return history(tenant).read();
  }

  @Override
  public SchemaDiff compare(TenantContext tenant, String fromHash, String toHash) {
    SchemaSnapshot from = require(tenant, fromHash);
    SchemaSnapshot to = require(tenant, toHash);
    return diff.diff(from, to);
  }

  private SchemaSnapshot require(TenantContext tenant, String hash) {
    return byHash(tenant, hash)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "tenant '"
                        + tenant.id()
                        + "' has no stored snapshot with hash '"
                        + hash
                        + "' in "
                        + root
                        + "; list the tenant's history to see the hashes it has"));
  }

  private boolean inHistory(TenantContext tenant, String hash) {
    return history(tenant).read().stream().anyMatch(e -> e.hash().equals(hash));
  }

  private SchemaSnapshot load(TenantContext tenant, String hash) {
    return objects
        .get(hash)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the history "
                        + history(tenant).path()
                        + " of tenant '"
                        + tenant.id()
                        + "' names snapshot "
                        + hash
                        + " but "
                        + objects.pathOf(hash)
                        + " is missing; restore it from a backup or store that snapshot again"));
  }

  private Path tenantDirectory(TenantContext tenant) {
    return root.resolve("tenants").resolve(TenantDirectoryName.of(tenant.id()));
  }

  private HistoryFile history(TenantContext tenant) {
    return new HistoryFile(tenantDirectory(tenant).resolve("history"), tenant.id());
  }

  // Lets people (and this store) tell which tenant an encoded directory belongs to.
  private void recordTenantId(TenantContext tenant) {
    Path file = tenantDirectory(tenant).resolve(TENANT_ID_FILE);
    try {
      if (Files.exists(file)) {
        String recorded = Files.readString(file, StandardCharsets.UTF_8);
        if (!recorded.equals(tenant.id())) {
          throw new IllegalStateException(
              "snapshot store directory "
                  + file.getParent()
                  + " belongs to tenant '"
                  + recorded
                  + "', not '"
                  + tenant.id()
                  + "'; the store under "
                  + root
                  + " was modified by hand");
        }
        return;
      }
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), TENANT_ID_FILE, ".tmp");
      Files.writeString(temp, tenant.id(), StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot record tenant '" + tenant.id() + "' in snapshot store " + root, e);
    }
  }
}
