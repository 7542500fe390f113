package io.schemasync.sqlite;

import io.schemasync.api.change.RenameHints;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.testsupport.gen.SchemaArbitraries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple.Tuple2;

/** apply(plan(a -> b)) to a gives b, for random schemas and evolutions, on real SQLite files. */
class SqliteMigrationPropertiesTest {
  private final SqliteDialect dialect = new SqliteDialect();

  @Property(tries = 60)
  void anyEvolutionConverges(@ForAll("evolutions") Tuple2<SchemaSnapshot, SchemaSnapshot> pair) {
    migrate(pair.get1(), pair.get2());
  }

  @Property(tries = 30)
  void anyEvolutionWithHostileNamesConverges(@ForAll("hostileEvolutions") Tuple2<SchemaSnapshot, SchemaSnapshot> pair) {
    migrate(pair.get1(), pair.get2());
  }

  @Provide
  Arbitrary<Tuple2<SchemaSnapshot, SchemaSnapshot>> evolutions() {
    return SchemaArbitraries.defaults().evolutions();
  }

  @Provide
  Arbitrary<Tuple2<SchemaSnapshot, SchemaSnapshot>> hostileEvolutions() {
    return SchemaArbitraries.defaults().withQuotedNames(true).evolutions();
  }

  private void migrate(SchemaSnapshot from, SchemaSnapshot to) {
    Path dir = temporaryDirectory();
    try {
      Convergence convergence = new Convergence(new SqliteFixture(dir));
      convergence.converge("p", dialect.normalize(from), RenameHints.NONE);
      convergence.converge("p", dialect.normalize(to), RenameHints.NONE);
    } finally {
      delete(dir);
    }
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("sqlite-property");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
