package io.schemasync.testsupport.gen;

import java.util.List;
import java.util.Locale;

/**
 * What a generated schema may say about a column of a given type: constant defaults it accepts on
 * every engine, and a check expression that fits it.
 */
final class TypeLiterals {
  private TypeLiterals() {}

  /** The broad kinds of column type the generator distinguishes. */
  enum Family {
    INTEGER,
    DECIMAL,
    TEXT,
    BOOLEAN,
    OTHER
  }

  static Family family(String type) {
    String base = type.toUpperCase(Locale.ROOT);
    int paren = base.indexOf('(');
    if (paren >= 0) {
      base = base.substring(0, paren);
    }
    base = base.trim();
    return switch (base) {
      case "INT", "INTEGER", "SMALLINT", "BIGINT", "TINYINT", "MEDIUMINT", "INT2", "INT4", "INT8" ->
          Family.INTEGER;
      case "NUMERIC",
              "DECIMAL",
              "REAL",
              "DOUBLE",
              "DOUBLE PRECISION",
              "FLOAT",
              "FLOAT4",
              "FLOAT8" ->
          Family.DECIMAL;
      case "TEXT", "VARCHAR", "CHAR", "CHARACTER", "CHARACTER VARYING", "CLOB", "NVARCHAR" ->
          Family.TEXT;
      case "BOOLEAN", "BOOL" -> Family.BOOLEAN;
      default -> Family.OTHER;
    };
  }

  /** Constant defaults valid for the type; empty when the generator gives it none (e.g. BLOB). */
  static List<String> defaults(String type) {
    return switch (family(type)) {
      case INTEGER -> List.of("0", "1", "42");
      case DECIMAL -> List.of("0", "1.5");
      case TEXT -> List.of("'x'", "'abc'");
      case BOOLEAN -> List.of("FALSE", "TRUE");
      case OTHER -> List.of();
    };
  }

  /** A check on the (already quoted) column that holds for its defaults, or null for none. */
  static String check(String type, String quotedColumn) {
    return switch (family(type)) {
      case INTEGER, DECIMAL -> quotedColumn + " >= 0";
      case TEXT -> quotedColumn + " <> ''";
      case BOOLEAN, OTHER -> null;
    };
  }
}
