package io.schemasync.postgres;

import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.testsupport.gen.SchemaArbitraries;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/** apply(plan(a -> b)) to a gives b, for random schemas and evolutions, on the real server. */
class PostgresMigrationPropertiesTest {
  private static final List<String> TYPES = PostgresCasts.TYPES;
  private static final List<String> KEY_TYPES =
      List.of("integer", "bigint", "character varying(40)", "numeric(10,2)");

  private PostgresAdapter adapter;
  private PostgresAdapter online;

  @BeforeProperty
  void open() {
    PostgresTestServer.url();
    adapter = PostgresTestServer.open();
    online = PostgresTestServer.open(java.util.Map.of("schemasync.online", "true"));
  }

  @AfterProperty
  void close() {
    adapter.close();
    online.close();
  }

  @Property(tries = 3)
  void anyEvolutionConverges(@ForAll("evolutions") Tuple2<SchemaSnapshot, SchemaSnapshot> pair) {
    migrate(adapter, pair.get1(), pair.get2());
  }

  @Property(tries = 2)
  void anyEvolutionWithHostileNamesConverges(
      @ForAll("hostileEvolutions") Tuple2<SchemaSnapshot, SchemaSnapshot> pair) {
    migrate(adapter, pair.get1(), pair.get2());
  }

  /**
   * The same with the online option: concurrent builds, validations and NOT NULL after the commit,
   * which must not come before what a step in the transaction needs.
   */
  @Property(tries = 3)
  void anyEvolutionConvergesOnline(
      @ForAll("evolutions") Tuple2<SchemaSnapshot, SchemaSnapshot> pair) {
    migrate(online, pair.get1(), pair.get2());
  }

  @Provide
  Arbitrary<Tuple2<SchemaSnapshot, SchemaSnapshot>> evolutions() {
    return SchemaArbitraries.defaults()
        .withTypes(TYPES)
        .withKeyTypes(KEY_TYPES)
        .withTypeChanges(PostgresCasts::castable)
        .evolutions();
  }

  @Provide
  Arbitrary<Tuple2<SchemaSnapshot, SchemaSnapshot>> hostileEvolutions() {
    return SchemaArbitraries.defaults()
        .withTypes(TYPES)
        .withKeyTypes(KEY_TYPES)
        .withTypeChanges(PostgresCasts::castable)
        .withQuotedNames(true)
        .evolutions();
  }

  private void migrate(PostgresAdapter with, SchemaSnapshot from, SchemaSnapshot to) {
    String tenant = PostgresTestServer.uniqueName("prop");
    try {
      Convergence.converge(with, tenant, from);
      Convergence.converge(with, tenant, to);
    } finally {
      PostgresTestServer.drop(tenant);
    }
  }
}
