package io.schemasync.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.model.ForeignKey;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.testsupport.gen.SchemaArbitraries;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.statistics.Statistics;

/** The generators keep their promises: valid schemas, changed-but-valid evolutions. */
class SchemaGeneratorPropertyTest {

  @Property(tries = 300)
  void generatedSchemasAreValid(@ForAll("schemas") SchemaSnapshot schema) {
    assertThat(SchemaValidity.problems(schema)).as(schema.toJson()).isEmpty();
    assertThat(schema.tables()).hasSizeBetween(1, 6);
    Statistics.label("tables").collect(schema.tables().size());
    Statistics.label("has foreign key")
        .collect(schema.tables().stream().anyMatch(t -> !t.foreignKeys().isEmpty()));
    Statistics.label("has partial index")
        .collect(
            schema.tables().stream()
                .flatMap(t -> t.indexes().stream())
                .anyMatch(x -> x.where() != null));
  }

  @Property(tries = 300)
  void evolutionsAreValidAndDifferent(
      @ForAll("evolutions") Tuple2<SchemaSnapshot, SchemaSnapshot> pair) {
    assertThat(SchemaValidity.problems(pair.get1())).as(pair.get1().toJson()).isEmpty();
    assertThat(SchemaValidity.problems(pair.get2()))
        .as("evolved from %s to %s", pair.get1().toJson(), pair.get2().toJson())
        .isEmpty();
    assertThat(pair.get2().hash()).isNotEqualTo(pair.get1().hash());
  }

  @Property(tries = 100)
  void quotedNamesVariantStaysValidApartFromNames(@ForAll("quotedSchemas") SchemaSnapshot schema) {
    assertThat(SchemaValidity.problems(schema)).as(schema.toJson()).isEmpty();
  }

  @Property(tries = 100)
  void switchedOffFeaturesNeverAppear(@ForAll("plainSchemas") SchemaSnapshot schema) {
    assertThat(schema.views()).isEmpty();
    for (Table table : schema.tables()) {
      assertThat(table.foreignKeys()).isEmpty();
      assertThat(table.checks()).isEmpty();
      assertThat(table.indexes()).allSatisfy(x -> assertThat(x.where()).isNull());
      assertThat(table.columns()).allSatisfy(c -> assertThat(c.defaultValue()).isNull());
    }
  }

  @Property(tries = 50)
  void foreignKeysOnlyReferenceEarlierGeneratedTables(@ForAll("schemas") SchemaSnapshot schema) {
    for (Table table : schema.tables()) {
      for (ForeignKey fk : table.foreignKeys()) {
        assertThat(fk.referencedTable()).isNotEqualTo(table.name());
        assertThat(fk.columns()).hasSameSizeAs(fk.referencedColumns());
      }
    }
  }

  @Provide
  Arbitrary<SchemaSnapshot> schemas() {
    return SchemaArbitraries.defaults().schemas();
  }

  @Provide
  Arbitrary<Tuple2<SchemaSnapshot, SchemaSnapshot>> evolutions() {
    return SchemaArbitraries.defaults().evolutions();
  }

  @Provide
  Arbitrary<SchemaSnapshot> quotedSchemas() {
    return SchemaArbitraries.defaults().withQuotedNames(true).schemas();
  }

  @Provide
  Arbitrary<SchemaSnapshot> plainSchemas() {
    return SchemaArbitraries.defaults()
        .withViews(false)
        .withForeignKeys(false)
        .withChecks(false)
        .withPartialIndexes(false)
        .withDefaults(false)
        .withTypes(List.of("INTEGER", "TEXT"))
        .schemas();
  }
}
