package dev.driftless.testkit.gen;

import static org.quicktheories.generators.SourceDSL.integers;

import dev.driftless.policy.OnConflict;
import dev.driftless.policy.Policy;
import dev.driftless.resource.Content;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.snapshot.Baseline;
import dev.driftless.snapshot.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/**
 * Two-way scenarios: a baseline of a few flows and namespace files, then each side's edits since:
 * none, one line, the other line, both lines, a deletion, a creation, or the very edit the other side
 * made, so that every rule (one side changed, both the same, a clean merge, a conflict, a deletion
 * against an edit) comes up often. One case in eight is a first sync (no baseline).
 */
public final class TwoWayGenerators {

  /** Namespaces the scenarios use: {@code system} is protected by the default policy. */
  public static final List<String> NAMESPACES = List.of("dev", "prod", "system");

  private static final Set<ResourceKind> KINDS = Set.of(ResourceKind.FLOW, ResourceKind.NAMESPACE_FILE);

  private TwoWayGenerators() {}

  public static Gen<TwoWayScenario> scenarios() {
    return TwoWayGenerators::scenario;
  }

  private static TwoWayScenario scenario(RandomnessSource in) {
    OnConflict onConflict = OnConflict.values()[integers().between(0, 2).generate(in)];
    Policy policy = Policy.builder().twoWay(true).onConflict(onConflict).build();
    boolean firstSync = integers().between(0, 7).generate(in) == 0;
    Map<ResourceKey, Content> base = new TreeMap<>();
    Map<ResourceKey, Content> git = new TreeMap<>();
    Map<ResourceKey, Content> kestra = new TreeMap<>();
    int count = integers().between(0, 5).generate(in);
    for (int i = 0; i < count; i++) {
      ResourceKey key = key(integers().between(0, 11).generate(in));
      if (base.containsKey(key) || git.containsKey(key) || kestra.containsKey(key)) {
        continue;
      }
      Optional<Content> was = firstSync || integers().between(0, 4).generate(in) == 0 ? Optional.empty()
          : Optional.of(text(key, "v0", "w0"));
      was.ifPresent(c -> base.put(key, c));
      Optional<Content> g = edited(in, key, was, "git");
      Optional<Content> k = integers().between(0, 5).generate(in) == 0 ? g : edited(in, key, was, "kestra");
      if (firstSync && integers().between(0, 2).generate(in) == 0) {
        k = g;
      }
      g.ifPresent(c -> git.put(key, c));
      k.ifPresent(c -> kestra.put(key, c));
    }
    Scope scope = Scope.namespaces(NAMESPACES, false, KINDS);
    return new TwoWayScenario(policy, scope, firstSync ? Baseline.none() : Baseline.of(base), seeds(git),
        seeds(kestra));
  }

  /** One side's copy after its edit since the baseline. */
  private static Optional<Content> edited(RandomnessSource in, ResourceKey key, Optional<Content> was, String who) {
    int edit = integers().between(0, 5).generate(in);
    if (was.isEmpty()) {
      return edit < 2 ? Optional.empty() : Optional.of(text(key, who + edit, "w0"));
    }
    return switch (edit) {
      case 0 -> was;
      case 1 -> Optional.of(text(key, who, "w0"));
      case 2 -> Optional.of(text(key, "v0", who));
      case 3 -> Optional.of(text(key, who, who));
      case 4 -> Optional.empty();
      default -> Optional.of(text(key, "v0", "w0"));
    };
  }

  private static ResourceKey key(int pick) {
    String ns = NAMESPACES.get(pick % NAMESPACES.size());
    return pick / NAMESPACES.size() % 2 == 0 ? ResourceKey.flow(ns, "f" + (pick / 6)) :
        ResourceKey.namespaceFile(ns, "scripts/run" + (pick / 6) + ".sh");
  }

  /** A resource whose two values sit on lines apart from each other, so that edits of one merge with the other's. */
  public static Content text(ResourceKey key, String first, String second) {
    if (key.kind() == ResourceKind.FLOW) {
      return Content.ofText("id: " + key.name() + "\nnamespace: " + key.namespace() + "\ntasks:\n  - id: first\n"
          + "    type: io.kestra.plugin.core.log.Log\n    message: " + first + "\n  - id: second\n"
          + "    type: io.kestra.plugin.core.log.Log\n    message: " + second + "\n");
    }
    return Content.ofText("#!/bin/sh\necho " + first + "\n# between\n# the two\necho " + second + "\n");
  }

  private static List<Seed> seeds(Map<ResourceKey, Content> contents) {
    List<Seed> out = new ArrayList<>();
    contents.forEach((k, v) -> out.add(Seed.present(k, v)));
    return out;
  }
}
