package dev.driftless.presets.run;

import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.port.PendingRead;
import dev.driftless.port.SnapshotReader;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Diagnostics added to what a side reads, so that they reach the plan with the others: what a run
 * says about its task before anything is planned (a warning about a property accepted but not acted
 * on, a kind left out).
 */
final class Annotated {

  private Annotated() {}

  /** The snapshot with the diagnostics added after its own. */
  static Snapshot snapshot(Snapshot snapshot, List<Diagnostic> diagnostics) {
    if (diagnostics.isEmpty()) {
      return snapshot;
    }
    return Snapshot.builder().side(snapshot.side()).scope(snapshot.scope()).identity(snapshot.identity())
        .addAllEntries(snapshot.entries()).addAllDiagnostics(snapshot.diagnostics()).addAllDiagnostics(diagnostics)
        .build();
  }

  /** The reader, each of its snapshots with the diagnostics added. */
  static SnapshotReader reader(SnapshotReader reader, List<Diagnostic> diagnostics) {
    if (diagnostics.isEmpty()) {
      return reader;
    }
    List<Diagnostic> added = List.copyOf(diagnostics);
    return new SnapshotReader() {
      @Override
      public Side side() {
        return reader.side();
      }

      @Override
      public Snapshot read(Scope scope) {
        return snapshot(reader.read(scope), added);
      }

      @Override
      public Snapshot read(Scope scope, Set<String> namespacesElsewhere) {
        return snapshot(reader.read(scope, namespacesElsewhere), added);
      }

      @Override
      public PendingRead start(Scope scope, Supplier<Set<String>> namespacesElsewhere) {
        PendingRead pending = reader.start(scope, namespacesElsewhere);
        return new PendingRead() {
          @Override
          public Snapshot await() {
            return snapshot(pending.await(), added);
          }

          @Override
          public void cancel() {
            pending.cancel();
          }
        };
      }
    };
  }
}
