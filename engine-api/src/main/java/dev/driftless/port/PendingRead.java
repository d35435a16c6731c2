package dev.driftless.port;

import dev.driftless.snapshot.Snapshot;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A read that was started ({@link SnapshotReader#start}) and may still run. Whoever starts one
 * either awaits it or cancels it, exactly once.
 */
public interface PendingRead {

  /**
   * Waits for the read to end and returns what it read.
   *
   * @throws DriftlessException what the read threw, unchanged
   */
  Snapshot await();

  /**
   * Stops the read if it still runs and waits for it to end; what it read or threw is dropped.
   * For when the other side's read failed and this one is no longer needed.
   */
  void cancel();

  /** A read that runs on the caller's thread when awaited, and never when cancelled. */
  static PendingRead whenAwaited(Supplier<Snapshot> read) {
    Objects.requireNonNull(read, "read");
    return new PendingRead() {
      @Override
      public Snapshot await() {
        return read.get();
      }

      @Override
      public void cancel() {
        // nothing runs until awaited
      }
    };
  }
}
