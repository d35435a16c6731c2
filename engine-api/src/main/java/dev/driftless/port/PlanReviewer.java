package dev.driftless.port;

import dev.driftless.plan.Plan;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Snapshot;

/**
 * Looks at what a plan would write to one side, before anything is written, and says which writes
 * that side would refuse or would store otherwise than sent, and what else it has to say about the
 * rest. The plan made with that {@link Review} ({@code Planner.plan(..., reviewer)}) blocks those
 * writes with the side's reasons, so that nothing is planned that could never converge and a
 * refusal shows in the plan rather than halfway through an apply.
 *
 * <p>Reviewing never writes. It may ask the side (Kestra validates flows without storing them).
 */
public interface PlanReviewer {

  /** The side whose writes this reviews. */
  Side side();

  /**
   * Reviews a plan's writes to {@link #side()}.
   *
   * @param plan the plan
   * @param current the snapshot of this side the plan was made from
   */
  Review review(Plan plan, Snapshot current);

  /** A reviewer that has nothing to say. */
  static PlanReviewer none(Side side) {
    return new PlanReviewer() {
      @Override
      public Side side() {
        return side;
      }

      @Override
      public Review review(Plan plan, Snapshot current) {
        return Review.none();
      }
    };
  }
}
