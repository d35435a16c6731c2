package dev.driftless.cli;

import dev.driftless.emulator.KestraEmulator;
import dev.driftless.emulator.Mode;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code driftless emulator}: the Kestra API emulator in the foreground until interrupted. The first
 * line on standard output is the URL it listens on.
 */
@Command(name = "emulator",
    description = {"Run the Kestra API emulator until interrupted (Ctrl-C).",
        "The first line printed is its URL. Basic auth is on when --user and",
        "--password are given (or KESTRA_EMULATOR_USERNAME and",
        "KESTRA_EMULATOR_PASSWORD are set).", ""})
final class EmulatorCommand implements Runnable {

  @ParentCommand
  Main main;

  // Not mixinStandardHelpOptions: its -V/--version would take --version, the Kestra version here.
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--port", defaultValue = "8080", description = "Port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--mode", defaultValue = "oss", description = "legacy (<= 0.22), oss (tenant main) or ee (default: ${DEFAULT-VALUE}).")
  String mode;

  @Option(names = "--version", description = "The Kestra version to behave as (default: 0.20.7 for legacy, 1.3.0 otherwise).")
  String version;

  @Option(names = "--plugin-type", paramLabel = "TYPE", description = "A plugin type the emulator knows besides a stock"
      + " Kestra's (io.kestra.plugin.scripts.python.Script), as if its plugin were installed; repeatable.")
  java.util.List<String> pluginTypes = new java.util.ArrayList<>();

  @Option(names = "--any-plugin-type", description = "Know every plugin type, as a server with every plugin installed"
      + " would (less strict than any real server).")
  boolean anyPluginType;

  @Option(names = "--user", description = "Username the emulator accepts (Basic auth).")
  String user;

  @Option(names = "--password", description = "Password the emulator accepts (Basic auth).")
  String password;

  @Override
  public void run() {
    KestraEmulator.Builder builder = KestraEmulator.builder().port(port);
    try {
      builder.mode(Mode.valueOf(mode.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      throw new UserError("--mode must be legacy, oss or ee, got '" + mode + "'");
    }
    if (version != null) {
      builder.version(version);
    }
    try {
      builder.pluginTypes(pluginTypes);
    } catch (IllegalArgumentException e) {
      throw new UserError("--plugin-type: " + e.getMessage());
    }
    if (anyPluginType) {
      builder.anyPluginType();
    }
    String username = user != null ? user : main.env.get("KESTRA_EMULATOR_USERNAME");
    String secret = password != null ? password : main.env.get("KESTRA_EMULATOR_PASSWORD");
    if ((username == null) != (secret == null)) {
      throw new UserError("give both --user and --password, or neither");
    }
    if (username != null) {
      builder.basicAuth(username, secret);
    }
    KestraEmulator emulator;
    try {
      emulator = builder.start();
    } catch (IllegalArgumentException | IllegalStateException e) {
      // Settings that contradict each other, or a port that cannot be bound.
      throw new UserError("the emulator cannot start: " + e.getMessage(), e);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread stop = new Thread(() -> {
      emulator.close();
      stopped.countDown();
    }, "driftless-emulator-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    main.out.println(emulator.url());
    main.out.flush();
    main.err.println("Kestra " + emulator.version() + " " + emulator.mode().name().toLowerCase(Locale.ROOT)
        + " emulator; API at " + emulator.apiUrl() + "; request log at " + emulator.url() + "/_emulator/requests. "
        + "Ctrl-C stops it.");
    try {
      stopped.await();
    } catch (InterruptedException e) {
      // Stopped from within the process (driftless run in-process): stop now, not at exit.
      Thread.currentThread().interrupt();
      emulator.close();
      try {
        Runtime.getRuntime().removeShutdownHook(stop);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run
      }
    }
  }
}
