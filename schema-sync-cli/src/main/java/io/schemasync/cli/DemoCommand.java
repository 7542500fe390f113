package io.schemasync.cli;

import io.schemasync.cli.Terminal.Style;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code demo} command: a release rollout on a small fleet of SQLite tenants, using the real
 * commands, so a newcomer sees plan, sync and validate (and a refusal) in one run.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description =
        "Runs a rollout on a small fleet of SQLite tenants in DIR/tenants: initech at release 1"
            + " (examples/schema) holding rows, acme and globex new and empty. Plans, syncs and"
            + " validates release 2 (examples/schema-v2), shows initech kept its rows, and shows that"
            + " going back to release 1 is refused because it would drop columns. Writes only under DIR.")
final class DemoCommand implements Callable<Integer> {
  /** File name suffix of a tenant database of the SQLite adapter. */
  static final String TENANT_SUFFIX = ".db";

  @Spec private CommandSpec spec;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      defaultValue = "demo",
      description = "Where the demo tenants go (default: ${DEFAULT-VALUE}).")
  private Path dir;

  @Option(
      names = "--from",
      paramLabel = "SRC",
      description = "Release 1 schema (default: examples/schema).")
  private Path from;

  @Option(
      names = "--to",
      paramLabel = "SRC",
      description = "Release 2 schema (default: examples/schema-v2).")
  private Path to;

  private Terminal term;

  @Override
  public Integer call() throws SQLException {
    term =
        new Terminal(
            spec.commandLine().getOut(), spec.commandLine().getErr(), Terminal.colourWanted());
    Path release1 = shortest(exampleSchema(from, "examples/schema", "--from"));
    Path release2 = shortest(exampleSchema(to, "examples/schema-v2", "--to"));
    Path tenants = shortest(dir.resolve("tenants"));
    String url = "jdbc:sqlite:" + tenants;
    resetTenants(tenants);

    heading("1. initech signed up at release 1 and has data");
    int exit =
        quietly("sync", "--url", url, "--target", release1.toString(), "--tenant", "initech");
    if (exit != ExitCode.OK) {
      return exit;
    }
    insertRows(tenants.resolve("initech" + TENANT_SUFFIX));
    term.println(
        "   created "
            + tenants.resolve("initech" + TENANT_SUFFIX)
            + " at release 1 and inserted "
            + rowSummary(tenants));

    heading("2. acme and globex just signed up: empty databases");
    for (String id : List.of("acme", "globex")) {
      createEmpty(tenants.resolve(id + TENANT_SUFFIX));
      term.println("   created " + tenants.resolve(id + TENANT_SUFFIX));
    }

    heading("3. What would release 2 do?  (plan: rehearsed and rolled back, nothing changes)");
    exit = shown(ExitCode.OK, "plan", "--url", url, "--target", release2.toString());
    if (exit != ExitCode.OK) {
      return exit;
    }
    heading("4. Roll it out  (sync: every tenant planned first, then applied and verified)");
    exit = shown(ExitCode.OK, "sync", "--url", url, "--target", release2.toString());
    if (exit != ExitCode.OK) {
      return exit;
    }
    heading("5. CI check  (validate: exit 0 only when every tenant equals the target)");
    exit = shown(ExitCode.OK, "validate", "--url", url, "--target", release2.toString());
    if (exit != ExitCode.OK) {
      return exit;
    }
    term.println("");
    term.println("   initech still holds " + rowSummary(tenants));

    heading("6. Going back to release 1 would drop columns: refused, nothing changes");
    exit =
        shownQuietErrors(
            ExitCode.REFUSED,
            "plan",
            "--url",
            url,
            "--target",
            release1.toString(),
            "--tenant",
            "initech");
    if (exit != ExitCode.REFUSED) {
      return exit == ExitCode.OK ? ExitCode.FAILED : exit;
    }
    term.println("");
    term.println(
        term.paint(Style.GREEN, "Demo finished.")
            + " The tenants are in "
            + tenants
            + "; try for yourself:");
    term.println("  ./schema-sync inspect --url " + url + " --tenant initech");
    term.println("  ./schema-sync audit --url " + url + " --target " + release2 + " --format json");
    term.flush();
    return ExitCode.OK;
  }

  private Path exampleSchema(Path given, String relative, String option) {
    Path candidate = given;
    if (candidate == null) {
      String home = System.getenv("SCHEMA_SYNC_HOME");
      candidate =
          home == null || home.isEmpty() ? Path.of(relative) : Path.of(home).resolve(relative);
    }
    if (!Files.exists(candidate)) {
      throw new ParameterException(
          spec.commandLine(),
          "cannot find the example schema at "
              + candidate
              + "; run the demo from the repository root (./schema-sync demo) or pass "
              + option
              + " PATH");
    }
    return candidate;
  }

  /** Removes only tenant database files left by an earlier run, never anything else under DIR. */
  private static void resetTenants(Path tenants) {
    try {
      Files.createDirectories(tenants);
      List<Path> old = new ArrayList<>();
      try (Stream<Path> files = Files.list(tenants)) {
        files
            .filter(Files::isRegularFile)
            .filter(p -> p.getFileName().toString().matches(".*\\.db(-journal|-wal|-shm)?"))
            .forEach(old::add);
      }
      for (Path file : old) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + tenants + ": " + e.getMessage(), e);
    }
  }

  private void heading(String text) {
    term.println("");
    term.println(term.paint(Style.BOLD, text));
  }

  /** Runs a command showing its command line and output; returns its exit code. */
  private int shown(int expected, String... args) {
    term.println(term.paint(Style.CYAN, "$ schema-sync " + String.join(" ", args)));
    term.flush();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int exit = Main.run(args, out, err);
    if (exit != expected) {
      term.error(
          "demo: expected exit "
              + expected
              + " from '"
              + args[0]
              + "' but got "
              + exit
              + "; see the output above");
    }
    return exit;
  }

  /**
   * Runs a command whose failure is the point of the step: its report shows why, so the copy of the
   * error the command also writes to stderr is left out.
   */
  private int shownQuietErrors(int expected, String... args) {
    term.println(term.paint(Style.CYAN, "$ schema-sync " + String.join(" ", args)));
    term.flush();
    StringWriter errors = new StringWriter();
    int exit = Main.run(args, spec.commandLine().getOut(), new PrintWriter(errors));
    if (exit != expected) {
      term.error(errors.toString().stripTrailing());
      term.error("demo: expected exit " + expected + " from '" + args[0] + "' but got " + exit);
    }
    return exit;
  }

  /** The path relative to the working directory when it lies below it, as people would type it. */
  private static Path shortest(Path path) {
    Path cwd = Path.of("").toAbsolutePath();
    Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith(cwd) && !absolute.equals(cwd) ? cwd.relativize(absolute) : path;
  }

  /** Runs a command, printing its output only when it fails. */
  private int quietly(String... args) {
    StringWriter captured = new StringWriter();
    PrintWriter writer = new PrintWriter(captured);
    int exit = Main.run(args, writer, writer);
    if (exit != ExitCode.OK) {
      term.println(captured.toString());
      term.error("demo: 'schema-sync " + String.join(" ", args) + "' failed with exit " + exit);
    }
    return exit;
  }

  private static void createEmpty(Path file) throws SQLException {
    // A zero-length file is a valid empty SQLite database; opening it and reading the schema makes
    // sure the driver agrees before the demo hands it to the engine.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA schema_version");
    }
  }

  private static void insertRows(Path file) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      for (String sql : DemoData.RELEASE_1_ROWS) {
        s.executeUpdate(sql);
      }
      c.commit();
    }
  }

  private static String rowSummary(Path tenants) throws SQLException {
    Path file = tenants.resolve("initech" + TENANT_SUFFIX);
    List<String> parts = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      for (String table : DemoData.COUNTED_TABLES) {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
          rs.next();
          parts.add(rs.getInt(1) + " " + table);
        }
      }
    }
    return String.join(", ", parts);
  }
}
