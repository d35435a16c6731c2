package dev.driftless.core.plan;

import dev.driftless.core.internal.plan.PlanningRun;
import dev.driftless.plan.Plan;
import dev.driftless.plan.PlanOptions;
import dev.driftless.policy.Policy;
import dev.driftless.port.PlanReviewer;
import dev.driftless.port.Review;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Baseline;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.snapshot.SnapshotEntry;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans: a pure function of one Git snapshot, one Kestra snapshot (in either argument order), a
 * policy and options. It reads nothing, writes nothing and gives the same plan, with the same id,
 * for the same inputs in any order.
 *
 * <pre>{@code
 * Plan plan = Planner.plan(gitSnapshot, kestraSnapshot, Policy.builder().sourceOfTruth(Side.GIT).build());
 * if (plan.isApplyable() && plan.hasWrites()) {
 *   Applier.to(kestraWriter).apply(plan).orThrow();
 * }
 * }</pre>
 *
 * <p>For every key inside both snapshots' scopes (after namespace mapping, selection and the
 * child-namespace rule) that neither snapshot leaves out of the sync ({@link Snapshot#exclusion()},
 * a Git {@code .kestraignore}: such keys have no change, only a count) the plan has exactly one change: created, updated (content or formatting
 * only), deleted, equal, kept, protected or blocked, each with its reason. Unreadable and invalid
 * entries are blocked and never lead to a deletion; {@code whenMissingInSource: FAIL} with anything
 * missing makes the plan unapplyable; a guard holds back mass deletions until that exact plan id is
 * approved.
 */
public final class Planner {

  private Planner() {}

  public static Plan plan(Snapshot first, Snapshot second, Policy policy) {
    return plan(first, second, policy, PlanOptions.defaults());
  }

  public static Plan plan(Snapshot first, Snapshot second, Policy policy, PlanOptions options) {
    return PlanningRun.plan(first, second, policy, options);
  }

  /**
   * A two-way plan ({@link Policy#twoWay()}): each resource goes the way it changed since the
   * baseline, changes on both sides merge line by line or are conflicts, and the plan says what the
   * baseline becomes ({@link Plan#reconciliations()}, {@link Plan#nextBaseline}). Give the baseline
   * the last two-way apply recorded, or {@link Baseline#none()} for the first sync. Everything else
   * (protection, unreadable entries, guards, the id) is as for a one-way plan; the id also covers
   * the baseline's identity.
   *
   * @throws IllegalArgumentException when the policy is not two-way
   */
  public static Plan plan(Snapshot first, Snapshot second, Baseline baseline, Policy policy, PlanOptions options) {
    return PlanningRun.plan(first, second, baseline, policy, options, Review.none());
  }

  /** A two-way plan with the defaults of {@link PlanOptions}. */
  public static Plan plan(Snapshot first, Snapshot second, Baseline baseline, Policy policy) {
    return plan(first, second, baseline, policy, PlanOptions.defaults());
  }

  /**
   * A two-way plan with the review of the reviewer's side (see
   * {@link #plan(Snapshot, Snapshot, Policy, PlanOptions, PlanReviewer)}): the side sees the draft's
   * writes to it, and a write it refuses is blocked, which leaves that resource's baseline as it was.
   */
  public static Plan plan(Snapshot first, Snapshot second, Baseline baseline, Policy policy, PlanOptions options,
      PlanReviewer reviewer) {
    Snapshot reviewed = first.side() == reviewer.side() ? first : second;
    return PlanningRun.reviewed(first, second, baseline, policy, options, draft -> reviewer.review(draft, reviewed));
  }

  /**
   * The Kestra namespaces of a Git snapshot's entries under the policy's namespace mapping: what a
   * Kestra read should look into besides what Kestra lists
   * ({@link dev.driftless.port.SnapshotReader#read(dev.driftless.snapshot.Scope, Set)}).
   */
  public static Set<String> kestraNamespacesOf(Snapshot git, Policy policy) {
    boolean gitIsSource = policy.sourceOfTruth() == Side.GIT;
    Set<String> out = new TreeSet<>();
    for (SnapshotEntry entry : git.entries()) {
      if (!entry.namespace().isEmpty()) {
        out.add(policy.namespaceMapping().map(entry.namespace(), gitIsSource));
      }
    }
    return out;
  }

  /**
   * Plans with the review of the side the plan writes to: a draft of every write the policy calls
   * for (guards off, so that the side sees the deletions a guard would hold back), the side's review
   * of it, then the plan, in which each write the side refused is blocked with its words (reason
   * {@code TARGET_REFUSES}, a warning) and the rest goes ahead, guards on. The reviewer is the only
   * part that may reach a side (Kestra validates flows without storing them); nothing is written.
   */
  public static Plan plan(Snapshot first, Snapshot second, Policy policy, PlanOptions options,
      PlanReviewer reviewer) {
    Snapshot reviewed = first.side() == reviewer.side() ? first : second;
    return PlanningRun.reviewed(first, second, policy, options, draft -> reviewer.review(draft, reviewed));
  }
}
