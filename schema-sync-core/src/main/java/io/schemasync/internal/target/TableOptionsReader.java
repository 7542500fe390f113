package io.schemasync.internal.target;

import io.schemasync.api.model.TableOptions;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a table's {@code options: {engine, charset, collation}}. The values are engine words
 * (storage engines, character sets, collations), so they must be plain words: letters, digits and
 * underscores.
 */
final class TableOptionsReader {
  static final List<String> KEYS = List.of("engine", "charset", "collation");
  private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_]{1,64}");

  private TableOptionsReader() {}

  /** The options, or null when the table declares none (or only broken ones, recorded). */
  static TableOptions read(PropertyReader table, String tableName) {
    PropertyReader r =
        table.object("options", "options of table " + IdentifierRules.show(tableName));
    if (r == null) {
      return null;
    }
    r.allowOnly(KEYS);
    String engine = word(r, "engine", "a storage engine such as InnoDB");
    String charset = word(r, "charset", "a character set such as utf8mb4");
    String collation = word(r, "collation", "a collation such as utf8mb4_unicode_ci");
    TableOptions options = new TableOptions(engine, charset, collation);
    return options.isEmpty() ? null : options;
  }

  private static String word(PropertyReader r, String key, String example) {
    String value = r.string(key);
    if (value != null && !WORD.matcher(value).matches()) {
      r.problems()
          .add(
              r.location(key),
              "'"
                  + key
                  + "' of "
                  + r.what()
                  + " is '"
                  + IdentifierRules.show(value)
                  + "'; write "
                  + example
                  + " (letters, digits and underscores)");
      return null;
    }
    return value;
  }
}
