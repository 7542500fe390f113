package io.schemasync.internal.target;

import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.spi.PortableType;
import io.schemasync.spi.TypeName;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Checks on a type as written that hold whatever the engine: its shape, and a portable type's
 * modifiers.
 */
final class DeclaredTypes {
  private static final Set<String> INTEGER_NATIVE =
      Set.of("int", "tinyint", "mediumint", "serial", "smallserial", "bigserial");

  private final Set<String> userTypes = new HashSet<>();

  /** The checks for a schema whose enums and domains may be used as column types. */
  DeclaredTypes(SchemaSnapshot schema) {
    schema.enums().forEach(e -> userTypes.add(e.name()));
    schema.domains().forEach(d -> userTypes.add(d.name()));
  }

  /**
   * Whether {@code declared} names an enum or domain of the schema (or an array of one): such types
   * are the schema's own, not the engine's, so they are neither parsed nor mapped.
   */
  boolean isUserType(String declared) {
    String trimmed = declared.strip();
    while (trimmed.endsWith("[]")) {
      trimmed = trimmed.substring(0, trimmed.length() - 2).strip();
    }
    return userTypes.contains(trimmed);
  }

  /** Why {@code declared} cannot be a type on any engine; empty when it may be one. */
  Optional<String> problem(String declared) {
    if (isUserType(declared)) {
      return Optional.empty();
    }
    Optional<TypeName> parsed = TypeName.parse(declared);
    if (parsed.isEmpty()) {
      return Optional.of(
          "is not a type: write a name with optional modifiers, e.g. varchar(255), numeric(10,2),"
              + " text[]");
    }
    TypeName type = parsed.get();
    Optional<PortableType> portable = PortableType.lookup(type.base());
    if (portable.isEmpty()) {
      return Optional.empty();
    }
    int count = type.modifiers().size();
    if (!portable.get().acceptsModifiers(count)) {
      return Optional.of(modifierAdvice(type.base(), portable.get(), count));
    }
    if (type.numericModifiers().isEmpty()) {
      return Optional.of("has modifiers that are not whole numbers: " + type.modifiers());
    }
    return Optional.empty();
  }

  /** Whether a column of this type may be an identity (auto-increment) column. */
  static boolean isInteger(String declared) {
    Optional<TypeName> parsed = TypeName.parse(declared);
    if (parsed.isEmpty() || parsed.get().array()) {
      return false;
    }
    String base = parsed.get().base();
    Optional<PortableType> portable = PortableType.lookup(base);
    if (portable.isPresent()) {
      return portable.get() == PortableType.SMALLINT
          || portable.get() == PortableType.INTEGER
          || portable.get() == PortableType.BIGINT;
    }
    return INTEGER_NATIVE.contains(base.split(" ")[0]);
  }

  private static String modifierAdvice(String base, PortableType portable, int count) {
    return switch (portable) {
      case VARCHAR ->
          count == 0
              ? "needs a length: write " + base + "(n), e.g. " + base + "(255)"
              : "takes exactly one length, e.g. " + base + "(255)";
      case CHAR -> "takes at most one length, e.g. " + base + "(2)";
      case NUMERIC -> "takes at most a precision and a scale, e.g. " + base + "(10,2)";
      default -> "takes no modifiers; write " + base;
    };
  }
}
