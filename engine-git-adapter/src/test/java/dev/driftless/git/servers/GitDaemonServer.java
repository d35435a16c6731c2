package dev.driftless.git.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * C git's {@code git daemon} serving every bare repository under a base directory over
 * {@code git://}, with push (receive-pack) enabled and no authentication.
 *
 * <pre>{@code
 * try (GitDaemonServer daemon = GitDaemonServer.start(repos.dir())) {
 *     Git.cloneRepository().setURI(daemon.url("flows"))...
 * }
 * }</pre>
 */
public final class GitDaemonServer implements AutoCloseable {

  private static final int ATTEMPTS = 3;

  private final Path baseDir;
  private final int port;
  private final Process process;
  private final StreamCapture stderr;
  private final Thread killOnExit;

  private GitDaemonServer(Path baseDir, int port, Process process, StreamCapture stderr) {
    this.baseDir = baseDir;
    this.port = port;
    this.process = process;
    this.stderr = stderr;
    // A safety net only: if the test JVM dies before close(), the daemon must not outlive it.
    this.killOnExit = new Thread(() -> {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }, "git-daemon-kill-on-exit-" + port);
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /**
   * Starts {@code git daemon} on a free port of 127.0.0.1 and returns once it accepts
   * connections. A port lost to another process between choosing and binding is retried on
   * another one.
   *
   * @throws IllegalStateException if it does not come up in time; the message holds its stderr
   */
  public static GitDaemonServer start(Path baseDir) {
    Path base = baseDir.toAbsolutePath().normalize();
    if (!Files.isDirectory(base)) {
      throw new IllegalArgumentException("no such directory: " + base);
    }
    String failures = "";
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      int port = Loopback.freePort();
      Process process = launch(base, port);
      StreamCapture stderr = StreamCapture.of(process.getErrorStream(), "git-daemon-stderr-" + port);
      if (Loopback.awaitListening(port, process::isAlive, Loopback.STARTUP_TIMEOUT)) {
        return new GitDaemonServer(base, port, process, stderr);
      }
      stop(process);
      stderr.awaitEnd();
      failures += "\n--- attempt " + attempt + " on port " + port + ":\n" + stderr.text();
      if (!stderr.text().contains("in use")) {
        break;
      }
    }
    throw new IllegalStateException("git daemon did not start under " + base + failures);
  }

  /** {@code git://127.0.0.1:<port>/<name>.git}. */
  public String url(String repoName) {
    return "git://" + Loopback.HOST + ":" + port + "/" + BareRepo.plainName(repoName) + ".git";
  }

  public int port() {
    return port;
  }

  /** What the daemon wrote to stderr so far (it runs with {@code --verbose}), for failure messages. */
  public String stderr() {
    return stderr.text();
  }

  /** Kills the daemon and the children it forked per connection, and waits for them. */
  @Override
  public void close() {
    stop(process);
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway; the process is already gone
    }
  }

  @Override
  public String toString() {
    return "GitDaemonServer[" + Loopback.HOST + ":" + port + " serving " + baseDir + "]";
  }

  private static Process launch(Path base, int port) {
    ProcessBuilder builder = new ProcessBuilder(List.of(
        "git", "daemon",
        "--reuseaddr",
        "--export-all",
        "--enable=receive-pack",
        "--informative-errors",
        "--verbose",
        "--init-timeout=10",
        "--timeout=30",
        "--base-path=" + base,
        "--listen=" + Loopback.HOST,
        "--port=" + port,
        base.toString()));
    CGit.isolate(builder.environment());
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run git daemon (C git is needed on the PATH)", e);
    }
  }

  /** SIGTERM to the whole tree, children first; SIGKILL to whatever is left after the timeout. */
  static void stop(Process process) {
    List<ProcessHandle> tree = process.descendants().toList();
    tree.forEach(ProcessHandle::destroy);
    process.destroy();
    long deadline = System.nanoTime() + Loopback.STOP_TIMEOUT.toNanos();
    try {
      if (!process.waitFor(Loopback.STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
      for (ProcessHandle child : tree) {
        long left = Math.max(0, deadline - System.nanoTime());
        try {
          child.onExit().get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
          child.destroyForcibly();
        }
      }
      process.waitFor(Loopback.STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      tree.forEach(ProcessHandle::destroyForcibly);
      Thread.currentThread().interrupt();
    }
  }
}
