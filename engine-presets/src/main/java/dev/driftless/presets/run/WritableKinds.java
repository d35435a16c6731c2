package dev.driftless.presets.run;

import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.kestra.KestraServer;
import dev.driftless.policy.Policy;
import dev.driftless.port.SnapshotReader;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Leaves out of a Kestra read the kinds Kestra would have to write but cannot (dashboards on
 * open-source 2.x), so that the rest of a sync goes ahead instead of the whole plan being refused.
 * The planner plans nothing for a kind one side's scope lacks; the warning says why.
 */
public final class WritableKinds {

  private WritableKinds() {}

  /** The scope narrowed, and one warning per kind left out. */
  private record Narrowed(Scope scope, List<Diagnostic> warnings) {
    public Narrowed {
      warnings = List.copyOf(warnings);
    }

    /** The snapshot with the warnings added, so that they reach the plan. */
    Snapshot annotate(Snapshot snapshot) {
      if (warnings.isEmpty()) {
        return snapshot;
      }
      return Snapshot.builder().side(snapshot.side()).scope(snapshot.scope()).identity(snapshot.identity())
          .addAllEntries(snapshot.entries()).addAllDiagnostics(snapshot.diagnostics()).addAllDiagnostics(warnings)
          .build();
    }
  }

  /**
   * Kestra's reader, each read narrowed to the kinds Kestra can write under the policy, with the
   * warnings about the kinds left out added to what it reads.
   */
  public static SnapshotReader reader(SnapshotReader kestra, Policy policy, KestraServer server) {
    return new SnapshotReader() {
      @Override
      public Side side() {
        return kestra.side();
      }

      @Override
      public Snapshot read(Scope scope) {
        Narrowed writable = narrow(scope, policy, server);
        return writable.annotate(kestra.read(writable.scope()));
      }

      @Override
      public Snapshot read(Scope scope, Set<String> namespacesElsewhere) {
        Narrowed writable = narrow(scope, policy, server);
        return writable.annotate(kestra.read(writable.scope(), namespacesElsewhere));
      }
    };
  }

  private static Narrowed narrow(Scope scope, Policy policy, KestraServer server) {
    Set<ResourceKind> kinds = scope.kinds().isEmpty() ? EnumSet.noneOf(ResourceKind.class) : EnumSet.copyOf(scope.kinds());
    List<Diagnostic> warnings = new ArrayList<>();
    for (ResourceKind kind : scope.kinds()) {
      Optional<String> cannot = server.cannotWrite(kind);
      if (policy.sourceOfTruth(kind) == Side.GIT && cannot.isPresent() && server.cannotRead(kind).isEmpty()) {
        kinds.remove(kind);
        warnings.add(Diagnostic.warning(cannot.get() + ": " + kind.label() + "s are not synced from Git; the rest is")
            .onSide(Side.KESTRA));
      }
    }
    return new Narrowed(kinds.size() == scope.kinds().size() ? scope : scope.withKinds(kinds), warnings);
  }
}
