package io.schemasync.api.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotHashesTest {
  private static SchemaSnapshot schema(String... columns) {
    return SchemaSnapshot.ofTables(
        List.of(
            Table.of(
                "t",
                java.util.Arrays.stream(columns).map(c -> Column.of(c, "INTEGER", true)).toList(),
                null)));
  }

  @Test
  void equalSnapshotsShareTheHashAndEveryAnswerIsTheSnapshotsOwn() {
    SnapshotHashes hashes = new SnapshotHashes(2);
    SchemaSnapshot a = schema("x");
    SchemaSnapshot sameAsA = schema("x");
    SchemaSnapshot b = schema("x", "y");
    SchemaSnapshot c = schema("z");

    assertThat(hashes.of(a)).isEqualTo(a.computeHash());
    assertThat(hashes.of(sameAsA)).isEqualTo(a.computeHash());
    assertThat(hashes.of(b)).isEqualTo(b.computeHash()).isNotEqualTo(a.computeHash());
    // past capacity the least recently used is forgotten, never answered wrong
    assertThat(hashes.of(c)).isEqualTo(c.computeHash());
    assertThat(hashes.of(a)).isEqualTo(a.computeHash());
    assertThat(hashes.of(b)).isEqualTo(b.computeHash());
  }
}
