package dev.driftless.core.internal.plan;

import dev.driftless.core.yaml.FlowReference;
import dev.driftless.plan.Change;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Puts changes in apply order.
 *
 * <p>Creates and updates go by kind (namespace files, flows, tests, apps, dashboards); within a
 * kind, a flow that another changed flow calls or triggers on comes first. Deletions go by kind in
 * reverse, and a flow is deleted only after the flows that call it. Ties are broken by key, and a
 * cycle is broken at its smallest key, so the order never depends on the input order. Every change
 * records the changes it depends on; a dependency is only ever an earlier change.
 */
final class Ordering {

  private Ordering() {}

  /** Creates and updates, dependencies first. */
  static List<Decision> upserts(List<Decision> decisions) {
    return order(decisions, false);
  }

  /** Deletions, callers first, kinds in reverse. */
  static List<Decision> deletes(List<Decision> decisions) {
    return order(decisions, true);
  }

  /**
   * Kinds in order; within a kind, each side's changes (Git's, then Kestra's: only a two-way plan
   * writes both sides of one kind), dependencies first. A change depends only on changes to the
   * same side.
   */
  private static List<Decision> order(List<Decision> decisions, boolean deleting) {
    Map<ResourceKind, Map<Side, List<Decision>>> byKind = new EnumMap<>(ResourceKind.class);
    Map<Side, List<Decision>> bySide = new EnumMap<>(Side.class);
    for (Decision d : decisions) {
      byKind.computeIfAbsent(d.change().key().kind(), k -> new EnumMap<>(Side.class))
          .computeIfAbsent(d.change().side(), s -> new ArrayList<>()).add(d);
      bySide.computeIfAbsent(d.change().side(), s -> new ArrayList<>()).add(d);
    }
    Map<Side, Map<ResourceKey, Set<ResourceKey>>> deps = new EnumMap<>(Side.class);
    bySide.forEach((side, mine) -> {
      Set<ResourceKey> all = new HashSet<>();
      mine.forEach(d -> all.add(d.change().key()));
      deps.put(side, deleting ? callersOf(mine, all) : calleesOf(mine, all));
    });

    List<ResourceKind> kinds = new ArrayList<>(byKind.keySet());
    if (deleting) {
      kinds.sort(Comparator.reverseOrder());
    }
    List<Decision> out = new ArrayList<>(decisions.size());
    Map<Side, Set<ResourceKey>> placed = new EnumMap<>(Side.class);
    for (ResourceKind kind : kinds) {
      for (Map.Entry<Side, List<Decision>> group : byKind.get(kind).entrySet()) {
        Map<ResourceKey, Set<ResourceKey>> sideDeps = deps.get(group.getKey());
        Set<ResourceKey> done = placed.computeIfAbsent(group.getKey(), s -> new HashSet<>());
        for (Decision d : topological(group.getValue(), sideDeps)) {
          List<ResourceKey> earlier = sideDeps.getOrDefault(d.change().key(), Set.of()).stream()
              .filter(done::contains).sorted().toList();
          out.add(d.withChange(d.change().withDependsOn(earlier)));
          done.add(d.change().key());
        }
      }
    }
    return out;
  }

  /** For creates and updates: each change depends on the changed flows it refers to. */
  private static Map<ResourceKey, Set<ResourceKey>> calleesOf(List<Decision> decisions, Set<ResourceKey> all) {
    Map<ResourceKey, Set<ResourceKey>> deps = new HashMap<>();
    for (Decision d : decisions) {
      ResourceKey self = d.change().key();
      for (FlowReference ref : d.references()) {
        ResourceKey target = ref.key();
        if (!target.equals(self) && all.contains(target)) {
          deps.computeIfAbsent(self, k -> new TreeSet<>()).add(target);
        }
      }
    }
    return deps;
  }

  /** For deletions: each deleted flow depends on the deletion of the deleted flows that refer to it. */
  private static Map<ResourceKey, Set<ResourceKey>> callersOf(List<Decision> decisions, Set<ResourceKey> all) {
    Map<ResourceKey, Set<ResourceKey>> deps = new HashMap<>();
    for (Decision d : decisions) {
      ResourceKey caller = d.change().key();
      for (FlowReference ref : d.references()) {
        ResourceKey callee = ref.key();
        if (!callee.equals(caller) && all.contains(callee)) {
          deps.computeIfAbsent(callee, k -> new TreeSet<>()).add(caller);
        }
      }
    }
    return deps;
  }

  private static List<Decision> topological(List<Decision> group, Map<ResourceKey, Set<ResourceKey>> deps) {
    TreeMap<ResourceKey, Decision> remaining = new TreeMap<>();
    group.forEach(d -> remaining.put(d.change().key(), d));
    Map<ResourceKey, Integer> waiting = new HashMap<>();
    Map<ResourceKey, List<ResourceKey>> dependents = new HashMap<>();
    for (ResourceKey key : remaining.keySet()) {
      int count = 0;
      for (ResourceKey dep : deps.getOrDefault(key, Set.of())) {
        if (remaining.containsKey(dep)) {
          count++;
          dependents.computeIfAbsent(dep, k -> new ArrayList<>()).add(key);
        }
      }
      waiting.put(key, count);
    }
    TreeSet<ResourceKey> ready = new TreeSet<>();
    waiting.forEach((k, n) -> {
      if (n == 0) {
        ready.add(k);
      }
    });
    List<Decision> out = new ArrayList<>(group.size());
    Set<ResourceKey> done = new LinkedHashSet<>();
    while (!remaining.isEmpty()) {
      ResourceKey next = ready.isEmpty() ? remaining.firstKey() : ready.pollFirst();
      out.add(remaining.remove(next));
      done.add(next);
      ready.remove(next);
      for (ResourceKey dependent : dependents.getOrDefault(next, List.of())) {
        if (remaining.containsKey(dependent) && waiting.merge(dependent, -1, Integer::sum) == 0) {
          ready.add(dependent);
        }
      }
    }
    return out;
  }

  /** Changes that write nothing, by key (then side: a two-way conflict blocks both). */
  static List<Decision> byKey(List<Decision> decisions) {
    List<Decision> out = new ArrayList<>(decisions);
    out.sort(Comparator.comparing((Decision d) -> d.change().key()).thenComparing(d -> d.change().side()));
    return out;
  }

  static boolean isUpsert(Change change) {
    return change.action().isUpsert();
  }
}
