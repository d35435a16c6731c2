package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A running {@code driftless watch}: in this process, stopped by interrupting its thread, or as
 * the built jar in a process of its own, stopped by SIGTERM. Its standard output is read line by
 * line as it comes; the time it runs on may be fed through standard input
 * ({@code --ticks-from-stdin}). Every wait is bounded.
 */
final class Watching implements AutoCloseable {

  /** Far longer than any wait needs; a bound, not a speed. */
  private static final Duration BOUND = Duration.ofSeconds(60);

  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
  private final OutputStream stdin;
  private final Supplier<String> err;
  private final BooleanSupplier alive;
  private final Stopper stopper;
  private URI url;

  /** How it is stopped. */
  private interface Stopper {

    /** Asks it to stop: an interrupt, or SIGTERM. */
    void signal();

    /** Waits for its end; returns the exit code. */
    int awaitExit() throws InterruptedException;

    void kill();
  }

  private Watching(OutputStream stdin, Supplier<String> err, BooleanSupplier alive, Stopper stopper) {
    this.stdin = stdin;
    this.err = err;
    this.alive = alive;
    this.stopper = stopper;
  }

  /** {@code driftless watch ...} on a thread of this process. */
  static Watching inProcess(Map<String, String> env, String... args) {
    try {
      PipedInputStream in = new PipedInputStream();
      PipedOutputStream stdin = new PipedOutputStream(in);
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      AtomicInteger exit = new AtomicInteger(-1);
      Watching[] self = new Watching[1];
      PrintStream out = new PrintStream(new LineSink(line -> self[0].add(line)), true, StandardCharsets.UTF_8);
      Thread thread = new Thread(() -> exit.set(Main.run(args, Map.copyOf(env), out,
          new PrintStream(err, true, StandardCharsets.UTF_8), in)), "driftless-watch-under-test");
      self[0] = new Watching(stdin, () -> err.toString(StandardCharsets.UTF_8), thread::isAlive, new Stopper() {
        @Override
        public void signal() {
          thread.interrupt();
        }

        @Override
        public int awaitExit() throws InterruptedException {
          thread.join(BOUND.toMillis());
          assertTrue(!thread.isAlive(), "the watch did not stop within " + BOUND.toSeconds() + " s");
          return exit.get();
        }

        @Override
        public void kill() {
          thread.interrupt();
        }
      });
      thread.start();
      return self[0];
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code java -jar target/driftless.jar watch ...} in {@code dir}, with exactly {@code env}. */
  static Watching jar(Path dir, Map<String, String> env, String... args) {
    try {
      Path err = Files.createTempFile(dir, "stderr-", ".txt");
      Process process = JarProcess.builder(JarProcess.command(args), dir, env).redirectError(err.toFile()).start();
      Watching[] self = new Watching[1];
      self[0] = new Watching(process.getOutputStream(), () -> read(err), process::isAlive, new Stopper() {
        @Override
        public void signal() {
          // SIGTERM through the handle: Process.destroy() would also close the pipes, and with them
          // the output the process writes as it stops.
          process.toHandle().destroy();
        }

        @Override
        public int awaitExit() throws InterruptedException {
          assertTrue(process.waitFor(BOUND.toMillis(), TimeUnit.MILLISECONDS),
              "the watch did not stop on SIGTERM within " + BOUND.toSeconds() + " s");
          return process.exitValue();
        }

        @Override
        public void kill() {
          JarProcess.stop(process);
        }
      });
      Thread reader = new Thread(() -> {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line = out.readLine(); line != null; line = out.readLine()) {
            self[0].add(line);
          }
        } catch (IOException e) {
          // the process ended
        } finally {
          self[0].add(END);
        }
      }, "driftless-watch-stdout");
      reader.setDaemon(true);
      reader.start();
      return self[0];
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Marks the end of a process's output in {@link #lines}. */
  private static final String END = "\u0000end";

  private void add(String line) {
    if (!line.equals(END)) {
      seen.add(line);
    }
    lines.add(line);
  }

  /** Where it listens, from its first line ({@code Listening on http://127.0.0.1:PORT}). */
  URI url() {
    if (url == null) {
      String first = nextLine();
      assertTrue(first.startsWith("Listening on http://127.0.0.1:"), () -> "first line: " + first + "\n" + this);
      url = URI.create(first.substring("Listening on ".length()));
    }
    return url;
  }

  /** The next line on standard output, waiting for it. */
  String nextLine() {
    long deadline = System.nanoTime() + BOUND.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        String line = lines.poll(100, TimeUnit.MILLISECONDS);
        if (line != null && !line.equals(END)) {
          return line;
        }
        if ((line != null || !alive.getAsBoolean()) && lines.isEmpty()) {
          fail("the watch ended before printing another line\n" + this);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return fail("no line on standard output within " + BOUND.toSeconds() + " s\n" + this);
  }

  /** Moves the time forward ({@code --ticks-from-stdin}). */
  void tick(String instant) {
    try {
      stdin.write((instant + "\n").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(url().resolve(path)).GET());
  }

  HttpResponse<String> post(String path, Map<String, String> headers, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(url().resolve(path))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).header("Content-Type", "application/json");
    headers.forEach(request::header);
    return send(request);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
          .send(request.timeout(BOUND).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops it (an interrupt, or SIGTERM) and waits for its end; returns its exit code. */
  int stop() {
    signal();
    return awaitExit();
  }

  /** Asks it to stop (an interrupt, or SIGTERM), without waiting. */
  void signal() {
    stopper.signal();
  }

  int awaitExit() {
    try {
      return stopper.awaitExit();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Whether it still answers on its port. */
  boolean isListening() {
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress(url().getHost(), url().getPort()), 5_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Every line printed so far. */
  List<String> out() {
    synchronized (seen) {
      return List.copyOf(seen);
    }
  }

  /** The last line printed, once it is the one that says it stopped (a process's reader may lag behind). */
  String lastLine() {
    long deadline = System.nanoTime() + BOUND.toNanos();
    while (System.nanoTime() < deadline) {
      List<String> all = out();
      if (!all.isEmpty() && all.get(all.size() - 1).startsWith("Stopped")) {
        return all.get(all.size() - 1);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    List<String> all = out();
    return all.isEmpty() ? "" : all.get(all.size() - 1);
  }

  String err() {
    return err.get();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read stderr: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    stopper.kill();
  }

  @Override
  public String toString() {
    return "--- stdout:\n" + String.join("\n", out()) + "\n--- stderr:\n" + err();
  }

  /** An output stream handing over each line as it is completed. */
  private static final class LineSink extends OutputStream {

    private final java.util.function.Consumer<String> line;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    LineSink(java.util.function.Consumer<String> line) {
      this.line = line;
    }

    @Override
    public synchronized void write(int b) {
      if (b == '\n') {
        line.accept(buffer.toString(StandardCharsets.UTF_8));
        buffer.reset();
      } else {
        buffer.write(b);
      }
    }
  }
}
