package io.schemasync.api.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/** Validation and copying shared by the model records; keeps their compact constructors short. */
final class ModelSupport {
  private ModelSupport() {}

  static String name(String name, String what) {
    Objects.requireNonNull(name, what + " name");
    if (name.isBlank()) {
      throw new IllegalArgumentException(what + " name must not be blank");
    }
    return name;
  }

  static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  /** Copies and sorts by key, rejecting two elements with the same key (a duplicate name). */
  static <T> List<T> sortedUnique(
      List<T> list, Function<T, String> key, String what, String owner) {
    if (list == null || list.isEmpty()) {
      return List.of();
    }
    List<T> sorted = new ArrayList<>(list);
    sorted.sort(Comparator.comparing(key));
    Set<String> seen = new HashSet<>();
    for (T element : sorted) {
      String k = key.apply(element);
      if (!seen.add(k)) {
        throw new IllegalArgumentException(
            "duplicate " + what + " '" + k + "'" + (owner == null ? "" : " in " + owner));
      }
    }
    return List.copyOf(sorted);
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
