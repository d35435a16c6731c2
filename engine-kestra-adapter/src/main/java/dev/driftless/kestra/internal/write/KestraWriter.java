package dev.driftless.kestra.internal.write;

import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.kestra.internal.read.Awaited;
import dev.driftless.kestra.internal.read.KestraState;
import dev.driftless.kestra.internal.read.StateReader;
import dev.driftless.port.ChangeWriter;
import dev.driftless.port.WriteIntent;
import dev.driftless.port.WriteSession;
import dev.driftless.resource.Fingerprint;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.SnapshotEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Kestra side's {@link ChangeWriter}. A session reads the current state of the intent's keys in
 * bulk (the reader's calls, narrowed to their kinds and namespaces), so the number of reads does not
 * grow with the number of changes. Keys in several namespaces are read one namespace at a time, up
 * to {@code writeConcurrency} namespaces at once, before writing and again after: the reader reads
 * a set of namespaces one after the other, so a plan touching ten namespaces would otherwise wait
 * for twenty round trips in a row twice.
 */
public final class KestraWriter implements ChangeWriter {

  private final StateReader reader;

  public KestraWriter(StateReader reader) {
    this.reader = reader;
  }

  @Override
  public Side side() {
    return Side.KESTRA;
  }

  @Override
  public WriteSession begin(WriteIntent intent) {
    return new KestraSession(reader, intent, read(reader, intent.keys()));
  }

  /**
   * What Kestra holds under the keys now: one read of {@link #scopeFor} when the keys lie in at most
   * one namespace, else one read per namespace (and one of the tenant-global keys), several at a
   * time, put together. Missing namespaces read as empty.
   */
  static KestraState read(StateReader reader, Collection<ResourceKey> keys) {
    Map<String, List<ResourceKey>> byNamespace = new TreeMap<>();
    List<ResourceKey> global = new ArrayList<>();
    for (ResourceKey key : keys) {
      if (key.isGlobal()) {
        global.add(key);
      } else {
        byNamespace.computeIfAbsent(key.namespace(), ns -> new ArrayList<>()).add(key);
      }
    }
    if (byNamespace.size() <= 1) {
      return reader.read(scopeFor(keys), StateReader.MissingNamespaces.EMPTY);
    }
    List<Scope> parts = new ArrayList<>();
    byNamespace.values().forEach(inNamespace -> parts.add(scopeFor(inNamespace)));
    if (!global.isEmpty()) {
      parts.add(scopeFor(global));
    }
    int threads = Math.min(parts.size(), reader.context().settings().writeConcurrency());
    ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
    try {
      List<Future<KestraState>> futures = new ArrayList<>(parts.size());
      for (Scope part : parts) {
        futures.add(pool.submit(() -> reader.read(part, StateReader.MissingNamespaces.EMPTY)));
      }
      List<KestraState> states = new ArrayList<>(parts.size());
      for (Future<KestraState> future : futures) {
        states.add(Awaited.result(future, "reading Kestra's current state"));
      }
      return merge(scopeFor(keys), states);
    } finally {
      pool.shutdownNow();
    }
  }

  /** The reads of disjoint scopes as one read of their union. */
  static KestraState merge(Scope scope, List<KestraState> parts) {
    List<SnapshotEntry> entries = new ArrayList<>();
    Set<Diagnostic> diagnostics = new LinkedHashSet<>();
    Map<ResourceKey, Fingerprint> stored = new HashMap<>();
    Map<ResourceKey, String> dashboardIds = new HashMap<>();
    Map<ResourceKey, String> appUids = new HashMap<>();
    Set<ResourceKey> drafts = new HashSet<>();
    Optional<Set<String>> namespaces = Optional.empty();
    for (KestraState part : parts) {
      entries.addAll(part.entries());
      diagnostics.addAll(part.diagnostics());
      stored.putAll(part.stored());
      dashboardIds.putAll(part.dashboardIds());
      appUids.putAll(part.appUids());
      drafts.addAll(part.drafts());
      if (part.namespaces().isPresent()) {
        Set<String> union = new TreeSet<>(namespaces.orElseGet(Set::of));
        union.addAll(part.namespaces().get());
        namespaces = Optional.of(union);
      }
    }
    return new KestraState(scope, entries, List.copyOf(diagnostics), stored, dashboardIds, appUids, drafts,
        namespaces);
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread t = new Thread(runnable, "driftless-kestra-state-" + counter.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** The narrowest scope holding the keys: their kinds, in their namespaces, without children. */
  static Scope scopeFor(Collection<ResourceKey> keys) {
    Set<ResourceKind> kinds = EnumSet.noneOf(ResourceKind.class);
    Set<String> namespaces = new TreeSet<>();
    for (ResourceKey key : keys) {
      kinds.add(key.kind());
      if (!key.isGlobal()) {
        namespaces.add(key.namespace());
      }
    }
    return new Scope(namespaces, false, false, kinds);
  }

  @Override
  public String toString() {
    return "KestraWriter[" + reader.context().server().describe() + "]";
  }
}
