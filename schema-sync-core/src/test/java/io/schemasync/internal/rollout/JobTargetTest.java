package io.schemasync.internal.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.change.RenameHints;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A job's stored target reads back as the same snapshot and renames. */
class JobTargetTest {
  @Test
  void roundTripsSnapshotAndRenames() {
    SchemaSnapshot snapshot =
        SchemaSnapshot.ofTables(
            List.of(
                Table.of(
                    "users",
                    List.of(
                        Column.of("id", "integer", false), Column.of("full_name", "text", true)),
                    null)));
    RenameHints renames =
        new RenameHints(Map.of("users", "people"), Map.of("users", Map.of("full_name", "name")));
    JobTarget read = JobTarget.fromDocument(new JobTarget(snapshot, renames).toDocument());
    assertThat(read.snapshot()).isEqualTo(snapshot);
    assertThat(read.snapshot().hash()).isEqualTo(snapshot.hash());
    assertThat(read.renames()).isEqualTo(renames);
  }

  @Test
  void emptyRenamesStayEmpty() {
    JobTarget read =
        JobTarget.fromDocument(new JobTarget(SchemaSnapshot.EMPTY, RenameHints.NONE).toDocument());
    assertThat(read.renames().isEmpty()).isTrue();
    assertThat(read.snapshot()).isEqualTo(SchemaSnapshot.EMPTY);
  }
}
