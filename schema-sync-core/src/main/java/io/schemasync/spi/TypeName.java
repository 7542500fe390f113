package io.schemasync.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A declared type split into its base name and modifiers: {@code numeric(10, 2)} is {@code numeric}
 * with {@code [10, 2]}; {@code double precision} keeps its space; {@code text[]} is an array.
 * Dialects use it to map the portable vocabulary and to normalize native spellings.
 *
 * @param base lower-case base name with single spaces
 * @param modifiers the numbers or words between the parentheses, trimmed
 * @param array whether the type ends in {@code []}
 */
public record TypeName(String base, List<String> modifiers, boolean array) {
  private static final Pattern SHAPE =
      Pattern.compile(
          "^\\s*([A-Za-z_][A-Za-z0-9_ ]*?(?:\\.[A-Za-z_][A-Za-z0-9_]*)?)\\s*(?:\\(([^()]*)\\))?"
              + "\\s*((?:\\[\\s*\\])*)\\s*$");

  public TypeName {
    Objects.requireNonNull(base, "base");
    modifiers = List.copyOf(modifiers);
  }

  /** Parses a declared type; empty when it is not of the shape {@code name[(m, ...)][[]]}. */
  public static Optional<TypeName> parse(String declared) {
    if (declared == null) {
      return Optional.empty();
    }
    Matcher m = SHAPE.matcher(declared);
    if (!m.matches()) {
      return Optional.empty();
    }
    String base = m.group(1).trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    List<String> modifiers = new ArrayList<>();
    if (m.group(2) != null) {
      for (String part : m.group(2).split(",")) {
        String trimmed = part.trim();
        if (trimmed.isEmpty()) {
          return Optional.empty();
        }
        modifiers.add(trimmed);
      }
      if (modifiers.isEmpty()) {
        return Optional.empty();
      }
    }
    return Optional.of(new TypeName(base, modifiers, !m.group(3).isEmpty()));
  }

  /** The modifiers as integers, or empty when one is not a non-negative integer. */
  public Optional<List<Integer>> numericModifiers() {
    List<Integer> numbers = new ArrayList<>();
    for (String modifier : modifiers) {
      if (!modifier.matches("\\d{1,9}")) {
        return Optional.empty();
      }
      numbers.add(Integer.parseInt(modifier));
    }
    return Optional.of(numbers);
  }

  /** {@code base(m1, m2)[]} with the base in the given case. */
  public String format(boolean upperCase) {
    StringBuilder out = new StringBuilder(upperCase ? base.toUpperCase(Locale.ROOT) : base);
    if (!modifiers.isEmpty()) {
      out.append('(').append(String.join(",", modifiers)).append(')');
    }
    if (array) {
      out.append("[]");
    }
    return out.toString();
  }
}
