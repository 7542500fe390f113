package io.schemasync.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.schemasync.api.model.Column;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * How often normalizing a target goes through the server's round trip (a scratch schema): once when
 * the target reads back as itself, until it does when it does not.
 */
class PostgresNormalizeTest {
  private static final SchemaSnapshot TARGET =
      SchemaSnapshot.ofTables(
          List.of(
              Table.of("items", List.of(Column.of("code", "character varying(10)", true)), null)));

  @Test
  void aTargetThatReadsBackAsItselfTakesOneRoundTrip() {
    List<SchemaSnapshot> seen = new ArrayList<>();
    SchemaSnapshot normalized = dialect(seen, UnaryOperator.identity()).normalize(TARGET);
    assertThat(normalized).isEqualTo(TARGET);
    assertThat(seen).hasSize(1);
  }

  @Test
  void aTargetThatReadsBackDifferentlyIsReadBackUntilItStopsChanging() {
    List<SchemaSnapshot> seen = new ArrayList<>();
    // as PostgreSQL prints `code IN ('a')` over a varchar: the first read-back differs
    UnaryOperator<SchemaSnapshot> server =
        s ->
            s.withTables(
                List.of(Table.of("items", List.of(Column.of("code", "text", true)), null)));
    SchemaSnapshot normalized = dialect(seen, server).normalize(TARGET);
    assertThat(normalized.tables().get(0).columns().get(0).type()).isEqualTo("text");
    // the first read-back, and the one that shows it is a fixpoint
    assertThat(seen).hasSize(2);
  }

  private static PostgresDialect dialect(
      List<SchemaSnapshot> seen, UnaryOperator<SchemaSnapshot> server) {
    return new PostgresDialect(
        false,
        "public",
        t -> t.id(),
        s -> {
          seen.add(s);
          return server.apply(s);
        });
  }
}
