package io.schemasync.internal;

/**
 * Names as it is safe to print them in a message: control characters escaped and very long names
 * cut, so a hostile name cannot rewrite the terminal or flood the log.
 */
public final class SafeText {
  private static final int MAX_CODE_POINTS = 80;

  private SafeText() {}

  /** {@code name} escaped and cut to 80 code points (with {@code ...}); "null" for null. */
  public static String show(String name) {
    if (name == null) {
      return "null";
    }
    if (name.codePointCount(0, name.length()) > MAX_CODE_POINTS) {
      return escapeControls(name.substring(0, name.offsetByCodePoints(0, MAX_CODE_POINTS))) + "...";
    }
    return escapeControls(name);
  }

  /** {@code text} with control characters written as Java-style Unicode escapes. */
  public static String escapeControls(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .forEach(
            cp -> {
              if (Character.isISOControl(cp)) {
                out.append(String.format("\\u%04x", cp));
              } else {
                out.appendCodePoint(cp);
              }
            });
    return out.toString();
  }
}
