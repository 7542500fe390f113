package io.schemasync.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.change.RenameHints;
import io.schemasync.api.model.Column;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.testsupport.gen.SchemaArbitraries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple.Tuple2;

/**
 * apply(plan(a -> b)) to a gives b, for random schemas and evolutions, on real SQLite files, and
 * the rows of every table that stays survive.
 */
class SqliteMigrationPropertiesTest {
  private final SqliteDialect dialect = new SqliteDialect();

  @Property(tries = 60)
  void anyEvolutionConverges(@ForAll("evolutions") Tuple2<SchemaSnapshot, SchemaSnapshot> pair) {
    migrate(pair.get1(), pair.get2());
  }

  @Property(tries = 30)
  void anyEvolutionWithHostileNamesConverges(
      @ForAll("hostileEvolutions") Tuple2<SchemaSnapshot, SchemaSnapshot> pair) {
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
      SqliteFixture fixture = new SqliteFixture(dir);
      Convergence convergence = new Convergence(fixture);
      SchemaSnapshot start = dialect.normalize(from);
      convergence.converge("p", start, RenameHints.NONE);
      start.tables().forEach(table -> fixture.execute("p", oneRow(table)));
      SchemaSnapshot end = dialect.normalize(to);
      convergence.converge("p", end, RenameHints.NONE);
      for (Table table : end.tables()) {
        if (start.table(table.name()).isPresent()) {
          assertThat(fixture.rows("p", "SELECT count(*) FROM " + dialect.quote(table.name())))
              .as("rows of %s", table.name())
              .containsExactly(List.of(1));
        }
      }
    } finally {
      delete(dir);
    }
  }

  /**
   * A row every generated table accepts: NULL where allowed, else 1 (fits every generated check).
   */
  private String oneRow(Table table) {
    List<Column> columns = table.columns().stream().filter(c -> c.generated() == null).toList();
    return "INSERT INTO "
        + dialect.quote(table.name())
        + " ("
        + columns.stream().map(c -> dialect.quote(c.name())).collect(Collectors.joining(", "))
        + ") VALUES ("
        + columns.stream().map(c -> c.nullable() ? "NULL" : "1").collect(Collectors.joining(", "))
        + ")";
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
