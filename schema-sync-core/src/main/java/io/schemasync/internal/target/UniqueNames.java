package io.schemasync.internal.target;

import io.schemasync.api.SourceLocation;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers where each name was first declared and reports a second declaration naming both places.
 */
final class UniqueNames {
  private final Map<String, SourceLocation> seen = new HashMap<>();
  private final Problems problems;

  UniqueNames(Problems problems) {
    this.problems = problems;
  }

  /**
   * Claims {@code key} for the object at {@code at}; false (and a problem) when it was taken.
   *
   * @param description the object as named in messages, e.g. {@code table users}
   */
  boolean claim(String key, String description, SourceLocation at) {
    SourceLocation first = seen.putIfAbsent(key, at);
    if (first == null) {
      return true;
    }
    problems.add(
        at, description + " is declared twice: here and at " + place(first) + "; keep one");
    return false;
  }

  /** A name to claim later, in file order. */
  record Claim(String key, String description, SourceLocation location) {}

  /**
   * Claims in the order the objects were written, so that the later declaration is the one reported
   * whatever order the schema's lists are sorted in.
   */
  void claimInFileOrder(List<Claim> claims) {
    claims.stream()
        .sorted(Comparator.comparing(Claim::location, Problems.FILE_ORDER))
        .forEach(c -> claim(c.key(), c.description(), c.location()));
  }

  /** {@code file:line:column} without the object path, for naming the other place. */
  static String place(SourceLocation location) {
    return location == null
        ? "another place"
        : new SourceLocation(location.file(), location.line(), location.column(), null).toString();
  }
}
