package io.schemasync.postgres;

import java.util.List;
import java.util.Set;

/** The column types the property tests draw from, and which of them PostgreSQL casts into which. */
final class PostgresCasts {
  static final List<String> TYPES =
      List.of(
          "integer",
          "bigint",
          "character varying(40)",
          "numeric(10,2)",
          "double precision",
          "boolean",
          "text",
          "bytea",
          "timestamp with time zone");

  private static final Set<String> STRINGS = Set.of("character varying(40)", "text");
  private static final Set<String> NUMBERS =
      Set.of("integer", "bigint", "numeric(10,2)", "double precision");

  private PostgresCasts() {}

  /**
   * Whether PostgreSQL has a cast between two of {@link #TYPES}: string types convert both ways
   * through text I/O, numbers into each other, and integer to and from boolean; nothing else
   * (integer to bytea fails even in an empty table, so a random evolution must not ask for it).
   */
  static boolean castable(String from, String to) {
    return STRINGS.contains(from)
        || STRINGS.contains(to)
        || NUMBERS.contains(from) && NUMBERS.contains(to)
        || Set.of(from, to).equals(Set.of("integer", "boolean"));
  }
}
