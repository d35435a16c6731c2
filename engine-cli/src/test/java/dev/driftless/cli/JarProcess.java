package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the built {@code target/driftless.jar} as a process of its own, with the Java running the
 * tests, exactly the given environment (plus {@code PATH} and {@code HOME}), and a time limit.
 * The failsafe plugin runs the {@code *IT} tests after {@code package}, and names the jar in the
 * system property {@code driftless.jar}.
 */
final class JarProcess implements Driftless {

  private static final long TIME_LIMIT_SECONDS = 60;

  private final Path workingDirectory;

  private JarProcess(Path workingDirectory) {
    this.workingDirectory = workingDirectory;
  }

  /** Runs the jar in {@code workingDirectory}. */
  static JarProcess in(Path workingDirectory) {
    return new JarProcess(workingDirectory);
  }

  static Path jar() {
    Path jar = Path.of(System.getProperty("driftless.jar", "target/driftless.jar")).toAbsolutePath();
    assertTrue(Files.isRegularFile(jar), jar + " is built by 'package', before the integration tests");
    return jar;
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The command line that runs the jar with these arguments. */
  static List<String> command(String... args) {
    List<String> command = new ArrayList<>(List.of(java(), "-jar", jar().toString()));
    command.addAll(List.of(args));
    return command;
  }

  /** A process builder with only {@code PATH}, {@code HOME} and {@code env} in its environment. */
  static ProcessBuilder builder(List<String> command, Path workingDirectory, Map<String, String> env) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
    Map<String, String> environment = builder.environment();
    environment.clear();
    environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    environment.put("HOME", System.getProperty("user.home"));
    environment.putAll(env);
    return builder;
  }

  @Override
  public Cli.Result runWithInput(Map<String, String> env, String stdin, String... args) {
    return run(command(args), env, stdin, List.of(args));
  }

  /** Runs {@code command}, with its output captured in files (no pipe to fill up), to its end. */
  Cli.Result run(List<String> command, Map<String, String> env, String stdin, List<String> args) {
    return run(command, env, stdin, args, Duration.ofSeconds(TIME_LIMIT_SECONDS));
  }

  /** Runs {@code command} as {@link #run(List, Map, String, List)} does, failing when it outlives {@code limit}. */
  Cli.Result run(List<String> command, Map<String, String> env, String stdin, List<String> args, Duration limit) {
    try {
      Path out = Files.createTempFile(workingDirectory, "stdout-", ".txt");
      Path err = Files.createTempFile(workingDirectory, "stderr-", ".txt");
      Process process = builder(command, workingDirectory, env)
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      try (OutputStream in = process.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        stop(process);
        fail(String.join(" ", command) + " did not end within " + limit.toSeconds() + " s; stderr:\n"
            + Files.readString(err));
      }
      Cli.Result result = new Cli.Result(args, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Ends a process and everything it started. */
  static void stop(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
