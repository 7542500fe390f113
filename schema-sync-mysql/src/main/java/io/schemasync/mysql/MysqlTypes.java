package io.schemasync.mysql;

import io.schemasync.spi.PortableType;
import io.schemasync.spi.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type vocabulary: portable types mapped to MySQL, and native spellings normalized to the one
 * form the inspector reports ({@code int(11)} and {@code INT} both read {@code int}).
 *
 * <p>Mapping choices: {@code boolean} is {@code tinyint(1)} (MySQL has no boolean type, and the
 * inspector reports {@code tinyint(1)} back); {@code text} is {@code longtext} and {@code bytes}
 * {@code longblob} so no value that fits another engine is too long here; {@code timestamp} (no
 * time zone) is {@code datetime(6)}, {@code timestamptz} is {@code timestamp(6)} (stored as UTC,
 * range 1970-2038); {@code uuid} is {@code char(36)}; bare {@code numeric} is {@code
 * decimal(65,30)} because MySQL's own default, {@code decimal(10,0)}, would drop fractions. Native
 * spellings that are also portable aliases take the portable meaning ({@code datetime} is {@code
 * datetime(6)}, {@code blob} and {@code binary} are {@code longblob}); write {@code datetime(0)},
 * {@code mediumblob} or {@code binary(16)} for a native type.
 */
final class MysqlTypes {
  private static final Pattern ENUM = Pattern.compile("(?is)^\\s*(enum|set)\\s*\\((.*)\\)\\s*$");
  private static final Pattern SUFFIX = Pattern.compile("(?i)\\s+(unsigned|signed|zerofill)\\s*$");
  private static final Set<String> INTEGERS =
      Set.of("tinyint", "smallint", "mediumint", "int", "bigint");
  private static final Set<String> NO_MODIFIERS =
      Set.of(
          "tinyblob",
          "blob",
          "mediumblob",
          "longblob",
          "tinytext",
          "text",
          "mediumtext",
          "longtext",
          "json",
          "date",
          "year",
          "geometry",
          "point",
          "linestring",
          "polygon",
          "multipoint",
          "multilinestring",
          "multipolygon",
          "geometrycollection",
          "uuid",
          "inet4",
          "inet6");
  private static final Set<String> ONE_MODIFIER =
      Set.of("char", "varchar", "binary", "varbinary", "bit", "datetime", "timestamp", "time");
  static final List<String> NATIVE_NAMES =
      List.of(
          "tinyint",
          "smallint",
          "mediumint",
          "int",
          "bigint",
          "decimal",
          "float",
          "double",
          "bit",
          "char",
          "varchar",
          "binary",
          "varbinary",
          "tinytext",
          "text",
          "mediumtext",
          "longtext",
          "tinyblob",
          "blob",
          "mediumblob",
          "longblob",
          "enum(...)",
          "set(...)",
          "json",
          "date",
          "time",
          "datetime",
          "timestamp",
          "year",
          "geometry",
          "point",
          "linestring",
          "polygon",
          "uuid (MariaDB)",
          "inet4 (MariaDB)",
          "inet6 (MariaDB)",
          "... unsigned");

  private MysqlTypes() {}

  /**
   * The native type a declared type (portable or native) stands for, normalized; empty if unknown.
   */
  static Optional<String> resolve(String declared) {
    if (declared == null || declared.isBlank()) {
      return Optional.empty();
    }
    Optional<TypeName> parsed = TypeName.parse(declared);
    if (parsed.isPresent() && !parsed.get().array()) {
      TypeName t = parsed.get();
      Optional<PortableType> portable = PortableType.lookup(t.base());
      if (portable.isPresent() && portable.get().acceptsModifiers(t.modifiers().size())) {
        return portable(portable.get(), t);
      }
    }
    return normalize(declared);
  }

  private static Optional<String> portable(PortableType type, TypeName t) {
    List<String> m = t.modifiers();
    return Optional.of(
        switch (type) {
          case SMALLINT -> "smallint";
          case INTEGER -> "int";
          case BIGINT -> "bigint";
          case REAL -> "float";
          case DOUBLE -> "double";
          case NUMERIC ->
              m.isEmpty()
                  ? "decimal(65,30)"
                  : "decimal(" + m.get(0) + "," + (m.size() > 1 ? m.get(1) : "0") + ")";
          case BOOLEAN -> "tinyint(1)";
          case VARCHAR -> "varchar(" + m.get(0) + ")";
          case CHAR -> "char(" + (m.isEmpty() ? "1" : m.get(0)) + ")";
          case TEXT -> "longtext";
          case BYTES -> "longblob";
          case DATE -> "date";
          case TIME -> "time(6)";
          case TIMESTAMP -> "datetime(6)";
          case TIMESTAMPTZ -> "timestamp(6)";
          case UUID -> "char(36)";
          case JSON -> "json";
        });
  }

  /**
   * A native MySQL type in the inspector's spelling: lower case, integer display widths dropped
   * (except {@code tinyint(1)}, the boolean), {@code zerofill} dropped, {@code unsigned} kept.
   */
  static Optional<String> normalize(String declared) {
    String text = declared.trim();
    boolean unsigned = false;
    Matcher suffix = SUFFIX.matcher(text);
    while (suffix.find()) {
      String word = suffix.group(1).toLowerCase(Locale.ROOT);
      // ZEROFILL implies UNSIGNED on MySQL.
      unsigned |= word.equals("unsigned") || word.equals("zerofill");
      text = text.substring(0, suffix.start());
      suffix = SUFFIX.matcher(text);
    }
    Matcher enumMatcher = ENUM.matcher(text);
    if (enumMatcher.matches()) {
      return enumValues(enumMatcher.group(2))
          .map(values -> enumMatcher.group(1).toLowerCase(Locale.ROOT) + "(" + values + ")");
    }
    Optional<TypeName> parsed = TypeName.parse(text);
    if (parsed.isEmpty() || parsed.get().array()) {
      return Optional.empty();
    }
    TypeName t = parsed.get();
    String base = alias(t.base());
    List<String> mods = new ArrayList<>(t.modifiers());
    if (mods.stream().anyMatch(x -> !x.matches("\\d{1,9}"))) {
      return Optional.empty();
    }
    String out;
    if (INTEGERS.contains(base)) {
      if (base.equals("tinyint") && mods.equals(List.of("1")) && !unsigned) {
        return Optional.of("tinyint(1)");
      }
      if (mods.size() > 1) {
        return Optional.empty();
      }
      out = base;
    } else if (base.equals("decimal")) {
      if (mods.size() > 2) {
        return Optional.empty();
      }
      out =
          "decimal("
              + (mods.isEmpty() ? "10" : mods.get(0))
              + ","
              + (mods.size() > 1 ? mods.get(1) : "0")
              + ")";
    } else if (base.equals("float") || base.equals("double")) {
      if (base.equals("float") && mods.size() == 1) {
        // FLOAT(p): p > 24 is a DOUBLE, as the server reports it.
        out = Integer.parseInt(mods.get(0)) > 24 ? "double" : "float";
      } else if (mods.size() > 2) {
        return Optional.empty();
      } else {
        out = base + (mods.isEmpty() ? "" : "(" + String.join(",", mods) + ")");
      }
    } else if (NO_MODIFIERS.contains(base)) {
      if (!mods.isEmpty() && !(base.equals("year") && mods.equals(List.of("4")))) {
        return Optional.empty();
      }
      out = base;
    } else if (ONE_MODIFIER.contains(base)) {
      if (mods.size() > 1
          || (mods.isEmpty() && base.endsWith("varchar"))
          || (mods.isEmpty() && base.equals("varbinary"))) {
        return Optional.empty();
      }
      boolean temporal = base.equals("datetime") || base.equals("timestamp") || base.equals("time");
      if (temporal && mods.equals(List.of("0"))) {
        mods.clear();
      }
      if (mods.isEmpty() && (base.equals("char") || base.equals("binary") || base.equals("bit"))) {
        mods.add("1");
      }
      out = base + (mods.isEmpty() ? "" : "(" + mods.get(0) + ")");
    } else {
      return Optional.empty();
    }
    return Optional.of(unsigned && isNumeric(base) ? out + " unsigned" : out);
  }

  private static String alias(String base) {
    return switch (base) {
      case "integer" -> "int";
      case "int1" -> "tinyint";
      case "int2" -> "smallint";
      case "int3", "middleint" -> "mediumint";
      case "int4" -> "int";
      case "int8" -> "bigint";
      case "dec", "numeric", "fixed" -> "decimal";
      case "double precision", "real", "float8" -> "double";
      case "float4" -> "float";
      case "character" -> "char";
      case "character varying", "char varying" -> "varchar";
      case "long varchar", "long" -> "mediumtext";
      case "long varbinary" -> "mediumblob";
      default -> base;
    };
  }

  static boolean isNumeric(String type) {
    String base = type.replaceAll("[ (].*$", "");
    return INTEGERS.contains(base)
        || Set.of("decimal", "float", "double", "year", "bit").contains(base);
  }

  /** Re-quotes enum/set values canonically ({@code 'a','b''c'}); empty if malformed. */
  private static Optional<String> enumValues(String inner) {
    List<String> values = new ArrayList<>();
    int i = 0;
    int n = inner.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(inner.charAt(i))) {
        i++;
      }
      if (i >= n || inner.charAt(i) != '\'') {
        return Optional.empty();
      }
      StringBuilder value = new StringBuilder();
      i++;
      while (true) {
        if (i >= n) {
          return Optional.empty();
        }
        char c = inner.charAt(i);
        if (c == '\'' && i + 1 < n && inner.charAt(i + 1) == '\'') {
          value.append('\'');
          i += 2;
        } else if (c == '\'') {
          i++;
          break;
        } else {
          value.append(c);
          i++;
        }
      }
      values.add(value.toString());
      while (i < n && Character.isWhitespace(inner.charAt(i))) {
        i++;
      }
      if (i < n && inner.charAt(i) != ',') {
        return Optional.empty();
      }
      i++;
    }
    if (values.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        String.join(",", values.stream().map(v -> "'" + v.replace("'", "''") + "'").toList()));
  }
}
