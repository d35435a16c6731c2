package dev.driftless.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code driftless}: plan, apply and show changes between Git and Kestra; run (or watch) Kestra Git plugin
 * tasks; run the Kestra API emulator; a guided demo.
 *
 * <p>Exit codes: 0 success, 1 error, 2 changes present ({@code plan --detailed-exitcode}). A bad
 * input prints one line on standard error, never a stack trace unless {@code --debug}.
 */
@Command(name = "driftless", mixinStandardHelpOptions = true, versionProvider = Version.class,
    subcommands = {PlanCommand.class, ApplyCommand.class, ShowCommand.class, RunCommand.class, WatchCommand.class,
        EmulatorCommand.class, DemoCommand.class, VersionCommand.class, CommandLine.HelpCommand.class},
    description = {"Keeps Kestra and Git in sync: plan, show, apply.", ""},
    footer = {"", "Credentials come only from the environment (never from arguments):",
        "  KESTRA_USERNAME and KESTRA_PASSWORD (or KESTRA_PASSWORD_FILE),",
        "  or KESTRA_API_TOKEN;",
        "  GIT_USERNAME and GIT_PASSWORD, or GIT_SSH_KEY_FILE and GIT_SSH_PASSPHRASE;",
        "  GIT_KNOWN_HOSTS and GIT_SSL_CA_FILE for the servers' keys and certificates.",
        "Exit codes: 0 success, 1 error, 2 changes present (plan --detailed-exitcode)."})
public final class Main implements Runnable {

  @Option(names = "--no-color", scope = CommandLine.ScopeType.INHERIT, description = "Plain output, no colour.")
  boolean noColor;

  @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
  boolean debug;

  @Option(names = "--progress", scope = CommandLine.ScopeType.INHERIT,
      description = "Report progress on standard error even when it is not a terminal.")
  boolean progress;

  final Map<String, String> env;
  final PrintStream out;
  final PrintStream err;
  final InputStream in;
  private Console console;

  Main(Map<String, String> env, PrintStream out, PrintStream err, InputStream in) {
    this.env = env;
    this.out = out;
    this.err = err;
    this.in = in;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err, System.in));
  }

  /** Runs the command in this process; returns the exit code. */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, InputStream in) {
    Main main = new Main(env, out, err, in);
    CommandLine cli = new CommandLine(main);
    EmulatorCommand.useTheEmulatorsUsage(cli.getSubcommands().get("emulator"));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setParameterExceptionHandler((ex, arguments) -> {
      String command = ex.getCommandLine().getCommandName();
      String qualified = command.equals("driftless") ? "driftless" : "driftless " + command;
      err.println(qualified + ": " + ErrorLines.ofParameters(ex) + " (see '" + qualified + " --help')");
      return 1;
    });
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      main.console().clearProgress();
      ErrorLines.of(ex).forEach(line -> err.println("driftless: " + line));
      if (main.debug) {
        ex.printStackTrace(err);
      }
      return 1;
    });
    return cli.execute(args);
  }

  Console console() {
    if (console == null) {
      console = Console.of(out, err, env, noColor, progress);
    }
    return console;
  }

  @Override
  public void run() {
    new CommandLine(this).usage(out);
  }
}
