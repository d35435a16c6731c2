package dev.driftless.emulator;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link KestraEmulator} from the command line until the process is stopped, for CI jobs
 * and demos:
 *
 * <pre>
 * java -cp engine-testkit.jar:jackson... dev.driftless.emulator.KestraEmulatorMain \
 *     --mode oss --version 1.3.0 --port 8080
 * </pre>
 *
 * <p>Credentials come from the environment, never from arguments, so that they do not show in
 * process listings: {@code KESTRA_EMULATOR_USERNAME} with {@code KESTRA_EMULATOR_PASSWORD} turn on
 * Basic auth, {@code KESTRA_EMULATOR_API_TOKEN} accepts a Bearer token (Enterprise). The first line
 * printed is the server URL.
 */
public final class KestraEmulatorMain {

  private KestraEmulatorMain() {
  }

  public static void main(String[] args) throws InterruptedException {
    KestraEmulator emulator;
    try {
      emulator = configure(args, System.getenv()).start();
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("kestra-emulator: " + e.getMessage());
      usage(System.err);
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      emulator.close();
      stopped.countDown();
    }, "kestra-emulator-shutdown"));
    System.out.println(emulator.url());
    System.out.println("Kestra " + emulator.version() + " " + emulator.edition() + " emulator; API base "
        + emulator.apiUrl() + "; request log at " + emulator.url() + "/_emulator/requests");
    stopped.await();
  }

  /** A builder configured from command-line arguments and environment variables. */
  static KestraEmulator.Builder configure(String[] args, Map<String, String> env) {
    KestraEmulator.Builder builder = KestraEmulator.builder();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--help") || flag.equals("-h")) {
        usage(System.out);
        System.exit(0);
      }
      if (flag.equals("--any-plugin-type")) {
        builder.anyPluginType();
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value for " + flag);
      }
      String value = args[++i];
      switch (flag) {
        case "--mode" -> builder.mode(Mode.valueOf(value.toUpperCase(Locale.ROOT)));
        case "--version" -> builder.version(value);
        case "--port" -> builder.port(Integer.parseInt(value));
        case "--seed" -> builder.faultSeed(Long.parseLong(value));
        case "--plugin-type" -> builder.pluginTypes(value);
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    String username = env.getOrDefault("KESTRA_EMULATOR_USERNAME", "");
    String password = env.getOrDefault("KESTRA_EMULATOR_PASSWORD", "");
    if (!username.isEmpty() || !password.isEmpty()) {
      builder.basicAuth(username, password);
    }
    String token = env.getOrDefault("KESTRA_EMULATOR_API_TOKEN", "");
    if (!token.isEmpty()) {
      builder.apiToken(token);
    }
    return builder;
  }

  private static void usage(PrintStream out) {
    out.println("usage: KestraEmulatorMain [--mode legacy|oss|ee] [--version X.Y.Z] [--port N] [--seed N]");
    out.println("         [--plugin-type TYPE]... [--any-plugin-type]   plugin types known besides a stock Kestra's");
    out.println("  env: KESTRA_EMULATOR_USERNAME + KESTRA_EMULATOR_PASSWORD (Basic), KESTRA_EMULATOR_API_TOKEN (EE Bearer)");
  }
}
