package dev.driftless.testkit.gen;

import dev.driftless.policy.Policy;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import java.util.List;
import java.util.Objects;

/**
 * A starting state of both sides, the scopes to read them in, and the policy to plan with.
 */
public record Scenario(Policy policy, Scope gitScope, Scope kestraScope, List<Seed> git, List<Seed> kestra) {

  public Scenario {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(gitScope, "gitScope");
    Objects.requireNonNull(kestraScope, "kestraScope");
    git = List.copyOf(git);
    kestra = List.copyOf(kestra);
  }

  public List<Seed> seeds(Side side) {
    return side == Side.GIT ? git : kestra;
  }

  public Scope scope(Side side) {
    return side == Side.GIT ? gitScope : kestraScope;
  }

  /** The same scenario with the Kestra side holding exactly what Git holds (mapped), and vice versa. */
  public Scenario withSides(List<Seed> gitSeeds, List<Seed> kestraSeeds) {
    return new Scenario(policy, gitScope, kestraScope, gitSeeds, kestraSeeds);
  }

  @Override
  public String toString() {
    return "Scenario{\n  policy: SoT " + policy.sourceOfTruth() + " " + policy.sourceOfTruthByKind()
        + ", whenMissing " + policy.whenMissingInSource() + ", protected " + policy.protectedNamespaces()
        + ", onInvalid " + policy.onInvalidSyntax() + ", children " + policy.includeChildNamespaces()
        + ", mapping " + policy.namespaceMapping().rules() + ", selector " + policy.selector()
        + ", guards " + policy.guards()
        + "\n  git scope: " + gitScope.describe() + "\n  kestra scope: " + kestraScope.describe()
        + "\n  git: " + git + "\n  kestra: " + kestra + "\n}";
  }
}
