package dev.driftless.kestra.internal.read;

import dev.driftless.port.DriftlessException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The calls of one read that may run side by side: up to the settings' {@code readConcurrency} at a
 * time, on threads of the read's own, ended when the read ends. With a concurrency of 1 a call runs
 * when it is awaited, on the reading thread, so that the read makes its calls one after another in
 * the order it awaits them. What a call throws is thrown, unchanged, by whoever awaits it.
 */
final class Fetches implements AutoCloseable {

  /** A call under way. */
  interface Fetch<T> {
    /** Waits for the call and returns its value, or throws what it threw. */
    T await();

    /** Stops the call if it runs; nothing of it is used. */
    void cancel();
  }

  private final ExecutorService pool;

  private Fetches(ExecutorService pool) {
    this.pool = pool;
  }

  static Fetches of(ReadContext ctx) {
    int threads = ctx.settings().readConcurrency();
    if (threads == 1) {
      return new Fetches(null);
    }
    AtomicInteger counter = new AtomicInteger();
    return new Fetches(Executors.newFixedThreadPool(threads, runnable -> {
      Thread t = new Thread(runnable, "driftless-kestra-read-" + counter.incrementAndGet());
      t.setDaemon(true);
      return t;
    }));
  }

  <T> Fetch<T> submit(Callable<T> call) {
    if (pool == null) {
      return new Fetch<>() {
        @Override
        public T await() {
          try {
            return call.call();
          } catch (RuntimeException e) {
            throw e;
          } catch (Exception e) {
            throw new DriftlessException("reading Kestra failed: " + e.getMessage(), e);
          }
        }

        @Override
        public void cancel() {
          // it never ran
        }
      };
    }
    Future<T> future = pool.submit(call);
    return new Fetch<>() {
      @Override
      public T await() {
        return Awaited.result(future, "reading Kestra");
      }

      @Override
      public void cancel() {
        future.cancel(true);
      }
    };
  }

  /** Stops every call still under way: the read has ended, or failed. */
  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
