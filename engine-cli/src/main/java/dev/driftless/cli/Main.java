package dev.driftless.cli;

import dev.driftless.core.preset.InvalidTaskException;
import dev.driftless.port.DriftlessException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code driftless}: plan, apply and show changes between Git and Kestra; run Kestra Git plugin
 * tasks; run the Kestra API emulator; a guided demo.
 *
 * <p>Exit codes: 0 success, 1 error, 2 changes present ({@code plan --detailed-exitcode}). A bad
 * input prints one line on standard error, never a stack trace unless {@code --debug}.
 */
@Command(name = "driftless", mixinStandardHelpOptions = true, versionProvider = Version.class,
    subcommands = {PlanCommand.class, ApplyCommand.class, ShowCommand.class, RunCommand.class,
        EmulatorCommand.class, DemoCommand.class, VersionCommand.class, CommandLine.HelpCommand.class},
    description = {"Keeps Kestra and Git in sync: plan, show, apply.", ""},
    footer = {"", "Credentials come from the environment: KESTRA_USERNAME, KESTRA_PASSWORD, KESTRA_API_TOKEN,",
        "GIT_USERNAME, GIT_PASSWORD, GIT_SSH_KEY_FILE, GIT_SSH_PASSPHRASE, GIT_KNOWN_HOSTS.",
        "Exit codes: 0 success, 1 error, 2 changes present (plan --detailed-exitcode)."})
public final class Main implements Runnable {

  @Option(names = "--no-color", scope = CommandLine.ScopeType.INHERIT, description = "Plain output, no colour.")
  boolean noColor;

  @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
  boolean debug;

  final Map<String, String> env;
  final PrintStream out;
  final PrintStream err;
  final java.io.InputStream in;
  private Console console;

  Main(Map<String, String> env, PrintStream out, PrintStream err, java.io.InputStream in) {
    this.env = env;
    this.out = out;
    this.err = err;
    this.in = in;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err, System.in));
  }

  /** Runs the command in this process; returns the exit code. */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, java.io.InputStream in) {
    Main main = new Main(env, out, err, in);
    CommandLine cli = new CommandLine(main);
    cli.setOut(new java.io.PrintWriter(out, true));
    cli.setErr(new java.io.PrintWriter(err, true));
    cli.setParameterExceptionHandler((ex, arguments) -> {
      String command = ex.getCommandLine().getCommandName();
      String qualified = command.equals("driftless") ? "driftless" : "driftless " + command;
      err.println(qualified + ": " + ex.getMessage() + " (see '" + qualified + " --help')");
      return 1;
    });
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      err.println("driftless: " + describe(ex));
      if (main.debug) {
        ex.printStackTrace(err);
      }
      return ex instanceof ExitException exit ? exit.code() : 1;
    });
    return cli.execute(args);
  }

  static String describe(Throwable e) {
    if (e instanceof InvalidTaskException || e instanceof UserError || e instanceof DriftlessException
        || e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
      return e.getMessage();
    }
    if (e instanceof UncheckedIOException io) {
      return io.getCause().getMessage();
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  Console console() {
    if (console == null) {
      boolean terminal = System.console() != null && out == System.out;
      boolean color = terminal && !noColor && !env.containsKey("NO_COLOR") && !"dumb".equals(env.get("TERM"));
      console = new Console(out, err, color, terminal);
    }
    return console;
  }

  @Override
  public void run() {
    new CommandLine(this).usage(out);
  }

  /** Ends a command with an exit code that is not an error message (a refused confirmation). */
  static final class ExitException extends RuntimeException {
    private final int code;

    ExitException(int code, String message) {
      super(message);
      this.code = code;
    }

    int code() {
      return code;
    }
  }
}
