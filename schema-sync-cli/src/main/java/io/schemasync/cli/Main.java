package io.schemasync.cli;

import io.schemasync.api.SchemaSyncException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code schema-sync} command line. {@link #run} is the whole program minus {@code
 * System.exit}, so tests drive it in-process with their own writers.
 */
public final class Main {
  private Main() {}

  /** Runs the command line and exits with its exit code (see {@link ExitCode}). */
  public static void main(String[] args) {
    // slf4j-simple reads its level once, when the first logger is created: set it before anything.
    boolean verbose = Arrays.stream(args).anyMatch(a -> a.equals("-v") || a.equals("--verbose"));
    if (verbose && System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
    }
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    System.exit(run(args, out, err));
  }

  /** Parses and runs {@code args}, writing results to {@code out} and errors to {@code err}. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    int exit = commandLine(out, err).execute(args);
    out.flush();
    err.flush();
    return exit;
  }

  /** The configured picocli command line. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Root());
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setColorScheme(
        CommandLine.Help.defaultColorScheme(Terminal.colourWanted() ? Ansi.ON : Ansi.OFF));
    cl.setParameterExceptionHandler(Main::usageError);
    cl.setExecutionExceptionHandler(Main::executionError);
    return cl;
  }

  private static int usageError(ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    Terminal term = terminalOf(cl);
    term.error("error: " + ex.getMessage());
    UnmatchedArgumentException.printSuggestions(ex, cl.getErr());
    term.error("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for usage.");
    return ExitCode.INVALID_INPUT;
  }

  private static int executionError(Exception ex, CommandLine cl, ParseResult parsed) {
    Terminal term = terminalOf(cl);
    CommonOptions options = cl.getCommand() instanceof CliCommand c ? c.options() : null;
    boolean verbose = options != null && options.verbose;
    int exit;
    if (ex instanceof SchemaSyncException known) {
      exit = ExitCode.of(known.category());
      term.error("error: " + known.getMessage());
      if (verbose && known.getCause() != null) {
        term.error("caused by: " + known.getCause());
      }
    } else {
      exit = ExitCode.FAILED;
      term.error(
          "error: unexpected "
              + ex.getClass().getName()
              + ": "
              + ex.getMessage()
              + (verbose
                  ? ""
                  : " (this is a bug in schema-sync; rerun with -v for the stack trace and report it)"));
      if (verbose) {
        ex.printStackTrace(term.err());
      }
    }
    if (options != null && options.json()) {
      String command = ((CliCommand) cl.getCommand()).name();
      term.println(JsonReport.ofError(command, options.url, ex, exit).write());
    }
    term.flush();
    return exit;
  }

  private static Terminal terminalOf(CommandLine cl) {
    if (cl.getCommand() instanceof CliCommand c && c.options() != null) {
      return c.options().terminal();
    }
    return new Terminal(cl.getOut(), cl.getErr(), false);
  }

  /** The top-level command: only dispatches to subcommands. */
  @Command(
      name = "schema-sync",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = "Keeps many tenant databases in sync with one declared schema.",
      footer = {
        "",
        "Exit codes:",
        "  0  success: every tenant in sync, planned or applied",
        "  1  drift found (diff, validate)",
        "  2  usage error or bad input (target document, tenant id, unknown URL)",
        "  3  refused by a safety policy; nothing was changed",
        "  4  database or execution failure",
        "",
        "Start with: schema-sync demo"
      },
      subcommands = {
        InspectCommand.class,
        DiffCommand.class,
        PlanCommand.class,
        SyncCommand.class,
        ValidateCommand.class,
        AuditCommand.class,
        RolloutCommand.class,
        DemoCommand.class,
        CommandLine.HelpCommand.class
      })
  static final class Root implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Override
    public Integer call() {
      throw new ParameterException(
          spec.commandLine(),
          "missing command: inspect, diff, plan, sync, validate, audit, rollout or demo");
    }
  }
}
