package dev.driftless.kestra.internal.read;

import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.resource.Fingerprint;
import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.SnapshotEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Collects a {@link KestraState} while the kinds are read, one at a time. Not thread-safe, but for
 * {@link #export}, which exports read at the same time share.
 */
final class StateBuilder {

  private Scope scope;
  private final List<SnapshotEntry> entries = new ArrayList<>();
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private final Map<ResourceKey, Fingerprint> stored = new HashMap<>();
  private final Map<ResourceKey, String> dashboardIds = new HashMap<>();
  private final Map<ResourceKey, String> appUids = new HashMap<>();
  private final Set<ResourceKey> drafts = new HashSet<>();
  /** What the exports of this read may expand to: one total for the read, not for each export. */
  private ZipEntries.Budget budget;
  private Optional<Set<String>> namespaces = Optional.empty();

  StateBuilder(Scope scope) {
    this.scope = scope;
  }

  Scope scope() {
    return scope;
  }

  /** A resource read in full; the bytes it holds are what the server stores. */
  void present(Resource resource) {
    entries.add(SnapshotEntry.present(resource));
    store(resource.key(), resource.fingerprint());
  }

  /** An entry that could not be read; {@code bytes} are what the server stores, when known. */
  void unreadable(SnapshotEntry.Unreadable entry, Optional<byte[]> bytes) {
    entries.add(entry);
    entry.key().ifPresent(k -> store(k, bytes.map(Fingerprint::of).orElseGet(() -> sentinel(entry.reason()))));
  }

  void diagnostic(Diagnostic diagnostic) {
    diagnostics.add(diagnostic.side().isPresent() ? diagnostic : diagnostic.onSide(Side.KESTRA));
  }

  void dashboardId(ResourceKey key, String serverId) {
    dashboardIds.put(key, serverId);
  }

  void appUid(ResourceKey key, String uid) {
    appUids.put(key, uid);
  }

  void draft(ResourceKey key) {
    drafts.add(key);
  }

  void namespaces(Set<String> existing) {
    namespaces = Optional.of(Set.copyOf(existing));
  }

  /** Leaves a kind out of the scope (the server lacks it), with a warning saying so. */
  void dropKind(ResourceKind kind, String why) {
    if (!scope.kinds().contains(kind)) {
      return;
    }
    Set<ResourceKind> kinds = EnumSet.noneOf(ResourceKind.class);
    kinds.addAll(scope.kinds());
    kinds.remove(kind);
    scope = scope.withKinds(kinds);
    entries.removeIf(e -> e.kind() == kind);
    diagnostic(Diagnostic.warning(why + ": " + kind.label() + "s are left out of this snapshot, so nothing is planned"
        + " for them on Kestra"));
  }

  KestraState build() {
    return new KestraState(scope, entries, diagnostics, stored, dashboardIds, appUids, drafts, namespaces);
  }

  private void store(ResourceKey key, Fingerprint fingerprint) {
    Fingerprint previous = stored.putIfAbsent(key, fingerprint);
    if (previous != null && !previous.equals(fingerprint)) {
      stored.put(key, sentinel("two entries claim " + key.address()));
    }
  }

  /** A fingerprint no content has in practice: for something stored that could not be read. */
  static Fingerprint sentinel(String why) {
    return Fingerprint.of(("driftless: unreadable in Kestra: " + why).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads one export's entries within the read's limits, the bytes of its other exports counted.
   * Thread-safe, unlike the rest of the builder: exports may be read at the same time.
   */
  List<ZipEntries.Entry> export(ReadContext ctx, java.io.InputStream in, String what) throws java.io.IOException {
    return ZipEntries.read(in, ctx.exportLimits(), budget(ctx), what);
  }

  private synchronized ZipEntries.Budget budget(ReadContext ctx) {
    if (budget == null) {
      budget = ZipEntries.Budget.of(ctx.exportLimits());
    }
    return budget;
  }
}
