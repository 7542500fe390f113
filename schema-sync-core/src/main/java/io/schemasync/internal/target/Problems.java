package io.schemasync.internal.target;

import io.schemasync.api.InvalidTargetException;
import io.schemasync.api.SourceLocation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects what is wrong with a target so that one run reports every mistake, not just the first:
 * fixing a schema file one error per attempt is slow.
 */
final class Problems {
  /** Enough to be useful, few enough that a broken file does not flood a terminal. */
  private static final int MAX_LISTED = 50;

  /** File, line, column; unknown places first. */
  static final Comparator<SourceLocation> FILE_ORDER =
      Comparator.nullsFirst(
          Comparator.comparing((SourceLocation l) -> nullToEmpty(l.file()))
              .thenComparingInt(SourceLocation::line)
              .thenComparingInt(SourceLocation::column));

  private static final Comparator<Problem> BY_PLACE =
      Comparator.comparing(Problem::location, FILE_ORDER);

  private final List<Problem> problems = new ArrayList<>();

  /** One mistake and where it is. */
  record Problem(SourceLocation location, String message) {
    @Override
    public String toString() {
      return location == null ? message : location + ": " + message;
    }
  }

  void add(SourceLocation location, String message) {
    problems.add(new Problem(location, message));
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  List<Problem> list() {
    return problems.stream().sorted(BY_PLACE).toList();
  }

  /**
   * Builds a model record, turning the IllegalArgumentException of its compact constructor into a
   * problem here so that no check the readers missed can escape without a location.
   */
  <T> T build(SourceLocation location, Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      add(location, e.getMessage());
      return null;
    }
  }

  /**
   * Throws one exception describing every problem, located at the first one in file order.
   *
   * @throws InvalidTargetException when any problem was recorded
   */
  void throwIfAny() {
    if (problems.isEmpty()) {
      return;
    }
    List<Problem> sorted = list();
    Problem first = sorted.get(0);
    StringBuilder message = new StringBuilder(first.message());
    if (sorted.size() > 1) {
      int more = sorted.size() - 1;
      message
          .append("\nand ")
          .append(more)
          .append(more == 1 ? " more problem:" : " more problems:");
      sorted.stream().skip(1).limit(MAX_LISTED).forEach(p -> message.append("\n  ").append(p));
      if (more > MAX_LISTED) {
        message.append("\n  ... and ").append(more - MAX_LISTED).append(" more");
      }
    }
    throw new InvalidTargetException(first.location(), message.toString());
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
