package io.schemasync.internal;

import java.util.regex.Pattern;

/** Masks credentials in JDBC URLs before they reach a message, a log line or JSON output. */
public final class JdbcUrls {
  // user:password@host in the authority, and password=... / pwd=... in query or property parts.
  private static final Pattern USERINFO = Pattern.compile("(//[^/:@?;]*:)([^@/?;]*)(@)");
  private static final Pattern PARAM =
      Pattern.compile("(?i)((?:password|pwd|sslpassword|sslkeypassword)=)([^&;]*)");

  private JdbcUrls() {}

  public static String mask(String url) {
    if (url == null) {
      return null;
    }
    String masked = USERINFO.matcher(url).replaceAll("$1***$3");
    return PARAM.matcher(masked).replaceAll("$1***");
  }
}
