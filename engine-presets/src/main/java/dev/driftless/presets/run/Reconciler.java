package dev.driftless.presets.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a job (a preset's plan and apply) every interval and whenever it is poked (by a webhook),
 * on one thread of its own: never two runs at once. Pokes that arrive while a run is going are
 * coalesced into one run right after it; pokes that arrive while one is already waiting add
 * nothing. The last run, with its result or failure, is always observable.
 *
 * <pre>{@code
 * try (Reconciler<PresetResult> reconciler = Reconciler.every(Duration.ofMinutes(5), () -> runner.run(task))) {
 *   reconciler.start();
 *   webhook.onDelivery(reconciler::poke);
 * }
 * }</pre>
 *
 * @param <R> what a run returns
 */
public final class Reconciler<R> implements AutoCloseable {

  /** Why a run started. */
  public enum Trigger { SCHEDULE, POKE }

  /**
   * One run.
   *
   * @param number 1 for the first run
   * @param trigger why it ran
   * @param started when it started
   * @param finished when it ended
   * @param result what it returned, unless it failed
   * @param failure what it threw, for people
   */
  public record Run<R>(long number, Trigger trigger, Instant started, Instant finished, Optional<R> result,
      Optional<String> failure) {}

  private final Optional<Duration> interval;
  private final Callable<R> job;
  private final ScheduledExecutorService executor;
  private final Object lock = new Object();
  private volatile Consumer<Run<R>> listener = run -> { };
  private Optional<Run<R>> last = Optional.empty();
  private boolean running;
  private boolean pokePending;
  private long runs;
  private ScheduledFuture<?> schedule;
  private boolean closed;

  private Reconciler(Optional<Duration> interval, Callable<R> job) {
    if (interval.isPresent() && (interval.get().isNegative() || interval.get().isZero())) {
      throw new IllegalArgumentException("a reconcile interval must be positive, got " + interval.get());
    }
    this.interval = interval;
    this.job = Objects.requireNonNull(job, "job");
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "driftless-reconciler");
      t.setDaemon(true);
      return t;
    });
  }

  public static <R> Reconciler<R> every(Duration interval, Callable<R> job) {
    return new Reconciler<>(Optional.of(interval), job);
  }

  /**
   * A reconciler that runs only when poked: for a caller that keeps its own schedule (a cron) and
   * pokes at its times, as well as on webhooks. It has nothing to {@link #start()}.
   */
  public static <R> Reconciler<R> whenPoked(Callable<R> job) {
    return new Reconciler<>(Optional.empty(), job);
  }

  /** Told about every run as it ends, on the reconciler's thread. */
  public Reconciler<R> onRun(Consumer<Run<R>> value) {
    this.listener = Objects.requireNonNull(value, "listener");
    return this;
  }

  /**
   * Starts the schedule: a first run now, then one every interval after each run starts.
   *
   * @throws IllegalStateException when it is closed, or runs only when poked
   */
  public Reconciler<R> start() {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("the reconciler is closed");
      }
      if (interval.isEmpty()) {
        throw new IllegalStateException("this reconciler runs only when poked: it has no interval to start");
      }
      if (schedule == null) {
        schedule = executor.scheduleAtFixedRate(() -> run(Trigger.SCHEDULE), 0, interval.get().toMillis(),
            TimeUnit.MILLISECONDS);
      }
    }
    return this;
  }

  /**
   * Asks for a run as soon as possible. Returns false when the poke changed nothing because a poked
   * run is already waiting, or the reconciler is closed.
   */
  public boolean poke() {
    synchronized (lock) {
      if (closed || pokePending) {
        return false;
      }
      pokePending = true;
      // Queued under the lock, so that a close() racing this poke cannot shut the executor in between.
      executor.execute(() -> {
        synchronized (lock) {
          pokePending = false;
        }
        run(Trigger.POKE);
      });
    }
    return true;
  }

  /** The last run that ended. */
  public Optional<Run<R>> last() {
    synchronized (lock) {
      return last;
    }
  }

  public boolean isRunning() {
    synchronized (lock) {
      return running;
    }
  }

  private void run(Trigger trigger) {
    long number;
    synchronized (lock) {
      if (closed) {
        return;
      }
      running = true;
      number = ++runs;
    }
    Instant started = Instant.now();
    Optional<R> result = Optional.empty();
    Optional<String> failure = Optional.empty();
    try {
      result = Optional.ofNullable(job.call());
    } catch (Exception | Error e) {
      failure = Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    Run<R> run = new Run<>(number, trigger, started, Instant.now(), result, failure);
    synchronized (lock) {
      running = false;
      last = Optional.of(run);
    }
    listener.accept(run);
  }

  /** Stops the schedule; a run in progress finishes first (waiting up to a minute). */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
    }
    executor.shutdown();
    try {
      if (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
