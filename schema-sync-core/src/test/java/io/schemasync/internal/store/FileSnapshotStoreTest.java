package io.schemasync.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.schemasync.api.SnapshotStores;
import io.schemasync.api.TenantContext;
import io.schemasync.api.change.AddColumn;
import io.schemasync.api.change.SchemaDiff;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.PrimaryKey;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.View;
import io.schemasync.internal.diff.DefaultDiffCalculator;
import io.schemasync.spi.SnapshotStore;
import io.schemasync.spi.SnapshotStore.Entry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSnapshotStoreTest {
  private static final TenantContext ACME = TenantContext.of("acme");
  private static final TenantContext GLOBEX = TenantContext.of("globex");

  @TempDir Path root;

  private FileSnapshotStore store() {
    return new FileSnapshotStore(root, new DefaultDiffCalculator());
  }

  static SchemaSnapshot users(String... extraColumns) {
    List<Column> columns = new ArrayList<>();
    columns.add(Column.of("id", "INTEGER", false));
    columns.add(Column.of("name", "TEXT", true).withDefaultValue("'x'"));
    for (String extra : extraColumns) {
      columns.add(Column.of(extra, "TEXT", true));
    }
    Table users = Table.of("users", columns, new PrimaryKey(null, List.of("id")));
    return SchemaSnapshot.ofTables(List.of(users))
        .withViews(List.of(new View("user_names", "SELECT \"name\" FROM \"users\"", false)));
  }

  @Test
  void storesAndReadsBackTheSameSnapshot() {
    SnapshotStore store = store();
    SchemaSnapshot snapshot = users();

    String hash = store.store(ACME, snapshot);

    assertThat(hash).isEqualTo(snapshot.hash());
    assertThat(store.byHash(ACME, hash)).contains(snapshot);
    assertThat(store.latest(ACME)).contains(snapshot);
    Path object = root.resolve("objects").resolve(hash.substring(0, 2)).resolve(hash + ".json");
    assertThat(object).hasContent(snapshot.toJson());
  }

  @Test
  void unknownTenantHasNoHistory() {
    SnapshotStore store = store();

    assertThat(store.latest(ACME)).isEmpty();
    assertThat(store.list(ACME)).isEmpty();
    assertThat(store.byHash(ACME, users().hash())).isEmpty();
    assertThat(root.resolve("tenants")).doesNotExist();
  }

  @Test
  void sameSnapshotFromTwoTenantsIsStoredOnce() throws IOException {
    SnapshotStore store = store();

    String first = store.store(ACME, users());
    String second = store.store(GLOBEX, users());
    store.store(ACME, users());

    assertThat(second).isEqualTo(first);
    assertThat(objectFiles()).hasSize(1);
    assertThat(store.list(ACME)).extracting(Entry::hash).containsExactly(first, first);
    assertThat(store.list(GLOBEX)).extracting(Entry::hash).containsExactly(first);
  }

  @Test
  void historyIsOldestFirstWithTheStoreTimes() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    SnapshotStore store = new FileSnapshotStore(root, new DefaultDiffCalculator(), clock);

    String v1 = store.store(ACME, users());
    clock.advance(Duration.ofMinutes(1));
    String v2 = store.store(ACME, users("email"));
    clock.advance(Duration.ofMinutes(1));
    String v3 = store.store(ACME, users());

    assertThat(store.list(ACME))
        .containsExactly(
            new Entry(v1, Instant.parse("2026-01-01T00:00:00Z")),
            new Entry(v2, Instant.parse("2026-01-01T00:01:00Z")),
            new Entry(v3, Instant.parse("2026-01-01T00:02:00Z")));
    assertThat(store.latest(ACME)).contains(users());
    assertThat(v3).isEqualTo(v1);
  }

  @Test
  void latestIsTheLastStoredEvenWhenTheClockGoesBack() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    SnapshotStore store = new FileSnapshotStore(root, new DefaultDiffCalculator(), clock);
    store.store(ACME, users());
    clock.advance(Duration.ofHours(-1));

    store.store(ACME, users("email"));

    assertThat(store.latest(ACME)).contains(users("email"));
  }

  @Test
  void byHashOnlyFindsSnapshotsInThatTenantsHistory() {
    SnapshotStore store = store();
    String acmeOnly = store.store(ACME, users("email"));
    store.store(GLOBEX, users());

    assertThat(store.byHash(ACME, acmeOnly)).contains(users("email"));
    assertThat(store.byHash(GLOBEX, acmeOnly)).isEmpty();
    assertThat(store.byHash(ACME, "0".repeat(64))).isEmpty();
    assertThat(store.byHash(ACME, "../../etc/passwd")).isEmpty();
    assertThat(store.byHash(ACME, acmeOnly.toUpperCase())).isEmpty();
  }

  @Test
  void compareDiffsTwoStoredSnapshots() {
    SnapshotStore store = store();
    String before = store.store(ACME, users());
    String after = store.store(ACME, users("email"));

    SchemaDiff diff = store.compare(ACME, before, after);

    assertThat(diff.changes())
        .singleElement()
        .isInstanceOfSatisfying(
            AddColumn.class, add -> assertThat(add.column().name()).isEqualTo("email"));
    assertThat(store.compare(ACME, after, after).isEmpty()).isTrue();
  }

  @Test
  void compareNamesTenantAndHashWhenOneIsUnknown() {
    SnapshotStore store = store();
    String known = store.store(ACME, users());
    String globexOnly = store.store(GLOBEX, users("email"));

    assertThatThrownBy(() -> store.compare(ACME, known, globexOnly))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tenant 'acme'")
        .hasMessageContaining(globexOnly);
    assertThatThrownBy(() -> store.compare(ACME, "nope", known))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'nope'");
  }

  @Test
  void corruptObjectIsReportedWithItsPath() throws IOException {
    SnapshotStore store = store();
    String hash = store.store(ACME, users());
    Path object = objectFiles().get(0);
    Files.writeString(object, users("email").toJson());

    assertThatThrownBy(() -> store.latest(ACME))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(object.toString())
        .hasMessageContaining("corrupt")
        .hasMessageContaining("hashes to " + users("email").hash());
    assertThatThrownBy(() -> store.byHash(ACME, hash)).hasMessageContaining(object.toString());
  }

  @Test
  void truncatedOrEditedObjectIsReported() throws IOException {
    SnapshotStore store = store();
    String hash = store.store(ACME, users());
    Path object = objectFiles().get(0);
    String json = Files.readString(object);

    Files.writeString(object, json.substring(0, json.length() / 2));
    assertThatThrownBy(() -> store.byHash(ACME, hash))
        .hasMessageContaining(object.toString())
        .hasMessageContaining("not a snapshot document");

    // Same content, different bytes: parses to the right hash but was not written by the store.
    Files.writeString(object, json.replace("\n", "\n "));
    assertThatThrownBy(() -> store.byHash(ACME, hash))
        .hasMessageContaining(object.toString())
        .hasMessageContaining("canonical");
  }

  @Test
  void storingAgainRepairsADamagedObject() throws IOException {
    SnapshotStore store = store();
    String hash = store.store(ACME, users());
    Files.writeString(objectFiles().get(0), "garbage");

    store.store(GLOBEX, users());

    assertThat(store.byHash(ACME, hash)).contains(users());
  }

  @Test
  void missingObjectIsReportedWithTheHistoryThatNamesIt() throws IOException {
    SnapshotStore store = store();
    String hash = store.store(ACME, users());
    Files.delete(objectFiles().get(0));

    assertThatThrownBy(() -> store.latest(ACME))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tenant 'acme'")
        .hasMessageContaining(hash)
        .hasMessageContaining("missing");
  }

  @Test
  void malformedHistoryLineIsReportedWithFileAndLine() throws IOException {
    SnapshotStore store = store();
    store.store(ACME, users());
    Path history = historyFile(ACME);
    Files.writeString(history, "not a line\n", StandardOpenOption.APPEND);

    assertThatThrownBy(() -> store.list(ACME))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(history.toString())
        .hasMessageContaining("line 2")
        .hasMessageContaining("tenant 'acme'");
  }

  @Test
  void tornLastHistoryLineIsIgnoredAndCutOffByTheNextStore() throws IOException {
    SnapshotStore store = store();
    String v1 = store.store(ACME, users());
    Path history = historyFile(ACME);
    Files.writeString(history, "2026-01-01T00:00:00Z 12ab", StandardOpenOption.APPEND);

    assertThat(store.list(ACME)).extracting(Entry::hash).containsExactly(v1);

    String v2 = store.store(ACME, users("email"));
    assertThat(store.list(ACME)).extracting(Entry::hash).containsExactly(v1, v2);
    assertThat(Files.readAllLines(history)).hasSize(2);
  }

  @Test
  void hostileTenantIdsGetTheirOwnSafeDirectories() throws IOException {
    List<String> ids =
        List.of(
            "x\"; DROP SCHEMA public; --",
            "../../escape",
            "a/b\\c",
            "..",
            ".",
            "Acme",
            "acme",
            "ACME",
            "con",
            "nul.txt",
            "t\u00e9nant-\u65e5\u672c-\ud83d\ude80",
            "a".repeat(TenantContext.MAX_LENGTH),
            "\u00e9".repeat(TenantContext.MAX_LENGTH),
            "\u00e9".repeat(TenantContext.MAX_LENGTH - 1) + "e",
            "space in id",
            "*?<>|:");
    SnapshotStore store = store();
    List<String> hashes = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      hashes.add(store.store(TenantContext.of(ids.get(i)), users("c" + i)));
    }

    for (int i = 0; i < ids.size(); i++) {
      TenantContext tenant = TenantContext.of(ids.get(i));
      assertThat(store.list(tenant)).extracting(Entry::hash).containsExactly(hashes.get(i));
      assertThat(store.latest(tenant)).contains(users("c" + i));
    }
    try (Stream<Path> dirs = Files.list(root.resolve("tenants"))) {
      List<Path> tenantDirs = dirs.toList();
      assertThat(tenantDirs).hasSize(ids.size());
      for (Path dir : tenantDirs) {
        String name = dir.getFileName().toString();
        assertThat(name).matches("[a-z0-9_.~-]+").hasSizeLessThanOrEqualTo(255);
        assertThat(dir.getParent()).isEqualTo(root.resolve("tenants"));
        String id = Files.readString(dir.resolve("tenant-id"));
        assertThat(ids).contains(id);
      }
    }
    Set<String> lowerCased = new HashSet<>();
    for (String id : ids) {
      assertThat(lowerCased.add(TenantDirectoryName.of(id).toLowerCase()))
          .as("case-insensitively unique directory for %s", id)
          .isTrue();
    }
  }

  @Test
  void concurrentStoresFromManyThreadsKeepEveryEntry() throws Exception {
    SnapshotStore store = store();
    int threads = 8;
    int perThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<String>>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        int thread = t;
        Callable<List<String>> task =
            () -> {
              start.await();
              List<String> stored = new ArrayList<>();
              // Two tenants and a shared set of snapshots: every object write races another.
              for (int i = 0; i < perThread; i++) {
                TenantContext tenant = i % 2 == 0 ? ACME : GLOBEX;
                stored.add(store.store(tenant, users("c" + ((thread + i) % 5))));
              }
              return stored;
            };
        futures.add(pool.submit(task));
      }
      start.countDown();
      List<String> all = new ArrayList<>();
      for (Future<List<String>> future : futures) {
        all.addAll(future.get());
      }

      List<String> histories = new ArrayList<>();
      store.list(ACME).forEach(e -> histories.add(e.hash()));
      store.list(GLOBEX).forEach(e -> histories.add(e.hash()));
      assertThat(histories).hasSize(threads * perThread).containsExactlyInAnyOrderElementsOf(all);
      assertThat(objectFiles()).hasSize(5);
      for (String hash : new HashSet<>(all)) {
        assertThat(store.byHash(ACME, hash).or(() -> store.byHash(GLOBEX, hash))).isPresent();
      }
      try (Stream<Path> files = Files.walk(root)) {
        assertThat(files.filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void twoStoresOnOneRootShareHistory() {
    SnapshotStore first = store();
    SnapshotStore second = store();

    String v1 = first.store(ACME, users());
    String v2 = second.store(ACME, users("email"));

    assertThat(first.list(ACME)).extracting(Entry::hash).containsExactly(v1, v2);
  }

  @Test
  void reopenedStoreReadsWhatAnEarlierOneWrote() {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-04T05:06:07.123456789Z"));
    SnapshotStore writer = new FileSnapshotStore(root, new DefaultDiffCalculator(), clock);
    String v1 = writer.store(ACME, users());
    clock.advance(Duration.ofSeconds(1));
    String v2 = writer.store(ACME, users("email"));
    List<Entry> written = writer.list(ACME);

    SnapshotStore reopened = SnapshotStores.files(root);

    assertThat(reopened.list(ACME)).isEqualTo(written);
    assertThat(reopened.latest(ACME)).contains(users("email"));
    assertThat(reopened.byHash(ACME, v1)).contains(users());
    assertThat(reopened.compare(ACME, v1, v2).isEmpty()).isFalse();
  }

  @Test
  void rootThatIsAFileIsRejected() throws IOException {
    Path file = Files.writeString(root.resolve("plain-file"), "x");

    assertThatThrownBy(() -> SnapshotStores.files(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString());
  }

  private List<Path> objectFiles() throws IOException {
    try (Stream<Path> files = Files.walk(root.resolve("objects"))) {
      return files.filter(p -> p.toString().endsWith(".json")).toList();
    }
  }

  private Path historyFile(TenantContext tenant) {
    return root.resolve("tenants").resolve(TenantDirectoryName.of(tenant.id())).resolve("history");
  }

  /** A clock the test moves by hand. */
  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
