package io.schemasync.sqlite.internal;

import io.schemasync.spi.PortableType;
import io.schemasync.spi.TypeName;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SQLite type vocabulary: how portable types map to declared types, which native spellings pass
 * through, and the one normalized spelling both targets and the inspector use.
 */
public final class SqliteTypes {
  /**
   * Native declared types accepted as written (SQLite's documented spellings, plus common ones).
   */
  public static final List<String> NATIVE =
      List.of(
          "integer",
          "int",
          "tinyint",
          "smallint",
          "mediumint",
          "bigint",
          "unsigned big int",
          "int2",
          "int8",
          "character",
          "varchar",
          "varying character",
          "nchar",
          "native character",
          "nvarchar",
          "text",
          "clob",
          "blob",
          "real",
          "double",
          "double precision",
          "float",
          "numeric",
          "decimal",
          "boolean",
          "date",
          "datetime",
          "time",
          "timestamp",
          "any");

  private SqliteTypes() {}

  /**
   * The declared type a target's type becomes: a portable type's main spelling first, then a native
   * spelling, then a portable alias; empty when none applies or the modifiers do not fit.
   */
  public static Optional<String> resolve(String declared) {
    Optional<TypeName> parsed = TypeName.parse(declared);
    if (parsed.isEmpty() || parsed.get().array()) {
      return Optional.empty();
    }
    TypeName type = parsed.get();
    Optional<PortableType> portable = PortableType.lookup(type.base());
    if (portable.isPresent() && portable.get().spelling().equals(type.base())) {
      Optional<String> mapped = portable(portable.get(), type);
      if (mapped.isPresent() || !NATIVE.contains(type.base())) {
        return mapped;
      }
    }
    if (NATIVE.contains(type.base())) {
      return type.modifiers().size() <= 2 && type.numericModifiers().isPresent()
          ? Optional.of(type.format(true))
          : Optional.empty();
    }
    return portable.flatMap(p -> portable(p, type));
  }

  private static Optional<String> portable(PortableType portable, TypeName type) {
    if (!portable.acceptsModifiers(type.modifiers().size()) || type.numericModifiers().isEmpty()) {
      return Optional.empty();
    }
    String modifiers =
        type.modifiers().isEmpty() ? "" : "(" + String.join(",", type.modifiers()) + ")";
    String base =
        switch (portable) {
          case SMALLINT, INTEGER, BIGINT -> "INTEGER";
          case REAL -> "REAL";
          case DOUBLE -> "DOUBLE";
          case NUMERIC -> "NUMERIC";
          case BOOLEAN -> "BOOLEAN";
          case VARCHAR -> "VARCHAR";
          case CHAR -> "CHAR";
          case TEXT, UUID, JSON -> "TEXT";
          case BYTES -> "BLOB";
          case DATE -> "DATE";
          case TIME -> "TIME";
          case TIMESTAMP -> "TIMESTAMP";
          case TIMESTAMPTZ -> "TIMESTAMPTZ";
        };
    boolean keepsModifiers =
        portable == PortableType.NUMERIC
            || portable == PortableType.VARCHAR
            || portable == PortableType.CHAR;
    return Optional.of(keepsModifiers ? base + modifiers : base);
  }

  /**
   * The normalized spelling of a declared type as SQLite reports it: upper case, single spaces, no
   * blanks around modifiers. A column declared without a type is reported as {@code BLOB}, the type
   * with the same (blob) affinity, because the model needs a type.
   */
  public static String normalize(String declared) {
    if (declared == null || declared.isBlank()) {
      return "BLOB";
    }
    return TypeName.parse(declared)
        .map(t -> t.format(true))
        .orElseGet(() -> declared.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT));
  }

  /** Whether a normalized type is safe to write into DDL unquoted. */
  public static boolean isWritable(String type) {
    return type.matches("[A-Za-z0-9_ (),+-]+");
  }
}
