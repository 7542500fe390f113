package io.schemasync.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.TenantContext;
import io.schemasync.internal.diff.DefaultDiffCalculator;
import io.schemasync.spi.SnapshotStore.Entry;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several JVMs appending to one tenant's history at once: the file lock keeps lines whole. */
class FileSnapshotStoreProcessTest {
  @TempDir Path root;

  @Test
  void writersInSeparateProcessesNeverLoseOrTearEntries() throws Exception {
    int processes = 2;
    int storesEach = 25;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> started = new ArrayList<>();
    for (int p = 0; p < processes; p++) {
      started.add(
          new ProcessBuilder(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  StoreWriterProcess.class.getName(),
                  root.toString(),
                  "shared tenant",
                  Integer.toString(storesEach),
                  "p" + p + "_")
              .redirectErrorStream(true)
              .redirectOutput(root.resolve("writer-" + p + ".log").toFile())
              .start());
    }
    for (Process process : started) {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue())
          .as("writer exit code, see %s", root + File.separator + "writer-*.log")
          .isZero();
    }

    FileSnapshotStore store = new FileSnapshotStore(root, new DefaultDiffCalculator());
    TenantContext tenant = TenantContext.of("shared tenant");
    List<Entry> history = store.list(tenant);
    assertThat(history).hasSize(processes * storesEach);
    for (Entry entry : history) {
      assertThat(store.byHash(tenant, entry.hash())).isPresent();
    }
    assertThat(history.stream().map(Entry::hash).distinct()).hasSize(processes * 7);
  }
}
