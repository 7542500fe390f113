package io.schemasync.testsupport.gen;

import io.schemasync.api.model.DomainType;
import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.Trigger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Rebuilds a snapshot from its parts handed over in another order, the way a catalog query without
 * ORDER BY would return them. Only orders that carry no meaning are shuffled: never the columns of
 * a key or an index, nor the values of an enum.
 */
final class Reordering {
  private Reordering() {}

  static SchemaSnapshot reorder(SchemaSnapshot s, Random random, boolean shuffleColumns) {
    List<Table> tables = new ArrayList<>();
    for (Table t : s.tables()) {
      tables.add(
          new Table(
              t.name(),
              shuffleColumns ? shuffled(t.columns(), random) : t.columns(),
              t.primaryKey(),
              shuffled(t.uniques(), random),
              shuffled(t.checks(), random),
              shuffled(t.foreignKeys(), random),
              shuffled(t.indexes(), random),
              shuffled(
                  t.triggers().stream().map(tr -> shuffledEvents(tr, random)).toList(), random),
              t.comment()));
    }
    List<DomainType> domains =
        s.domains().stream()
            .map(
                d ->
                    new DomainType(
                        d.name(),
                        d.baseType(),
                        d.notNull(),
                        d.defaultValue(),
                        shuffled(d.checks(), random)))
            .toList();
    return new SchemaSnapshot(
        shuffled(tables, random),
        shuffled(s.views(), random),
        shuffled(s.routines(), random),
        shuffled(s.enums(), random),
        shuffled(domains, random),
        shuffled(s.sequences(), random));
  }

  private static Trigger shuffledEvents(Trigger t, Random random) {
    return new Trigger(
        t.name(),
        t.timing(),
        shuffled(t.events(), random),
        t.updateOf(),
        t.forEachRow(),
        t.when(),
        t.body());
  }

  private static <T> List<T> shuffled(List<T> list, Random random) {
    List<T> copy = new ArrayList<>(list);
    Collections.shuffle(copy, random);
    return copy;
  }
}
