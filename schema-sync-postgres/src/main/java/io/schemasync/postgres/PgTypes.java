package io.schemasync.postgres;

import io.schemasync.spi.PortableType;
import io.schemasync.spi.TypeName;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Type names as PostgreSQL's {@code format_type} reports them: the mapping of the portable
 * vocabulary and native spellings to that form, and which type changes rewrite the table.
 */
final class PgTypes {
  /** Built-in types by every spelling a target may use, to the {@code format_type} base name. */
  private static final Map<String, String> NATIVE =
      Map.ofEntries(
          Map.entry("int2", "smallint"),
          Map.entry("smallint", "smallint"),
          Map.entry("int", "integer"),
          Map.entry("int4", "integer"),
          Map.entry("integer", "integer"),
          Map.entry("int8", "bigint"),
          Map.entry("bigint", "bigint"),
          Map.entry("float4", "real"),
          Map.entry("real", "real"),
          Map.entry("float8", "double precision"),
          Map.entry("double precision", "double precision"),
          Map.entry("numeric", "numeric"),
          Map.entry("decimal", "numeric"),
          Map.entry("bool", "boolean"),
          Map.entry("boolean", "boolean"),
          Map.entry("varchar", "character varying"),
          Map.entry("character varying", "character varying"),
          Map.entry("char", "character"),
          Map.entry("character", "character"),
          Map.entry("bpchar", "character"),
          Map.entry("text", "text"),
          Map.entry("bytea", "bytea"),
          Map.entry("date", "date"),
          Map.entry("uuid", "uuid"),
          Map.entry("json", "jsonb"),
          Map.entry("jsonb", "jsonb"),
          Map.entry("interval", "interval"),
          Map.entry("inet", "inet"),
          Map.entry("cidr", "cidr"),
          Map.entry("macaddr", "macaddr"),
          Map.entry("macaddr8", "macaddr8"),
          Map.entry("money", "money"),
          Map.entry("xml", "xml"),
          Map.entry("tsvector", "tsvector"),
          Map.entry("tsquery", "tsquery"),
          Map.entry("bit", "bit"),
          Map.entry("bit varying", "bit varying"),
          Map.entry("varbit", "bit varying"),
          Map.entry("oid", "oid"),
          Map.entry("point", "point"),
          Map.entry("line", "line"),
          Map.entry("lseg", "lseg"),
          Map.entry("box", "box"),
          Map.entry("path", "path"),
          Map.entry("polygon", "polygon"),
          Map.entry("circle", "circle"),
          Map.entry("int4range", "int4range"),
          Map.entry("int8range", "int8range"),
          Map.entry("numrange", "numrange"),
          Map.entry("tsrange", "tsrange"),
          Map.entry("tstzrange", "tstzrange"),
          Map.entry("daterange", "daterange"));

  private static final Pattern TEMPORAL =
      Pattern.compile(
          "^(timestamptz|timestamp|timetz|time)(?:\\s*\\((\\d)\\))?"
              + "(?:\\s+(with|without)\\s+time\\s+zone)?(\\[\\])?$");

  /** Changes PostgreSQL makes without rewriting the table (binary-coercible). */
  private static final Set<String> BINARY_COERCIBLE_TO_TEXT = Set.of("character varying", "text");

  private PgTypes() {}

  /** A type of another schema, as an extension's: {@code public.citext}, {@code ext.hstore[]}. */
  private static final Pattern QUALIFIED =
      Pattern.compile(
          "(?:[A-Za-z_][A-Za-z0-9_$]*|\"(?:[^\"]|\"\")+\")"
              + "\\.(?:[A-Za-z_][A-Za-z0-9_$]*|\"(?:[^\"]|\"\")+\")"
              + "(?:\\(\\s*\\d+(?:\\s*,\\s*\\d+)*\\s*\\))?(?:\\[\\])?");

  /** Every native spelling accepted besides the portable vocabulary, for error messages. */
  static List<String> nativeNames() {
    List<String> names = new java.util.ArrayList<>(NATIVE.keySet().stream().sorted().toList());
    names.add("schema.type (an extension's type, e.g. public.citext)");
    return names;
  }

  /**
   * The {@code format_type} spelling of a declared built-in or portable type; empty for anything
   * else. The target's own enums and domains never come here: the target loader recognizes them.
   */
  static Optional<String> resolve(String declared) {
    if (declared == null || declared.isBlank()) {
      return Optional.empty();
    }
    String trimmed = declared.trim();
    if (QUALIFIED.matcher(trimmed).matches()) {
      // another schema's type, as written: the server checks it when the target is normalized
      return Optional.of(trimmed);
    }
    String lower = trimmed.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    Optional<String> temporal = temporal(lower);
    if (temporal.isPresent()) {
      return temporal;
    }
    Optional<TypeName> parsed = TypeName.parse(trimmed);
    if (parsed.isPresent()) {
      Optional<String> known = known(parsed.get());
      if (known.isPresent()) {
        return known;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> known(TypeName type) {
    String array = type.array() ? "[]" : "";
    Optional<PortableType> portable = PortableType.lookup(type.base());
    Optional<List<Integer>> numbers = type.numericModifiers();
    if (numbers.isEmpty()) {
      return Optional.empty();
    }
    List<Integer> mods = numbers.get();
    if (portable.isPresent() && !NATIVE.containsKey(type.base())) {
      return portable(portable.get(), mods).map(t -> t + array);
    }
    String base = NATIVE.get(type.base());
    if (base == null) {
      return Optional.empty();
    }
    return switch (base) {
      case "numeric" -> numeric(mods).map(t -> t + array);
      case "character varying", "bit varying" ->
          mods.size() <= 1 ? Optional.of(withMods(base, mods) + array) : Optional.empty();
      case "character", "bit" ->
          mods.size() <= 1
              ? Optional.of(withMods(base, mods.isEmpty() ? List.of(1) : mods) + array)
              : Optional.empty();
      default -> mods.isEmpty() ? Optional.of(base + array) : Optional.empty();
    };
  }

  private static Optional<String> portable(PortableType type, List<Integer> mods) {
    if (!type.acceptsModifiers(mods.size())) {
      return Optional.empty();
    }
    return switch (type) {
      case SMALLINT -> Optional.of("smallint");
      case INTEGER -> Optional.of("integer");
      case BIGINT -> Optional.of("bigint");
      case REAL -> Optional.of("real");
      case DOUBLE -> Optional.of("double precision");
      case NUMERIC -> numeric(mods);
      case BOOLEAN -> Optional.of("boolean");
      case VARCHAR -> Optional.of(withMods("character varying", mods));
      case CHAR -> Optional.of(withMods("character", mods.isEmpty() ? List.of(1) : mods));
      case TEXT -> Optional.of("text");
      case BYTES -> Optional.of("bytea");
      case DATE -> Optional.of("date");
      case TIME -> Optional.of("time without time zone");
      case TIMESTAMP -> Optional.of("timestamp without time zone");
      case TIMESTAMPTZ -> Optional.of("timestamp with time zone");
      case UUID -> Optional.of("uuid");
        // jsonb: compared by value, indexable; the portable json type means a JSON document
      case JSON -> Optional.of("jsonb");
    };
  }

  private static Optional<String> numeric(List<Integer> mods) {
    if (mods.size() > 2 || (!mods.isEmpty() && (mods.get(0) < 1 || mods.get(0) > 1000))) {
      return Optional.empty();
    }
    if (mods.size() == 1) {
      return Optional.of("numeric(" + mods.get(0) + ",0)");
    }
    return Optional.of(withMods("numeric", mods));
  }

  private static Optional<String> temporal(String lower) {
    Matcher m = TEMPORAL.matcher(lower);
    if (!m.matches()) {
      return Optional.empty();
    }
    boolean tz = m.group(1).endsWith("tz");
    if (tz && m.group(3) != null) {
      return Optional.empty();
    }
    String zone = tz || "with".equals(m.group(3)) ? " with time zone" : " without time zone";
    String base = tz ? m.group(1).substring(0, m.group(1).length() - 2) : m.group(1);
    String precision = m.group(2) == null ? "" : "(" + m.group(2) + ")";
    return Optional.of(base + precision + zone + (m.group(4) == null ? "" : "[]"));
  }

  private static String withMods(String base, List<Integer> mods) {
    if (mods.isEmpty()) {
      return base;
    }
    StringBuilder out = new StringBuilder(base).append('(');
    for (int i = 0; i < mods.size(); i++) {
      out.append(i == 0 ? "" : ",").append(mods.get(i));
    }
    return out.append(')').toString();
  }

  /** Whether {@code type} (as format_type spells it) is one of PostgreSQL's own types. */
  static boolean isBuiltIn(String type) {
    String base = type.replace("[]", "").replaceAll("\\(.*?\\)", "").trim();
    return NATIVE.containsValue(base)
        || base.equals("json")
        || base.startsWith("timestamp ")
        || base.startsWith("time ")
        || base.contains(".");
  }

  /**
   * Whether changing a column from one type to the other rewrites the table (and its indexes) under
   * an ACCESS EXCLUSIVE lock. Binary-coercible changes do not: widening a varchar, varchar to text,
   * dropping a varchar's length, raising a numeric's precision at the same scale.
   */
  static boolean rewrites(String from, String to) {
    if (from.equals(to)) {
      return false;
    }
    TypeName a = TypeName.parse(from).orElse(null);
    TypeName b = TypeName.parse(to).orElse(null);
    if (a == null || b == null || a.array() != b.array()) {
      return true;
    }
    if (a.base().equals("character varying") && BINARY_COERCIBLE_TO_TEXT.contains(b.base())) {
      return b.base().equals("character varying")
          && !b.modifiers().isEmpty()
          && (a.modifiers().isEmpty()
              || Integer.parseInt(b.modifiers().get(0)) < Integer.parseInt(a.modifiers().get(0)));
    }
    if (a.base().equals("text") && b.base().equals("character varying")) {
      return !b.modifiers().isEmpty();
    }
    if (a.base().equals("numeric") && b.base().equals("numeric")) {
      if (b.modifiers().isEmpty()) {
        return false;
      }
      if (a.modifiers().size() == 2 && b.modifiers().size() == 2) {
        return !a.modifiers().get(1).equals(b.modifiers().get(1))
            || Integer.parseInt(b.modifiers().get(0)) < Integer.parseInt(a.modifiers().get(0));
      }
    }
    return true;
  }
}
