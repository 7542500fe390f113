package io.schemasync.internal.target;

import io.schemasync.api.SourceLocation;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each declared object was written, so that checks made after reading (a foreign key to a
 * missing table, an unknown type) can still name the file and line.
 *
 * <p>Keys are object paths as lists ({@code [tables, users, columns, email, type]}) rather than
 * dotted strings, because quoted names may themselves contain dots. The first location recorded for
 * a path wins: when an object is declared twice, the second one is rejected anyway.
 */
final class SourceMap {
  private final Map<List<String>, SourceLocation> locations = new HashMap<>();

  void put(SourceLocation location, String... path) {
    locations.putIfAbsent(List.of(path), location);
  }

  void putAll(SourceMap other) {
    other.locations.forEach(locations::putIfAbsent);
  }

  /**
   * The location of the object at {@code path}, or of its nearest recorded parent (a column's
   * table), or null when nothing on the path was recorded (a target not read from a file).
   */
  SourceLocation at(String... path) {
    List<String> key = Arrays.asList(path);
    for (int length = key.size(); length > 0; length--) {
      SourceLocation location = locations.get(List.copyOf(key.subList(0, length)));
      if (location != null) {
        return location;
      }
    }
    return null;
  }

  /** Whether exactly this path was recorded. */
  boolean has(String... path) {
    return locations.containsKey(List.of(path));
  }
}
