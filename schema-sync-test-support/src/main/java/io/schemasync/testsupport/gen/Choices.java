package io.schemasync.testsupport.gen;

import java.util.List;

/**
 * The decisions of one generated value, read from a list of numbers that jqwik generates and
 * shrinks.
 *
 * <p>Every decision is arranged so that 0 is the simplest answer (one table, no index, no default),
 * and a list that runs out answers 0: when jqwik shrinks the numbers towards 0, the generated
 * schema shrinks towards the smallest one that still fails.
 */
final class Choices {
  private final List<Integer> values;
  private int next;

  Choices(List<Integer> values) {
    this.values = List.copyOf(values);
  }

  /** A number in {@code [0, bound)}; 0 when {@code bound <= 1}. */
  int below(int bound) {
    int value = next < values.size() ? values.get(next) : 0;
    next++;
    return bound <= 1 ? 0 : Math.floorMod(value, bound);
  }

  /** How many decisions have been read, for checking that the runs are long enough. */
  int consumed() {
    return next;
  }

  /** A number in {@code [min, max]}. */
  int between(int min, int max) {
    return min + below(max - min + 1);
  }

  /** True with roughly the given probability; false for the simplest (zero) answer. */
  boolean percent(int probability) {
    return below(100) >= 100 - probability;
  }

  <T> T oneOf(List<T> options) {
    return options.get(below(options.size()));
  }
}
