package dev.driftless.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Tells the watch when its Schedule triggers fire: on a thread of its own, it waits for the
 * earliest next fire time and hands over the triggers that fire then. Fire times missed while a
 * wait overran (a suspended machine, a clock set forward) collapse into one.
 */
final class CronTicker implements AutoCloseable {

  /** The passing of time, as the ticker waits on it. */
  interface Time {

    /** The time now; may block until it is known. */
    Instant now() throws InterruptedException;

    /** Waits until {@code due} has come; false when time will not advance any more. */
    boolean waitUntil(Instant due) throws InterruptedException;
  }

  /** The system clock; waits in slices of at most a minute, so that a clock set forward is noticed. */
  static Time system(Clock clock) {
    return new Time() {
      @Override
      public Instant now() {
        return clock.instant();
      }

      @Override
      public boolean waitUntil(Instant due) throws InterruptedException {
        for (Instant now = clock.instant(); now.isBefore(due); now = clock.instant()) {
          Thread.sleep(Math.min(Duration.between(now, due).toMillis() + 1, 60_000));
        }
        return true;
      }
    };
  }

  /**
   * Time read from a stream, one instant a line ({@code 2030-01-01T00:05:00Z}): the first line is
   * the start, each later one moves the time forward. The end of the stream stops time. For tests,
   * which would otherwise wait minutes for a cron to fire.
   */
  static Time fromLines(InputStream in, Consumer<String> complaint) {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    return new Time() {
      private Instant current;

      @Override
      public Instant now() throws InterruptedException {
        if (current == null) {
          current = next();
        }
        return current == null ? Instant.EPOCH : current;
      }

      @Override
      public boolean waitUntil(Instant due) throws InterruptedException {
        while (current != null && current.isBefore(due)) {
          Instant later = next();
          if (later == null) {
            return false;
          }
          current = later.isAfter(current) ? later : current;
        }
        return current != null;
      }

      private Instant next() throws InterruptedException {
        while (true) {
          String line;
          try {
            line = reader.readLine();
          } catch (InterruptedIOException e) {
            throw new InterruptedException("stopped");
          } catch (IOException e) {
            return null;
          }
          if (line == null) {
            return null;
          }
          try {
            return Instant.parse(line.strip());
          } catch (DateTimeParseException e) {
            complaint.accept("not an instant, ignored: " + ErrorLines.oneLine(line));
          }
        }
      }
    };
  }

  private final List<WatchedFlow.Schedule> schedules;
  private final Time time;
  private final Consumer<List<WatchedFlow.Schedule>> fire;
  private final Thread thread;

  private CronTicker(List<WatchedFlow.Schedule> schedules, Time time, Consumer<List<WatchedFlow.Schedule>> fire) {
    this.schedules = List.copyOf(schedules);
    this.time = time;
    this.fire = fire;
    this.thread = new Thread(this::loop, "driftless-cron");
    this.thread.setDaemon(true);
  }

  /**
   * Starts ticking; does nothing at all without schedules.
   *
   * @param fire told, on the ticker's thread, which schedules fire now
   */
  static CronTicker start(List<WatchedFlow.Schedule> schedules, Time time, Consumer<List<WatchedFlow.Schedule>> fire) {
    CronTicker ticker = new CronTicker(schedules, time, fire);
    if (!schedules.isEmpty()) {
      ticker.thread.start();
    }
    return ticker;
  }

  private void loop() {
    try {
      Instant from = time.now();
      while (!Thread.currentThread().isInterrupted()) {
        Instant due = Instant.MAX;
        List<WatchedFlow.Schedule> firing = new ArrayList<>();
        for (WatchedFlow.Schedule s : schedules) {
          Instant next = s.cron().next(from, s.zone());
          if (next.isBefore(due)) {
            due = next;
            firing.clear();
          }
          if (next.equals(due)) {
            firing.add(s);
          }
        }
        if (!time.waitUntil(due)) {
          return;
        }
        fire.accept(firing);
        Instant now = time.now();
        from = now.isAfter(due) ? now : due;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops ticking; a fire already handed over is not taken back. */
  @Override
  public void close() {
    thread.interrupt();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
