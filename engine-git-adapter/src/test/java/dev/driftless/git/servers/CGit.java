package dev.driftless.git.servers;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * C git, as the servers that run it need it: found on the PATH, and run with an environment
 * that ignores the machine's and the user's Git configuration.
 */
final class CGit {

  private static volatile Path execPath;

  private CGit() {
  }

  /** {@code git --exec-path}: where {@code git-http-backend} and friends live. */
  static Path execPath() {
    Path cached = execPath;
    if (cached == null) {
      String out = run(List.of("git", "--exec-path")).strip();
      cached = Path.of(out);
      execPath = cached;
    }
    return cached;
  }

  /** A program from the exec path, e.g. {@code git-http-backend}. */
  static Path program(String name) {
    Path program = execPath().resolve(name);
    if (!Files.isExecutable(program)) {
      throw new IllegalStateException("C git has no " + name + " in " + execPath());
    }
    return program;
  }

  /** Cuts the system and global Git configuration out of a child's environment. */
  static void isolate(Map<String, String> env) {
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_CONFIG_GLOBAL", "/dev/null");
    env.put("GIT_TERMINAL_PROMPT", "0");
    env.remove("GIT_DIR");
    env.remove("GIT_CONFIG");
    env.remove("GIT_CONFIG_PARAMETERS");
  }

  private static String run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish in 10 s");
      }
      String out = new String(process.getInputStream().readAllBytes(), UTF_8);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("C git is needed on the PATH for this test server", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
