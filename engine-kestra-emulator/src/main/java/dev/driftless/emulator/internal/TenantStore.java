package dev.driftless.emulator.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.emulator.Execution;
import dev.driftless.emulator.FlowRevision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One tenant's data. Flows keep their full revision history; a soft delete appends a revision
 * marked deleted. Access only while holding the {@link Store}'s monitor.
 */
public final class TenantStore {

  /** A flow or test suite key, ordered by namespace then id. */
  public record Key(String namespace, String id) implements Comparable<Key> {
    @Override
    public int compareTo(Key other) {
      int byNamespace = namespace.compareTo(other.namespace);
      return byNamespace != 0 ? byNamespace : id.compareTo(other.id);
    }
  }

  /** A stored dashboard. */
  public record Dashboard(String id, String source, Instant created, Instant updated) {
  }

  /** A stored app. */
  public record App(String uid, String source, boolean disabled, Instant created, Instant updated) {
  }

  /** A stored test suite. */
  public record TestSuite(String namespace, String id, String source, Instant created, Instant updated) {
  }

  private final TreeMap<Key, List<FlowRevision>> flows = new TreeMap<>();
  private final TreeMap<String, NamespaceFiles> files = new TreeMap<>();
  private final LinkedHashMap<String, Dashboard> dashboards = new LinkedHashMap<>();
  private final LinkedHashMap<String, App> apps = new LinkedHashMap<>();
  private final TreeMap<Key, TestSuite> tests = new TreeMap<>();
  private final LinkedHashMap<String, Execution> executions = new LinkedHashMap<>();
  private final TreeMap<String, ObjectNode> namespaces = new TreeMap<>();

  // ---- flows

  /** The latest revision, deleted or not. */
  public Optional<FlowRevision> latestFlow(String namespace, String id) {
    List<FlowRevision> revisions = flows.get(new Key(namespace, id));
    return revisions == null ? Optional.empty() : Optional.of(revisions.get(revisions.size() - 1));
  }

  /** The current revision of a live flow. */
  public Optional<FlowRevision> flow(String namespace, String id) {
    return latestFlow(namespace, id).filter(r -> !r.deleted());
  }

  public List<FlowRevision> flowRevisions(String namespace, String id) {
    return List.copyOf(flows.getOrDefault(new Key(namespace, id), List.of()));
  }

  /** Live flows by namespace then id. */
  public List<FlowRevision> liveFlows() {
    List<FlowRevision> out = new ArrayList<>();
    flows.values().forEach(revisions -> {
      FlowRevision last = revisions.get(revisions.size() - 1);
      if (!last.deleted()) {
        out.add(last);
      }
    });
    return out;
  }

  /**
   * Stores {@code source} as the next revision, unless the live flow already counts as this source
   * for a server of this version, with the same draft flag: Kestra makes no revision then. What
   * counts as the same differs by version, around a top-level {@code revision: N} line: 0.20
   * compares the stored text with the new one without that line; later versions compare both
   * without it (so an update that only changes that line keeps the old text).
   *
   * @return the flow's current revision afterwards
   */
  public FlowRevision saveFlow(String namespace, String id, String source, boolean draft, KestraVersion version) {
    Optional<FlowRevision> current = flow(namespace, id);
    if (current.isPresent() && current.get().draft() == draft && sameSource(current.get().source(), source, version)) {
      return current.get();
    }
    return append(namespace, id, source, false, draft);
  }

  private static boolean sameSource(String stored, String sent, KestraVersion version) {
    String withoutLine = FlowSources.withoutRevisionLine(sent);
    return version.stripsRevisionLine() ? stored.equals(withoutLine)
        : FlowSources.withoutRevisionLine(stored).equals(withoutLine);
  }

  /** Appends a soft-delete marker. @return the marker, empty when there was no live flow */
  public Optional<FlowRevision> deleteFlow(String namespace, String id) {
    return flow(namespace, id).map(current -> append(namespace, id, current.source(), true, current.draft()));
  }

  private FlowRevision append(String namespace, String id, String source, boolean deleted, boolean draft) {
    List<FlowRevision> revisions = flows.computeIfAbsent(new Key(namespace, id), k -> new ArrayList<>());
    FlowRevision next = new FlowRevision(namespace, id, revisions.size() + 1, source, deleted, draft, Instant.now());
    revisions.add(next);
    return next;
  }

  // ---- namespace files

  public NamespaceFiles files(String namespace) {
    return files.computeIfAbsent(namespace, n -> new NamespaceFiles());
  }

  public Optional<NamespaceFiles> existingFiles(String namespace) {
    return Optional.ofNullable(files.get(namespace));
  }

  // ---- dashboards, apps, tests

  public Map<String, Dashboard> dashboards() {
    return dashboards;
  }

  public Map<String, App> apps() {
    return apps;
  }

  public Map<Key, TestSuite> tests() {
    return tests;
  }

  public Map<String, Execution> executions() {
    return executions;
  }

  /** Explicitly created namespaces (Enterprise), with their stored JSON. */
  public Map<String, ObjectNode> explicitNamespaces() {
    return namespaces;
  }

  /**
   * Namespaces that exist: explicit ones and those holding a live flow or a namespace file; with
   * {@code withParents}, also every parent of those ({@code a.b.c} brings {@code a} and {@code a.b}).
   */
  public List<String> namespaces(boolean withParents) {
    TreeSet<String> out = new TreeSet<>(namespaces.keySet());
    liveFlows().forEach(f -> out.add(f.namespace()));
    files.forEach((ns, tree) -> {
      if (!tree.isEmpty()) {
        out.add(ns);
      }
    });
    if (withParents) {
      for (String ns : List.copyOf(out)) {
        for (int dot = ns.indexOf('.'); dot > 0; dot = ns.indexOf('.', dot + 1)) {
          out.add(ns.substring(0, dot));
        }
      }
    }
    return new ArrayList<>(out);
  }

  /** Sorts by namespace then id. */
  public static final Comparator<FlowRevision> BY_NAMESPACE_AND_ID =
      Comparator.comparing(FlowRevision::namespace).thenComparing(FlowRevision::id);
}
