package io.schemasync.internal.diff;

import io.schemasync.api.change.SchemaChange;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/** Walks two name-sorted lists in step, calling merge, drop or create for each key. */
final class SortMerge {
  private SortMerge() {}

  static <T> void by(
      List<T> from,
      List<T> to,
      Function<T, String> key,
      BiConsumer<T, T> merge,
      Consumer<T> dropped,
      Consumer<T> created) {
    List<T> a = from.stream().sorted(Comparator.comparing(key)).toList();
    List<T> b = to.stream().sorted(Comparator.comparing(key)).toList();
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      int cmp =
          i == a.size()
              ? 1
              : j == b.size() ? -1 : key.apply(a.get(i)).compareTo(key.apply(b.get(j)));
      if (cmp == 0) {
        merge.accept(a.get(i++), b.get(j++));
      } else if (cmp < 0) {
        dropped.accept(a.get(i++));
      } else {
        created.accept(b.get(j++));
      }
    }
  }

  /** For objects that cannot be altered in place: a changed one is dropped and created again. */
  static <T> void replaceOnChange(
      List<T> from,
      List<T> to,
      Function<T, String> key,
      Function<T, ? extends SchemaChange> drop,
      Function<T, ? extends SchemaChange> create,
      List<SchemaChange> changes) {
    by(
        from,
        to,
        key,
        (a, b) -> {
          if (!a.equals(b)) {
            changes.add(drop.apply(a));
            changes.add(create.apply(b));
          }
        },
        a -> changes.add(drop.apply(a)),
        b -> changes.add(create.apply(b)));
  }
}
