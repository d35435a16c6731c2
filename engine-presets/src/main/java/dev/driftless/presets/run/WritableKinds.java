package dev.driftless.presets.run;

import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.kestra.KestraServer;
import dev.driftless.policy.Policy;
import dev.driftless.port.PendingRead;
import dev.driftless.port.SnapshotReader;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Leaves out of a Kestra read the kinds Kestra would have to write but cannot (dashboards on
 * open-source 2.x), so that the rest of a sync goes ahead instead of the whole plan being refused.
 * The planner plans nothing for a kind one side's scope lacks; the warning says why. When that
 * would leave out every kind the scope has (SyncDashboards on open-source 2.x), the read carries
 * an error instead, so that the plan cannot be applied and the run fails saying why, never
 * "success, nothing done".
 */
public final class WritableKinds {

  private WritableKinds() {}

  /** The scope narrowed, and one warning per kind left out (the error when every kind is). */
  private record Narrowed(Scope scope, List<Diagnostic> diagnostics) {
    public Narrowed {
      diagnostics = List.copyOf(diagnostics);
    }

    /** The snapshot with the diagnostics added, so that they reach the plan. */
    Snapshot annotate(Snapshot snapshot) {
      return Annotated.snapshot(snapshot, diagnostics);
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

      @Override
      public PendingRead start(Scope scope, Supplier<Set<String>> namespacesElsewhere) {
        Narrowed writable = narrow(scope, policy, server);
        PendingRead pending = kestra.start(writable.scope(), namespacesElsewhere);
        return new PendingRead() {
          @Override
          public Snapshot await() {
            return writable.annotate(pending.await());
          }

          @Override
          public void cancel() {
            pending.cancel();
          }
        };
      }
    };
  }

  private static Narrowed narrow(Scope scope, Policy policy, KestraServer server) {
    Set<ResourceKind> kinds = scope.kinds().isEmpty() ? EnumSet.noneOf(ResourceKind.class) : EnumSet.copyOf(scope.kinds());
    Map<ResourceKind, String> leftOut = new EnumMap<>(ResourceKind.class);
    for (ResourceKind kind : scope.kinds()) {
      Optional<String> cannot = server.cannotWrite(kind);
      if (policy.sourceOfTruth(kind) == Side.GIT && cannot.isPresent() && server.cannotRead(kind).isEmpty()) {
        kinds.remove(kind);
        leftOut.put(kind, cannot.get());
      }
    }
    if (leftOut.isEmpty()) {
      return new Narrowed(scope, List.of());
    }
    if (kinds.isEmpty()) {
      // Nothing would be synced: the run fails, as the plugin's does on the server's refusal, rather
      // than succeeding with nothing done.
      String what = leftOut.keySet().stream().map(k -> k.label() + "s").collect(Collectors.joining(" and "));
      return new Narrowed(scope.withKinds(kinds), List.of(Diagnostic.error(String.join("; ", new LinkedHashSet<>(leftOut.values()))
          + ": " + what + " are all this task syncs from Git, so it cannot run against this server").onSide(Side.KESTRA)));
    }
    List<Diagnostic> warnings = new ArrayList<>();
    leftOut.forEach((kind, cannot) -> warnings.add(Diagnostic.warning(cannot + ": " + kind.label()
        + "s are not synced from Git; the rest is").onSide(Side.KESTRA)));
    return new Narrowed(scope.withKinds(kinds), warnings);
  }
}
