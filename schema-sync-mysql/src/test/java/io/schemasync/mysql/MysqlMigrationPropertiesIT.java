package io.schemasync.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.SchemaSync;
import io.schemasync.api.TenantResult;
import io.schemasync.api.TenantSelection;
import io.schemasync.api.TenantStatus;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.testsupport.gen.SchemaArbitraries;
import java.sql.SQLException;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple.Tuple2;

/**
 * apply(plan(a -> b)) to a gives b, for random schemas and evolutions (checks and views included),
 * on the real server. The generator writes SQL fragments with ANSI double-quoted names, which MySQL
 * reads as strings, so they are re-quoted with backticks first.
 */
class MysqlMigrationPropertiesIT {
  private static final List<String> TYPES =
      List.of(
          "int",
          "bigint",
          "varchar(40)",
          "decimal(10,2)",
          "double",
          "tinyint(1)",
          "longtext",
          "longblob");
  private static final List<String> KEY_TYPES = List.of("int", "varchar(40)", "decimal(10,2)");

  @Property(tries = 10)
  void anyEvolutionConverges(@ForAll("evolutions") Tuple2<SchemaSnapshot, SchemaSnapshot> pair)
      throws SQLException {
    migrate(pair.get1(), pair.get2());
  }

  @Property(tries = 5)
  void anyEvolutionWithHostileNamesConverges(
      @ForAll("hostileEvolutions") Tuple2<SchemaSnapshot, SchemaSnapshot> pair)
      throws SQLException {
    migrate(pair.get1(), pair.get2());
  }

  @Provide
  Arbitrary<Tuple2<SchemaSnapshot, SchemaSnapshot>> evolutions() {
    return arbitraries().evolutions();
  }

  @Provide
  Arbitrary<Tuple2<SchemaSnapshot, SchemaSnapshot>> hostileEvolutions() {
    return arbitraries().withQuotedNames(true).evolutions();
  }

  private static SchemaArbitraries arbitraries() {
    return SchemaArbitraries.defaults()
        .withTypes(TYPES)
        .withKeyTypes(KEY_TYPES)
        .withPartialIndexes(false);
  }

  private static void migrate(SchemaSnapshot from, SchemaSnapshot to) throws SQLException {
    try (MysqlTestServer.Databases dbs = new MysqlTestServer.Databases()) {
      String tenant = dbs.create("prop");
      converge(tenant, AnsiQuotes.toBackticks(from));
      converge(tenant, AnsiQuotes.toBackticks(to));
    }
  }

  private static void converge(String tenant, SchemaSnapshot target) {
    try (SchemaSync sync = MysqlFixture.engine(target, true)) {
      TenantResult result = sync.sync(tenant);
      assertThat(result.failure()).as("sync failed").isNull();
      assertThat(sync.diff(TenantSelection.ids(tenant)).results().get(0).diff().render()).isEmpty();
      assertThat(sync.sync(tenant).status()).isEqualTo(TenantStatus.IN_SYNC);
    }
  }
}
