package dev.driftless.core.apply;

import dev.driftless.apply.ApplyResult;
import dev.driftless.apply.ChangeResult;
import dev.driftless.plan.Plan;
import dev.driftless.resource.ResourceKey;
import dev.driftless.snapshot.Baseline;
import java.util.HashSet;
import java.util.Set;

/**
 * The baseline a two-way sync records after an apply: what to write beside the sync's commit (an
 * adapter stores it, for example under a Git ref of its own, with compare-and-swap).
 */
public final class Baselines {

  private Baselines() {}

  /**
   * The baseline after applying {@code plan} (made from {@code planned}) with this result: each
   * resource whose writes all succeeded settles to what the plan agreed; one with a write that failed,
   * went stale or was skipped keeps its old entry, so the next plan sees its edits again. See
   * {@link Plan#nextBaseline(Baseline, Set)}.
   *
   * @throws IllegalArgumentException when the result is not of this plan, or {@code planned} is not
   *     the baseline the plan was made from
   */
  public static Baseline after(Plan plan, Baseline planned, ApplyResult result) {
    if (!result.planId().equals(plan.id())) {
      throw new IllegalArgumentException("the result is of plan " + result.planId() + ", not of plan " + plan.id());
    }
    Set<ResourceKey> unsettled = new HashSet<>();
    for (ChangeResult r : result.results()) {
      if (!r.outcome().isSuccess()) {
        unsettled.add(r.change().key());
      }
    }
    return plan.nextBaseline(planned, unsettled);
  }
}
