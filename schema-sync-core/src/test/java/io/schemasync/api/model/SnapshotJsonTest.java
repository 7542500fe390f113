package io.schemasync.api.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The canonical JSON of snapshots: new parts of the model round-trip and cost old ones nothing. */
class SnapshotJsonTest {
  private static final Table PLAIN =
      new Table(
          "rooms",
          List.of(Column.of("id", "integer", false), Column.of("code", "text", true)),
          new PrimaryKey("rooms_pkey", List.of("id")),
          List.of(new UniqueConstraint("rooms_code_key", List.of("code"))),
          List.of(),
          List.of(),
          List.of(Index.on("rooms_code", true, List.of("code"))),
          List.of(),
          null);

  @Test
  void aSchemaWithoutTheNewerPartsSerializesAsBefore() {
    String json = SchemaSnapshot.ofTables(List.of(PLAIN)).toJson();
    assertThat(json)
        .as("absent features add no keys, so hashes of existing schemas stay the same")
        .doesNotContain("nullsNotDistinct")
        .doesNotContain("exclusions")
        .doesNotContain("partition");
  }

  @Test
  void exclusionsAndNullsNotDistinctRoundTrip() {
    Table rooms =
        PLAIN
            .withUniques(List.of(new UniqueConstraint("rooms_code_key", List.of("code"), true)))
            .withIndexes(
                List.of(
                    new Index(
                        "rooms_code",
                        List.of(IndexPart.column("code")),
                        true,
                        null,
                        null,
                        List.of(),
                        false,
                        true)))
            .withExclusions(
                List.of(
                    new ExclusionConstraint(
                        "rooms_excl",
                        "gist",
                        List.of(
                            ExclusionElement.column("id", "="),
                            new ExclusionElement(null, "int4range(id, id + 1)", "&&")),
                        "(id > 0)",
                        true)));
    SchemaSnapshot snapshot = SchemaSnapshot.ofTables(List.of(rooms));
    SchemaSnapshot back = SchemaSnapshot.fromJson(snapshot.toJson());
    assertThat(back).isEqualTo(snapshot);
    assertThat(back.hash()).isEqualTo(snapshot.hash());
    assertThat(back.hash()).isNotEqualTo(SchemaSnapshot.ofTables(List.of(PLAIN)).hash());
  }

  @Test
  void partitionedTablesAndPartitionsRoundTrip() {
    Table events =
        PLAIN.withPartitionBy(
            new PartitionBy(
                PartitionBy.Strategy.LIST, List.of(IndexPart.expression("lower(code)"))));
    Table eu =
        Table.of("rooms_eu", List.of(), null)
            .withPartitionOf(new PartitionOf("rooms", "FOR VALUES IN ('eu')"));
    SchemaSnapshot snapshot = SchemaSnapshot.ofTables(List.of(events, eu));
    assertThat(SchemaSnapshot.fromJson(snapshot.toJson())).isEqualTo(snapshot);
    assertThat(snapshot.columnsOf(eu)).isEqualTo(PLAIN.columns());
  }
}
