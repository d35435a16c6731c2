package dev.driftless.plan;

import dev.driftless.resource.Fingerprint;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.Side;
import java.util.Objects;
import java.util.Optional;

/**
 * One resource of a two-way plan as the baseline sees it: what each side did since the baseline,
 * and what the baseline holds for it once the plan's writes of this key all succeed.
 *
 * <p>A resource the plan does not settle (a conflict, a blocked or protected write) has {@code next}
 * equal to {@code base}: the baseline keeps what both sides last agreed on, so the next plan sees the
 * same edits again. {@code next} is empty when the resource is settled as absent on both sides
 * (deleted on both, or one deletion carried to the other side).
 *
 * @param key the resource (the same on both sides: a two-way sync maps no namespaces)
 * @param git what Git did since the baseline
 * @param kestra what Kestra did since the baseline
 * @param base the baseline's fingerprint for it; empty when the baseline does not hold it
 * @param next the baseline's fingerprint for it after the plan's writes of this key succeed
 * @param settled whether the plan settles it: both sides hold {@code next} once its writes succeed
 */
public record Reconciliation(ResourceKey key, Edit git, Edit kestra, Optional<Fingerprint> base,
    Optional<Fingerprint> next, boolean settled) {

  public Reconciliation {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(git, "git");
    Objects.requireNonNull(kestra, "kestra");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(next, "next");
    if (!settled && !next.equals(base)) {
      throw new IllegalArgumentException("a resource the plan does not settle keeps its baseline");
    }
  }

  public Edit edit(Side side) {
    return side == Side.GIT ? git : kestra;
  }

  /** The same resource with the sides swapped. */
  public Reconciliation mirrored() {
    return new Reconciliation(key, kestra, git, base, next, settled);
  }

  /** {@code Git edited, Kestra unchanged}: what each side did, for people. */
  public String describe() {
    return "Git " + git.label() + ", Kestra " + kestra.label();
  }
}
