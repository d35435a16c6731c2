package dev.driftless.kestra.internal.read;

import dev.driftless.port.DriftlessException;
import dev.driftless.port.SideUnavailableException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waits for a read that runs on another thread, and throws what it threw, as it threw it. */
public final class Awaited {

  private Awaited() {}

  /**
   * The read's result. Its own failure is rethrown unchanged (the clear message it carries); an
   * interrupt cancels it.
   *
   * @param what the read, for messages: {@code reading Kestra}
   */
  public static <T> T result(Future<T> future, String what) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new SideUnavailableException("interrupted while " + what, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new DriftlessException(what + " failed: " + cause.getMessage(), cause);
    }
  }
}
