package io.schemasync.spi;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The portable type vocabulary a target may use on every engine; each dialect maps every member to
 * a native type. Anything else in a target is passed to the dialect as a native type.
 */
public enum PortableType {
  SMALLINT(0, 0, "int2"),
  INTEGER(0, 0, "int", "int4"),
  BIGINT(0, 0, "int8"),
  REAL(0, 0, "float4"),
  DOUBLE(0, 0, "double precision", "float8"),
  /** {@code numeric(p)} or {@code numeric(p,s)}; bare {@code numeric} has no fixed precision. */
  NUMERIC(0, 2, "decimal"),
  BOOLEAN(0, 0, "bool"),
  /** {@code varchar(n)}: the length is required. */
  VARCHAR(1, 1, "character varying"),
  /** {@code char(n)}: fixed length, default 1. */
  CHAR(0, 1, "character"),
  TEXT(0, 0),
  /** Raw bytes. */
  BYTES(0, 0, "binary", "blob", "bytea"),
  DATE(0, 0),
  TIME(0, 0),
  /** Date and time without time zone. */
  TIMESTAMP(0, 0, "datetime"),
  /** Date and time with time zone. */
  TIMESTAMPTZ(0, 0, "timestamp with time zone"),
  UUID(0, 0),
  JSON(0, 0, "jsonb");

  private final int minModifiers;
  private final int maxModifiers;
  private final List<String> aliases;

  PortableType(int minModifiers, int maxModifiers, String... aliases) {
    this.minModifiers = minModifiers;
    this.maxModifiers = maxModifiers;
    this.aliases = List.of(aliases);
  }

  /** The portable name as written in a target, e.g. {@code varchar}. */
  public String spelling() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the type takes this many modifiers ({@code varchar} needs one). */
  public boolean acceptsModifiers(int count) {
    return count >= minModifiers && count <= maxModifiers;
  }

  /** The portable type named by a base name or one of its aliases, if any. */
  public static Optional<PortableType> lookup(String baseName) {
    String base = baseName.toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(t -> t.spelling().equals(base) || t.aliases.contains(base))
        .findFirst();
  }

  /** Every portable spelling, for error messages. */
  public static List<String> spellings() {
    return Arrays.stream(values()).map(PortableType::spelling).toList();
  }
}
