package io.schemasync.mysql;

import io.schemasync.api.InvalidTargetException;
import io.schemasync.api.SourceLocation;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Refuses statements in a SQL target that would reach beyond the scratch database it runs in:
 * switching or creating databases, users and grants, global settings.
 */
final class ScriptGuard {
  private static final Pattern FORBIDDEN =
      Pattern.compile(
          "^(USE\\b|(CREATE|DROP|ALTER)\\s+(DATABASE|SCHEMA|USER|ROLE|SERVER|TABLESPACE)\\b|GRANT\\b"
              + "|REVOKE\\b|SET\\s+(GLOBAL|PERSIST|PASSWORD)\\b|FLUSH\\b|SHUTDOWN\\b|KILL\\b"
              + "|INSTALL\\b|UNINSTALL\\b|LOAD\\s+DATA\\b|RENAME\\s+USER\\b)");

  private ScriptGuard() {}

  static void check(SqlScript.Statement statement, String sourceName) {
    String head = statement.sql().stripLeading().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
    if (FORBIDDEN.matcher(head).find()) {
      throw new InvalidTargetException(
          new SourceLocation(sourceName, statement.line(), 0, null),
          "a schema script may only define objects of one database; this statement reaches the"
              + " server (databases, users, grants or global settings): remove it");
    }
  }
}
