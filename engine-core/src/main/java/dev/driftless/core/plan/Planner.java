package dev.driftless.core.plan;

import dev.driftless.core.internal.plan.PlanningRun;
import dev.driftless.plan.Plan;
import dev.driftless.plan.PlanOptions;
import dev.driftless.policy.Policy;
import dev.driftless.snapshot.Snapshot;

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
 * child-namespace rule) the plan has exactly one change: created, updated (content or formatting
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
}
