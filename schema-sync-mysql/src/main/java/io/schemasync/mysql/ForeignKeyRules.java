package io.schemasync.mysql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a foreign key's ON DELETE / ON UPDATE rule from the text of SHOW CREATE TABLE. */
final class ForeignKeyRules {
  private static final String ACTIONS = "(RESTRICT|CASCADE|SET NULL|NO ACTION|SET DEFAULT)";

  private ForeignKeyRules() {}

  /** The rule for {@code event} (DELETE or UPDATE); RESTRICT when the clause is absent. */
  static String rule(String createTable, String constraint, String event) {
    String marker = "CONSTRAINT " + MysqlNames.quote(constraint) + " FOREIGN KEY";
    int at = createTable.indexOf(marker);
    if (at < 0) {
      return "RESTRICT";
    }
    int end = createTable.indexOf('\n', at);
    String line = createTable.substring(at, end < 0 ? createTable.length() : end);
    Matcher m =
        Pattern.compile(
                "\\) ON " + event + " " + ACTIONS + "|REFERENCES .* ON " + event + " " + ACTIONS)
            .matcher(line);
    if (m.find()) {
      return m.group(1) != null ? m.group(1) : m.group(2);
    }
    return "RESTRICT";
  }
}
