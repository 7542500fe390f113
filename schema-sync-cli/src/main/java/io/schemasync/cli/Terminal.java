package io.schemasync.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a command writes: stdout for results, stderr for errors and progress. Every line passes
 * through a redactor so that a password given on the command line (with {@code --password} or
 * inside the URL) can never be printed, whatever message carries it. Colour is used only on an
 * interactive console and only when {@code NO_COLOR} is unset.
 */
final class Terminal {
  private static final Pattern URL_USERINFO_PASSWORD = Pattern.compile("//[^/:@?;]*:([^@/?;]+)@");
  private static final Pattern URL_PARAM_PASSWORD =
      Pattern.compile("(?i)(?:password|pwd|sslpassword|sslkeypassword)=([^&;]+)");

  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean colour;
  private final List<String> secrets = new ArrayList<>();

  Terminal(PrintWriter out, PrintWriter err, boolean colour) {
    this.out = out;
    this.err = err;
    this.colour = colour;
  }

  /** Whether colour is wanted for this process: a console, and no NO_COLOR in the environment. */
  static boolean colourWanted() {
    String noColour = System.getenv("NO_COLOR");
    return System.console() != null && (noColour == null || noColour.isEmpty());
  }

  /** Registers the password options and any password inside the URL for redaction. */
  void redactCredentials(String url, String password) {
    addSecret(password);
    if (url != null) {
      Matcher userinfo = URL_USERINFO_PASSWORD.matcher(url);
      while (userinfo.find()) {
        addSecret(userinfo.group(1));
      }
      Matcher param = URL_PARAM_PASSWORD.matcher(url);
      while (param.find()) {
        addSecret(param.group(1));
      }
    }
  }

  private void addSecret(String secret) {
    // A one- or two-character "secret" would redact ordinary text; such passwords are masked in
    // URLs by JdbcUrls anyway, and --password is never echoed.
    if (secret != null && secret.length() >= 3 && !secrets.contains(secret)) {
      secrets.add(secret);
    }
  }

  String redact(String text) {
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, "***");
    }
    return result;
  }

  void println(String line) {
    out.println(redact(line));
  }

  void print(String text) {
    out.print(redact(text));
  }

  void error(String line) {
    err.println(redact(line));
    err.flush();
  }

  void flush() {
    out.flush();
    err.flush();
  }

  PrintWriter err() {
    return err;
  }

  boolean colour() {
    return colour;
  }

  /** The text in the style, or unchanged when colour is off. */
  String paint(Style style, String text) {
    return colour ? style.code + text + "\u001b[0m" : text;
  }

  /** The ANSI styles the text output uses. */
  enum Style {
    BOLD("\u001b[1m"),
    DIM("\u001b[2m"),
    GREEN("\u001b[32m"),
    YELLOW("\u001b[33m"),
    RED("\u001b[31m"),
    MAGENTA("\u001b[35m"),
    CYAN("\u001b[36m");

    private final String code;

    Style(String code) {
      this.code = code;
    }
  }
}
