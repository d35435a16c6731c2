package dev.driftless.testkit.gen;

import dev.driftless.policy.OnConflict;
import dev.driftless.policy.Policy;
import dev.driftless.resource.Content;
import dev.driftless.resource.ResourceKey;
import dev.driftless.snapshot.Baseline;
import dev.driftless.snapshot.Scope;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A two-way sync's starting state: what both sides agreed on (the baseline, or none on a first
 * sync), what each side holds after editing since, the scope both are read in, and the policy.
 */
public record TwoWayScenario(Policy policy, Scope scope, Baseline baseline, List<Seed> git, List<Seed> kestra) {

  public TwoWayScenario {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(baseline, "baseline");
    git = List.copyOf(git);
    kestra = List.copyOf(kestra);
    if (!policy.twoWay()) {
      throw new IllegalArgumentException("a two-way scenario has a two-way policy");
    }
  }

  /** The same scenario with Git and Kestra swapped, and onConflict's side with them. */
  public TwoWayScenario mirrored() {
    OnConflict swapped = switch (policy.onConflict()) {
      case FAIL -> OnConflict.FAIL;
      case GIT -> OnConflict.KESTRA;
      case KESTRA -> OnConflict.GIT;
    };
    return new TwoWayScenario(policy.withOnConflict(swapped), scope, baseline, kestra, git);
  }

  /** What a side holds, by key. */
  public static Map<ResourceKey, Content> contents(List<Seed> seeds) {
    Map<ResourceKey, Content> out = new TreeMap<>();
    seeds.forEach(s -> out.put(s.key(), s.content().orElseThrow()));
    return out;
  }

  @Override
  public String toString() {
    return "TwoWayScenario{\n  onConflict " + policy.onConflict() + ", protected " + policy.protectedNamespaces()
        + "\n  baseline: " + (baseline.isRecorded() ? contentsText(baseline.entries()) : "none")
        + "\n  git: " + contentsText(contents(git)) + "\n  kestra: " + contentsText(contents(kestra)) + "\n}";
  }

  private static String contentsText(Map<ResourceKey, Content> contents) {
    StringBuilder out = new StringBuilder();
    contents.forEach((k, v) -> out.append("\n    ").append(k.address()).append(" = ")
        .append(v.text().orElse("(binary)").replace("\n", "⏎")));
    return out.toString();
  }
}
