package dev.driftless.kestra.internal.read;

import dev.driftless.port.PendingRead;
import dev.driftless.port.SnapshotReader;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import java.util.Set;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * The Kestra side's {@link SnapshotReader}: reads a namespace (with or without its children) or
 * the whole tenant, identified by a digest of what it read. Reading never writes.
 */
public final class KestraReader implements SnapshotReader {

  private final StateReader state;

  public KestraReader(StateReader state) {
    this.state = state;
  }

  @Override
  public Side side() {
    return Side.KESTRA;
  }

  @Override
  public Snapshot read(Scope scope) {
    return state.read(scope, StateReader.MissingNamespaces.FAIL).snapshot();
  }

  @Override
  public Snapshot read(Scope scope, Set<String> namespacesElsewhere) {
    return state.read(scope, StateReader.MissingNamespaces.FAIL, namespacesElsewhere).snapshot();
  }

  /**
   * Reads on a thread of its own, which asks for the other side's namespaces only after the
   * exports of those Kestra lists are under way. Cancelling interrupts it and waits, at most the
   * call deadline, for it to end.
   */
  @Override
  public PendingRead start(Scope scope, Supplier<Set<String>> namespacesElsewhere) {
    FutureTask<Snapshot> task = new FutureTask<>(
        () -> state.read(scope, StateReader.MissingNamespaces.FAIL, namespacesElsewhere).snapshot());
    Thread thread = new Thread(task, "driftless-kestra-reader");
    thread.setDaemon(true);
    thread.start();
    return new PendingRead() {
      @Override
      public Snapshot await() {
        return Awaited.result(task, "reading " + state.context().server().describeShort());
      }

      @Override
      public void cancel() {
        task.cancel(true);
        try {
          thread.join(state.context().settings().callDeadline().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
  }

  @Override
  public String toString() {
    return "KestraReader[" + state.context().server().describe() + "]";
  }
}
