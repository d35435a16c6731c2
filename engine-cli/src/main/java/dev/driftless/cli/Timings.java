package dev.driftless.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How long each step of a command took, on standard error at its end, when {@code DRIFTLESS_TIMINGS}
 * is set: for measuring where the time of a run goes. The first step counts from the process's
 * start (the JVM's start and the loading of the command). Both sides are read at the same time, so
 * "read Git" is Git's read and "then Kestra" only what Kestra's read took beyond it.
 */
final class Timings {

  static final String ENV = "DRIFTLESS_TIMINGS";

  private static final Timings OFF = new Timings(false, 0);

  private final boolean on;
  private final List<String> steps = new ArrayList<>();
  private long last;

  private Timings(boolean on, long start) {
    this.on = on;
    this.last = start;
  }

  /** Timings that count from the process's start, or none when the variable is not set. */
  static Timings of(java.util.Map<String, String> env) {
    if (env.getOrDefault(ENV, "").isEmpty()) {
      return OFF;
    }
    long now = System.nanoTime();
    Optional<Instant> started = ProcessHandle.current().info().startInstant();
    long sinceStart = started.map(s -> Duration.between(s, Instant.now()).toNanos()).orElse(0L);
    Timings timings = new Timings(true, now - sinceStart);
    timings.step("start the JVM and the command");
    return timings;
  }

  /** Ends a step: the time since the last one ended. */
  void step(String name) {
    if (!on) {
      return;
    }
    long now = System.nanoTime();
    steps.add(String.format(Locale.ROOT, "%s %,d ms", name, (now - last) / 1_000_000));
    last = now;
  }

  /** Writes the steps, one line. */
  void print(PrintStream err) {
    if (on && !steps.isEmpty()) {
      err.println("timings: " + String.join(", ", steps));
    }
  }
}
