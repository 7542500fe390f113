package io.schemasync.internal.target;

import io.schemasync.internal.SafeText;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which names a schema document may use. Names are always quoted in SQL, so any name is safe to
 * execute; strict mode exists because a name like {@code x"; DROP TABLE t; --} in a schema file is
 * far more often a mistake (or an attack on a tool that does not quote) than a wish, and plain
 * names work unquoted in every client on every engine.
 */
enum IdentifierRules {
  /** {@code [A-Za-z_][A-Za-z0-9_$]*}, at most 63 bytes: what every engine accepts unquoted. */
  STRICT,
  /** Any name without control characters, at most 128 characters; the dialect quotes it. */
  QUOTED;

  /** PostgreSQL truncates longer names silently (NAMEDATALEN - 1), so reject them instead. */
  static final int MAX_STRICT_BYTES = 63;

  static final int MAX_QUOTED_CHARS = 128;

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

  /** The rules named by a document's {@code identifiers:} value, if it is a known one. */
  static Optional<IdentifierRules> named(String value) {
    return switch (value) {
      case "strict" -> Optional.of(STRICT);
      case "quoted" -> Optional.of(QUOTED);
      default -> Optional.empty();
    };
  }

  /** A name as it is safe to print in a message; see {@link SafeText#show}. */
  static String show(String name) {
    return SafeText.show(name);
  }

  /** Why a name is not acceptable under these rules, empty when it is. */
  Optional<String> check(String name) {
    if (name.isBlank()) {
      return Optional.of("is blank");
    }
    if (this == STRICT) {
      if (!PLAIN.matcher(name).matches()) {
        return Optional.of(
            "is not a plain identifier (letters A-Z, digits, _ and $, not starting with a digit);"
                + " rename it, or write 'identifiers: quoted' at the top of the document to allow"
                + " any name (schema-sync always quotes names in SQL)");
      }
      if (name.getBytes(StandardCharsets.UTF_8).length > MAX_STRICT_BYTES) {
        return Optional.of(
            "is longer than "
                + MAX_STRICT_BYTES
                + " bytes, which PostgreSQL would silently"
                + " truncate; shorten it");
      }
      return Optional.empty();
    }
    if (name.codePoints().anyMatch(Character::isISOControl)) {
      return Optional.of("contains a control character; remove it");
    }
    if (name.length() > MAX_QUOTED_CHARS) {
      return Optional.of(
          "is " + name.length() + " characters long; names are at most " + MAX_QUOTED_CHARS);
    }
    return Optional.empty();
  }
}
