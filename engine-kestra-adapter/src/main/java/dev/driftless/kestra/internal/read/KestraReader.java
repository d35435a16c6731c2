package dev.driftless.kestra.internal.read;

import dev.driftless.port.SnapshotReader;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import java.util.Set;

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

  @Override
  public String toString() {
    return "KestraReader[" + state.context().server().describe() + "]";
  }
}
