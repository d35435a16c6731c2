package dev.driftless.cli;

import dev.driftless.port.SideUnavailableException;
import dev.driftless.port.SnapshotReader;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A side's reader whose first read of one scope is started at once, on a thread of its own, so that
 * it runs while the command does something else first (connects to Kestra): that read, when the
 * loop makes it, is the one already under way, and what it threw is thrown then, unchanged. Every
 * other read is the side's own, made when it is asked for. Only for a read whose result may be
 * taken as of when it started: a command that writes to the side before it first reads must not use
 * it.
 */
final class EarlyRead implements SnapshotReader, AutoCloseable {

  private final SnapshotReader side;
  private final Scope scope;
  private final FutureTask<Snapshot> first;
  private boolean taken;

  private EarlyRead(SnapshotReader side, Scope scope) {
    this.side = side;
    this.scope = scope;
    this.first = new FutureTask<>(() -> side.read(scope));
  }

  /** The side's reader, with its read of {@code scope} started now. */
  static EarlyRead start(SnapshotReader side, Scope scope) {
    EarlyRead early = new EarlyRead(side, scope);
    Thread t = new Thread(early.first, "driftless-" + side.side().name().toLowerCase(java.util.Locale.ROOT) + "-read");
    t.setDaemon(true);
    t.start();
    return early;
  }

  @Override
  public Side side() {
    return side.side();
  }

  @Override
  public synchronized Snapshot read(Scope scope) {
    if (taken || !scope.equals(this.scope)) {
      return side.read(scope);
    }
    taken = true;
    try {
      return first.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new SideUnavailableException("reading " + side.side().displayName() + " failed: "
          + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      first.cancel(true);
      Thread.currentThread().interrupt();
      throw new SideUnavailableException("reading " + side.side().displayName() + " was interrupted", e);
    }
  }

  /** Stops the early read if nothing took it (the command failed before it read). */
  @Override
  public synchronized void close() {
    if (!taken) {
      first.cancel(true);
    }
  }
}
