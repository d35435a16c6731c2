package dev.driftless.kestra.internal.read;

import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.resource.Fingerprint;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.snapshot.SnapshotEntry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What Kestra held inside a scope when it was read: the snapshot's entries and diagnostics, plus
 * what writing needs and a snapshot does not carry: what the server stores under each key
 * (valid or not, for compare-and-swap), the ids the server made (dashboards before 2.0, app uids),
 * the flows that are drafts, and, on Enterprise, the namespaces that exist.
 */
public record KestraState(
    Scope scope,
    List<SnapshotEntry> entries,
    List<Diagnostic> diagnostics,
    Map<ResourceKey, Fingerprint> stored,
    Map<ResourceKey, String> dashboardIds,
    Map<ResourceKey, String> appUids,
    Set<ResourceKey> drafts,
    Optional<Set<String>> namespaces) {

  public KestraState {
    entries = List.copyOf(entries);
    diagnostics = List.copyOf(diagnostics);
    stored = Map.copyOf(stored);
    dashboardIds = Map.copyOf(dashboardIds);
    appUids = Map.copyOf(appUids);
    drafts = Set.copyOf(drafts);
    namespaces = namespaces.map(Set::copyOf);
  }

  /** The snapshot: the entries in the scope, identified by their digest. */
  public Snapshot snapshot() {
    return Snapshot.builder()
        .side(Side.KESTRA)
        .scope(scope)
        .identity(Snapshot.digestOf(entries))
        .addAllEntries(entries)
        .addAllDiagnostics(diagnostics)
        .build();
  }

  /** What the server stores under the key now, readable or not; empty when it holds nothing there. */
  public Optional<Fingerprint> storedFingerprint(ResourceKey key) {
    return Optional.ofNullable(stored.get(key));
  }

  /** Whether a namespace exists; always true on OSS, where namespaces are implicit. */
  public boolean namespaceExists(String namespace) {
    return namespaces.map(set -> set.contains(namespace)).orElse(true);
  }
}
