package io.schemasync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Runs the command line in-process and captures what it printed and returned. */
final class Cli {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Cli() {}

  /** What one run printed and returned. */
  record Result(int exit, String out, String err) {
    JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (IOException e) {
        throw new AssertionError("stdout is not JSON:\n" + out + "\nstderr:\n" + err, e);
      }
    }

    String all() {
      return out + err;
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(exit, out.toString(), err.toString());
  }

  /**
   * Every file under a directory with the SHA-256 of its bytes, to prove a command changed nothing.
   */
  static Map<String, String> files(Path dir) {
    Map<String, String> contents = new TreeMap<>();
    if (!Files.exists(dir)) {
      return contents;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
        contents.put(dir.relativize(p).toString(), HexFormat.of().formatHex(digest));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return contents;
  }

  static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
