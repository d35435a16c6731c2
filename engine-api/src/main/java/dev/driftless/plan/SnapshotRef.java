package dev.driftless.plan;

import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import java.util.Objects;

/** The snapshot a plan was made from: its side, its identity and its scope. */
public record SnapshotRef(Side side, String identity, Scope scope) {
  public SnapshotRef {
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(scope, "scope");
  }
}
