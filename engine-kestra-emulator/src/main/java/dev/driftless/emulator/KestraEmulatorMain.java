package dev.driftless.emulator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

/**
 * The emulator's command line: runs one {@link KestraEmulator} until the process is stopped, for
 * CI jobs and demos. It is the only one: {@code driftless emulator} hands its arguments to
 * {@link #run}, so both take the same options, read secrets by the same rule and say the same words.
 *
 * <pre>
 * java -jar kestra-emulator.jar --mode oss --version 1.3.0 --port 8080
 * java -cp engine-kestra-emulator.jar:jackson-databind.jar:... dev.driftless.emulator.KestraEmulatorMain --port 0
 * </pre>
 *
 * <p>Secrets never come from arguments, which process listings and shell histories show: the
 * password of Basic auth is read from {@code KESTRA_EMULATOR_PASSWORD} or the file named by
 * {@code KESTRA_EMULATOR_PASSWORD_FILE}, an Enterprise API token from
 * {@code KESTRA_EMULATOR_API_TOKEN} or {@code KESTRA_EMULATOR_API_TOKEN_FILE}; the username may be
 * an argument ({@code --user}) or {@code KESTRA_EMULATOR_USERNAME}. An option that looks like a
 * secret ({@code --password}, {@code --token=...}) is refused by its name alone.
 *
 * <p>The first line on standard output is the server's URL; one line on standard error says what
 * it emulates. A problem with the arguments or the environment is refused before anything starts,
 * with one line naming the option or variable and never echoing a value that could be a secret.
 */
public final class KestraEmulatorMain {

  /** How {@link #main} names itself in its usage and its error lines. */
  private static final String COMMAND = "java -jar kestra-emulator.jar";
  private static final String PREFIX = "kestra-emulator: ";

  private static final int DEFAULT_PORT = 8080;
  private static final Pattern SECRET_OPTION = Pattern.compile("(?i).*(pass|token|secret|cred|key).*");
  private static final String SECRET_VARIABLES = "KESTRA_EMULATOR_PASSWORD (or KESTRA_EMULATOR_PASSWORD_FILE) or "
      + "KESTRA_EMULATOR_API_TOKEN (or KESTRA_EMULATOR_API_TOKEN_FILE)";

  private KestraEmulatorMain() {
  }

  /** Exit codes: 0 when stopped, 1 when the arguments or the environment are wrong or it cannot start. */
  public static void main(String[] args) {
    try {
      run(List.of(args), System.getenv(), System.out, System.err, COMMAND);
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println(PREFIX + e.getMessage());
      System.exit(1);
    }
  }

  /**
   * Runs the emulator the arguments and the environment describe until the JVM shuts down
   * (Ctrl-C, SIGTERM) or the calling thread is interrupted, then stops it and returns. With
   * {@code -h} or {@code --help} it prints the usage on {@code out} and returns at once.
   *
   * @param command how the user runs this command, for the usage ({@code driftless emulator})
   * @throws IllegalArgumentException an argument or a variable of the environment is wrong; the
   *                                  message, one line, names it
   * @throws IllegalStateException    the emulator cannot start (settings that contradict each
   *                                  other, a port that cannot be bound)
   */
  public static void run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err, String command) {
    Optional<KestraEmulator.Builder> configured = configure(args, env);
    if (configured.isEmpty()) {
      usage(out, command);
      return;
    }
    KestraEmulator emulator;
    try {
      emulator = configured.get().start();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new IllegalStateException("the emulator cannot start: " + e.getMessage(), e);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread stop = new Thread(() -> {
      emulator.close();
      stopped.countDown();
    }, "kestra-emulator-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    // The description before the URL: whoever has read the URL finds it written.
    err.println("Kestra " + emulator.version() + " " + emulator.mode().name().toLowerCase(Locale.ROOT)
        + " emulator; API at " + emulator.apiUrl() + "; request log at " + emulator.url() + "/_emulator/requests. "
        + "Ctrl-C stops it.");
    err.flush();
    out.println(emulator.url());
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      // Stopped from within the process (a command run in a thread): stop now, not at exit.
      Thread.currentThread().interrupt();
      emulator.close();
      try {
        Runtime.getRuntime().removeShutdownHook(stop);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run
      }
    }
  }

  /**
   * The settings the arguments and the environment give, or empty when they ask for the usage
   * (which wins over any mistake in them).
   *
   * @throws IllegalArgumentException as {@link #run} does
   */
  static Optional<KestraEmulator.Builder> configure(List<String> args, Map<String, String> env) {
    if (args.contains("-h") || args.contains("--help")) {
      return Optional.empty();
    }
    KestraEmulator.Builder builder = KestraEmulator.builder().port(DEFAULT_PORT);
    Optional<String> user = Optional.empty();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      int equals = arg.indexOf('=');
      String name = arg.startsWith("-") && equals > 0 ? arg.substring(0, equals) : arg;
      Optional<String> inline = name.equals(arg) ? Optional.empty() : Optional.of(arg.substring(equals + 1));
      switch (name) {
        case "--any-plugin-type" -> {
          if (inline.isPresent()) {
            throw new IllegalArgumentException("--any-plugin-type takes no value");
          }
          builder.anyPluginType();
        }
        case "--port", "--mode", "--version", "--plugin-type", "--user" -> {
          if (inline.isEmpty() && i + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
          }
          String value = inline.isPresent() ? inline.get() : args.get(++i);
          if (name.equals("--user")) {
            user = Optional.of(value);
          } else {
            set(builder, name, value);
          }
        }
        default -> throw new IllegalArgumentException(unknown(name, i));
      }
    }
    auth(builder, user.or(() -> variable(env, "KESTRA_EMULATOR_USERNAME")), env);
    return Optional.of(builder);
  }

  private static void set(KestraEmulator.Builder builder, String option, String value) {
    switch (option) {
      case "--port" -> {
        try {
          builder.port(Integer.parseInt(value));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("--port must be a number from 0 to 65535, got '" + shown(value) + "'");
        }
      }
      case "--mode" -> {
        try {
          builder.mode(Mode.valueOf(value.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("--mode must be legacy, oss or ee, got '" + shown(value) + "'");
        }
      }
      case "--version" -> {
        try {
          builder.version(value);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("--version must be a Kestra version, major.minor[.patch] such as 1.3.0, "
              + "got '" + shown(value) + "'");
        }
      }
      case "--plugin-type" -> {
        if (value.isBlank()) {
          throw new IllegalArgumentException("--plugin-type must not be blank");
        }
        builder.pluginTypes(value);
      }
      default -> throw new IllegalStateException("no such option: " + option);
    }
  }

  /** Why an argument is not taken, without its value: what follows an unknown option may be a secret. */
  private static String unknown(String name, int index) {
    if (!name.startsWith("-")) {
      return "unexpected argument at position " + (index + 1) + ": the emulator takes options only";
    }
    if (SECRET_OPTION.matcher(name).matches()) {
      return shown(name) + " is not an option: secrets are never taken from arguments, which process listings and "
          + "shell histories show; set " + SECRET_VARIABLES;
    }
    return "unknown option '" + shown(name) + "'";
  }

  private static void auth(KestraEmulator.Builder builder, Optional<String> user, Map<String, String> env) {
    Optional<String> password = secret(env, "KESTRA_EMULATOR_PASSWORD");
    if (user.isPresent() && password.isEmpty()) {
      throw new IllegalArgumentException("a username (--user or KESTRA_EMULATOR_USERNAME) needs a password: set "
          + "KESTRA_EMULATOR_PASSWORD or KESTRA_EMULATOR_PASSWORD_FILE");
    }
    if (password.isPresent() && user.isEmpty()) {
      throw new IllegalArgumentException("the password of KESTRA_EMULATOR_PASSWORD needs a username: give --user or "
          + "set KESTRA_EMULATOR_USERNAME");
    }
    if (user.isPresent()) {
      if (user.get().isEmpty() || user.get().contains(":")) {
        throw new IllegalArgumentException("the username must not be empty or contain ':', got '"
            + shown(user.get()) + "'");
      }
      builder.basicAuth(user.get(), password.get());
    }
    secret(env, "KESTRA_EMULATOR_API_TOKEN").ifPresent(builder::apiToken);
  }

  /** A variable's value; an empty one counts as unset, as CI systems set secrets they lack to "". */
  private static Optional<String> variable(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isEmpty());
  }

  /** A secret from {@code NAME}, else from the file {@code NAME_FILE} names (without its last line break). */
  private static Optional<String> secret(Map<String, String> env, String name) {
    Optional<String> value = variable(env, name);
    if (value.isPresent()) {
      return value;
    }
    String variable = name + "_FILE";
    Optional<String> file = variable(env, variable);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    String content;
    try {
      content = Files.readString(Path.of(file.get()), StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("cannot read " + variable + " " + shown(file.get()) + ": no such file");
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException("cannot read " + variable + " " + shown(file.get()) + ": permission denied");
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("cannot read " + variable + " " + shown(file.get()) + ": " + e.getMessage(), e);
    }
    if (content.isEmpty()) {
      throw new IllegalArgumentException(variable + " " + shown(file.get()) + " is empty");
    }
    return Optional.of(content);
  }

  /** A value as it may be printed: every control character (an escape sequence, a line break) as {@code \\uXXXX}. */
  private static String shown(String value) {
    StringBuilder out = new StringBuilder(value.length());
    value.codePoints().forEach(c -> {
      if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
        out.append(String.format(Locale.ROOT, "\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }

  /** The usage, in at most 80 columns when {@code command} is as short as {@code driftless emulator}. */
  public static String usage(String command) {
    return String.join("\n",
        "Usage: " + command + " [OPTION]...",
        "Run the Kestra API emulator until interrupted (Ctrl-C). The first line printed",
        "is its URL.",
        "      --port N            Port on 127.0.0.1; 0 picks a free one (default: 8080).",
        "      --mode MODE         legacy (<= 0.22), oss (tenant main) or ee (default:",
        "                            legacy for a --version before 0.23, else oss).",
        "      --version X.Y.Z     The Kestra version to behave as (default: 0.20.7 for",
        "                            legacy, 1.3.0 otherwise).",
        "      --user NAME         Username the emulator accepts (Basic auth); the",
        "                            password comes from the environment (below).",
        "      --plugin-type TYPE  A plugin type the emulator knows besides a stock",
        "                            Kestra's (io.kestra.plugin.scripts.python.Script),",
        "                            as if its plugin were installed; repeatable.",
        "      --any-plugin-type   Know every plugin type, as a server with every plugin",
        "                            installed would (less strict than any real server).",
        "  -h, --help              Show this help message and exit.",
        "",
        "Secrets come only from the environment, never from arguments:",
        "  KESTRA_EMULATOR_PASSWORD (or KESTRA_EMULATOR_PASSWORD_FILE) with --user or",
        "  KESTRA_EMULATOR_USERNAME turns on Basic auth;",
        "  KESTRA_EMULATOR_API_TOKEN (or KESTRA_EMULATOR_API_TOKEN_FILE) is the Bearer",
        "  token an ee emulator accepts.",
        "Exit codes: 0 stopped, 1 bad arguments or environment, or it cannot start.",
        "");
  }

  private static void usage(PrintStream out, String command) {
    out.print(usage(command));
    out.flush();
  }
}
