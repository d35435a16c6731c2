package dev.driftless.policy;

import java.util.OptionalDouble;

/**
 * Stops a plan that deletes too much, unless the caller approves that exact plan by its id.
 *
 * <p>A wrong directory, a typo'd branch or an empty export looks exactly like "delete everything";
 * guards turn that into a question instead of an outage.
 *
 * @param refuseDeletingEverything refuse a plan that deletes every resource in scope on a side
 * @param maxDeleteShare refuse a plan that deletes more than this share (0 to 1) of the resources
 *     in scope on a side; empty for no limit
 */
public record Guards(boolean refuseDeletingEverything, OptionalDouble maxDeleteShare) {

  public Guards {
    if (maxDeleteShare.isPresent()) {
      double share = maxDeleteShare.getAsDouble();
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException("maxDeleteShare is a share between 0 and 1, got " + share);
      }
    }
  }

  /** Refuse deleting everything in scope; no share limit. */
  public static Guards defaults() {
    return new Guards(true, OptionalDouble.empty());
  }

  /** No guard at all. */
  public static Guards none() {
    return new Guards(false, OptionalDouble.empty());
  }

  public Guards withMaxDeleteShare(double share) {
    return new Guards(refuseDeletingEverything, OptionalDouble.of(share));
  }
}
