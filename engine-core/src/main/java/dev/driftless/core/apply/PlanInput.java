package dev.driftless.core.apply;

import dev.driftless.policy.Policy;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Baseline;
import dev.driftless.snapshot.Snapshot;
import java.util.Objects;
import java.util.Optional;

/**
 * What one plan is made from: both sides as they were read, the policy, and for a two-way sync the
 * baseline as it was read (before either side). A {@link Sync}'s focus may narrow it before planning
 * (a task that syncs one file keeps that file and selects what it holds).
 */
public record PlanInput(Snapshot git, Snapshot kestra, Policy policy, Optional<Baseline> baseline) {

  public PlanInput {
    Objects.requireNonNull(git, "git");
    Objects.requireNonNull(kestra, "kestra");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(baseline, "baseline");
    if (git.side() != Side.GIT || kestra.side() != Side.KESTRA) {
      throw new IllegalArgumentException("a plan input takes the Git snapshot first, then the Kestra snapshot");
    }
  }

  /** A one-way input: no baseline. */
  public PlanInput(Snapshot git, Snapshot kestra, Policy policy) {
    this(git, kestra, policy, Optional.empty());
  }

  public PlanInput withGit(Snapshot value) {
    return new PlanInput(value, kestra, policy, baseline);
  }

  public PlanInput withPolicy(Policy value) {
    return new PlanInput(git, kestra, value, baseline);
  }

  /** The snapshot of one side. */
  public Snapshot of(Side side) {
    return side == Side.GIT ? git : kestra;
  }
}
