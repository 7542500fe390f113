package io.schemasync.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.change.SchemaDiff;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.internal.diff.DefaultDiffCalculator;
import io.schemasync.spi.DiffCalculator;
import io.schemasync.testsupport.contract.AsDeclared;
import io.schemasync.testsupport.gen.SchemaArbitraries;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.statistics.Statistics;

/** The diff sees exactly what the hash sees: nothing for equal schemas, something otherwise. */
class DiffPropertyTest {
  private final DiffCalculator diff = new DefaultDiffCalculator();

  @Property(tries = 200)
  void schemaHasNoDiffWithItself(@ForAll("schemas") SchemaSnapshot schema) {
    assertThat(diff.diff(schema, schema).changes()).isEmpty();
  }

  @Property(tries = 200)
  void reorderedCopyHasNoDiff(@ForAll("schemas") SchemaSnapshot schema, @ForAll Random random) {
    SchemaSnapshot shuffled = SchemaArbitraries.reorder(schema, random, true);

    assertThat(diff.diff(schema, shuffled).changes()).isEmpty();
    assertThat(diff.diff(shuffled, schema).changes()).isEmpty();
  }

  @Property(tries = 200)
  void evolutionsHaveADiffBothWays(
      @ForAll("evolutions") Tuple2<SchemaSnapshot, SchemaSnapshot> pair) {
    SchemaDiff forward = diff.diff(pair.get1(), pair.get2());
    SchemaDiff backward = diff.diff(pair.get2(), pair.get1());

    assertThat(forward.changes()).as(pair.get2().toJson()).isNotEmpty();
    assertThat(backward.changes()).isNotEmpty();
    assertThat(forward.render()).isNotBlank();
  }

  @Property(tries = 300)
  void diffIsEmptyExactlyWhenHashesAreEqual(
      @ForAll("pairs") Tuple2<SchemaSnapshot, SchemaSnapshot> pair) {
    SchemaSnapshot a = pair.get1();
    SchemaSnapshot b = pair.get2();
    // Table options b leaves out are a's own business (never compared), hence AsDeclared.
    boolean sameHash = AsDeclared.of(a, b).hash().equals(b.hash());
    Statistics.label("same hash").collect(sameHash);

    assertThat(diff.diff(a, b).isEmpty()).isEqualTo(sameHash);
  }

  @Provide
  Arbitrary<SchemaSnapshot> schemas() {
    // Quoted names included: the diff must not care what the names look like.
    return SchemaArbitraries.defaults().withQuotedNames(true).schemas();
  }

  /** Equal schemas in another order, evolved ones, and unrelated ones. */
  @Provide
  Arbitrary<Tuple2<SchemaSnapshot, SchemaSnapshot>> pairs() {
    Arbitrary<SchemaSnapshot> schemas = schemas();
    return Arbitraries.oneOf(
        schemas.flatMap(a -> SchemaArbitraries.reorderings(a, true).map(b -> Tuple.of(a, b))),
        evolutions(),
        Combinators.combine(schemas, schemas).as(Tuple::of));
  }

  @Provide
  Arbitrary<Tuple2<SchemaSnapshot, SchemaSnapshot>> evolutions() {
    return SchemaArbitraries.defaults().evolutions();
  }
}
