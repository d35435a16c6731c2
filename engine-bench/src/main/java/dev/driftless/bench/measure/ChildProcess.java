package dev.driftless.bench.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command to its end, its output in files (so that no pipe can fill up and stall it), and
 * fails with the command's own error output when it fails.
 */
public final class ChildProcess {

  /**
   * How a command ended.
   *
   * @param exit its exit status
   * @param stdout its standard output
   * @param stderr its error output
   */
  public record Finished(int exit, String stdout, String stderr) {}

  private ChildProcess() {}

  /** Runs the command and requires exit status 0. */
  public static Finished check(List<String> command, Path directory, Map<String, String> env) {
    Finished f = run(command, directory, env, Duration.ofMinutes(10));
    if (f.exit() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited " + f.exit() + ": " + tail(f.stderr()));
    }
    return f;
  }

  public static Finished run(List<String> command, Path directory, Map<String, String> env, Duration timeout) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("bench-out-", ".txt");
      err = Files.createTempFile("bench-err-", ".txt");
      ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().putAll(env);
      Process p = builder.start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
      }
      return new Finished(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
    } finally {
      delete(out);
      delete(err);
    }
  }

  /** The last 2,000 characters of a text, for messages. */
  public static String tail(String text) {
    return text.length() > 2000 ? "…" + text.substring(text.length() - 2000) : text;
  }

  private static void delete(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // A temporary file left behind is harmless.
      }
    }
  }
}
