package io.schemasync.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.SnapshotStores;
import io.schemasync.api.TenantContext;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.spi.SnapshotStore;
import io.schemasync.spi.SnapshotStore.Entry;
import io.schemasync.testsupport.gen.SchemaArbitraries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** The file store gives back every random schema exactly, and compares like the diff does. */
class SnapshotStorePropertyTest {
  private static Path root;
  private static int tenantCounter;

  @BeforeContainer
  static void createRoot() throws IOException {
    root = Files.createTempDirectory("snapshot-store-properties");
  }

  @AfterContainer
  static void deleteRoot() throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  @Property(tries = 10)
  void storedSchemasReadBackEqual(
      @ForAll("evolutions") Tuple2<SchemaSnapshot, SchemaSnapshot> pair) {
    SnapshotStore store = SnapshotStores.files(root);
    TenantContext tenant = TenantContext.of("tenant \"" + (++tenantCounter) + "\" \u00e9");

    String from = store.store(tenant, pair.get1());
    String to = store.store(tenant, pair.get2());

    SnapshotStore reopened = SnapshotStores.files(root);
    assertThat(reopened.list(tenant)).extracting(Entry::hash).containsExactly(from, to);
    assertThat(reopened.byHash(tenant, from)).contains(pair.get1());
    assertThat(reopened.latest(tenant)).contains(pair.get2());
    assertThat(reopened.compare(tenant, from, to).isEmpty()).isFalse();
    assertThat(reopened.compare(tenant, to, to).isEmpty()).isTrue();
  }

  @Provide
  Arbitrary<Tuple2<SchemaSnapshot, SchemaSnapshot>> evolutions() {
    return SchemaArbitraries.defaults().withQuotedNames(true).evolutions();
  }
}
