package io.schemasync.mysql;

import io.schemasync.api.model.SchemaSnapshot;
import io.schemasync.api.model.Table;
import io.schemasync.api.model.TableOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Table options (engine, default character set and collation) in the spelling the inspector
 * reports, and which parts of them a target declares. The inspector reports every part; a target
 * declares only the parts it wants enforced, the others are left to each tenant.
 */
final class TableOptionRules {
  private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_]{1,64}");

  /** The storage engines' names as the servers report them. */
  private static final Map<String, String> ENGINES =
      Map.ofEntries(
          Map.entry("innodb", "InnoDB"),
          Map.entry("myisam", "MyISAM"),
          Map.entry("memory", "MEMORY"),
          Map.entry("heap", "MEMORY"),
          Map.entry("aria", "Aria"),
          Map.entry("csv", "CSV"),
          Map.entry("archive", "ARCHIVE"),
          Map.entry("blackhole", "BLACKHOLE"),
          Map.entry("mrg_myisam", "MRG_MyISAM"),
          Map.entry("merge", "MRG_MyISAM"),
          Map.entry("rocksdb", "ROCKSDB"),
          Map.entry("columnstore", "Columnstore"),
          Map.entry("ndbcluster", "ndbcluster"));

  private TableOptionRules() {}

  /**
   * A target table's options in the inspector's spelling; throws when a part is not a plain word
   * (options are engine words, and a snapshot target is not checked by the document loader).
   */
  static TableOptions normalize(TableOptions options, String owner) {
    if (options == null) {
      return null;
    }
    for (String part : new String[] {options.engine(), options.charset(), options.collation()}) {
      if (part != null && !WORD.matcher(part).matches()) {
        throw TargetRules.invalid(
            owner,
            "table option '"
                + io.schemasync.internal.SafeText.show(part)
                + "' is not an engine, character set or collation name (letters, digits and"
                + " underscores)");
      }
    }
    String engine =
        options.engine() == null
            ? null
            : ENGINES.getOrDefault(options.engine().toLowerCase(Locale.ROOT), options.engine());
    return new TableOptions(engine, charset(options.charset()), collation(options.collation()));
  }

  /**
   * A character set as both servers name it now: {@code utf8} is {@code utf8mb3} (MariaDB 10.6,
   * MySQL 8.0.30 report it so), names are lower case.
   */
  static String charset(String charset) {
    if (charset == null) {
      return null;
    }
    String c = charset.toLowerCase(Locale.ROOT);
    return c.equals("utf8") ? "utf8mb3" : c;
  }

  /** A collation as both servers name it now: {@code utf8_bin} is {@code utf8mb3_bin}. */
  static String collation(String collation) {
    if (collation == null) {
      return null;
    }
    String c = collation.toLowerCase(Locale.ROOT);
    return c.startsWith("utf8_") ? "utf8mb3_" + c.substring("utf8_".length()) : c;
  }

  /**
   * The read-back snapshot with each table's options cut down to the parts the target declared: the
   * server's spelling of what was declared, nothing of what was left to the tenant.
   */
  static SchemaSnapshot keepDeclared(SchemaSnapshot readBack, SchemaSnapshot declared) {
    List<Table> tables = new ArrayList<>();
    for (Table t : readBack.tables()) {
      TableOptions wanted = declared.table(t.name()).map(Table::options).orElse(null);
      tables.add(t.withOptions(t.options() == null ? wanted : t.options().restrictedTo(wanted)));
    }
    return readBack.withTables(tables);
  }

  /**
   * The snapshot a SQL script built, with each option part that is just the database's default left
   * undeclared: a script that says nothing about engines or character sets gets its tables created
   * with the defaults, and that must not force every tenant onto them.
   */
  static SchemaSnapshot withoutDefaults(SchemaSnapshot built, TableOptions defaults) {
    List<Table> tables = new ArrayList<>();
    for (Table t : built.tables()) {
      TableOptions o = t.options();
      if (o == null) {
        tables.add(t);
        continue;
      }
      boolean defaultCharset = o.charset() != null && o.charset().equals(defaults.charset());
      tables.add(
          t.withOptions(
              new TableOptions(
                  same(o.engine(), defaults.engine()),
                  defaultCharset ? null : o.charset(),
                  // The collation matters on its own only when the character set is declared or
                  // the collation is not the default one.
                  defaultCharset ? same(o.collation(), defaults.collation()) : o.collation())));
    }
    return built.withTables(tables);
  }

  private static String same(String value, String defaultValue) {
    return value != null && value.equalsIgnoreCase(defaultValue) ? null : value;
  }

  /** The columns a change of the table's default character set converts: text that inherits it. */
  static boolean isText(String type) {
    String base = type.toLowerCase(Locale.ROOT).replaceAll("[ (].*$", "");
    return List.of("char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set")
        .contains(base);
  }
}
