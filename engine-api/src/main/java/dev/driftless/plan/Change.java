package dev.driftless.plan;

import dev.driftless.resource.Fingerprint;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.Side;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One decision of a plan.
 *
 * @param key the resource on the target side (the side this change writes or would write)
 * @param sourceKey the same resource on the source-of-truth side; differs from {@code key} only by
 *     a namespace mapping
 * @param side the target side
 * @param action what is done
 * @param reason why
 * @param before the target's content fingerprint when planned; empty when absent or unreadable.
 *     The applier writes only while the target still has exactly this (compare-and-swap).
 * @param after the target's fingerprint once applied; empty after a deletion. Equal to
 *     {@code before} for changes that write nothing.
 * @param dependsOn changes in the same plan that must succeed first (a subflow before its caller)
 * @param diff the diff of the text, with secret-looking values masked, and its line counts; empty
 *     for changes that write nothing, except a two-way conflict's: a conflict blocks both sides'
 *     writes, and each shows what the other side changed since the baseline (the edit it would
 *     have received), so that the plan shows both diffs against the base
 */
public record Change(
    ResourceKey key,
    ResourceKey sourceKey,
    Side side,
    Action action,
    Reason reason,
    Optional<Fingerprint> before,
    Optional<Fingerprint> after,
    List<ResourceKey> dependsOn,
    Optional<Diff> diff) {

  public Change {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(sourceKey, "sourceKey");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(diff, "diff");
    dependsOn = List.copyOf(dependsOn);
    if (key.kind() != sourceKey.kind() || !key.name().equals(sourceKey.name())) {
      throw new IllegalArgumentException("a change maps " + sourceKey + " to " + key + ": only namespaces may differ");
    }
    switch (action) {
      case CREATE -> require(before.isEmpty() && after.isPresent(), "a create has no before and an after");
      case UPDATE -> require(before.isPresent() && after.isPresent() && !before.equals(after),
          "an update has a before and a different after");
      case DELETE -> require(before.isPresent() && after.isEmpty(), "a delete has a before and no after");
      case NO_OP, KEEP, PROTECTED, BLOCKED -> require(before.equals(after), "a " + action.label() + " leaves the target as it is");
    }
  }

  private static void require(boolean condition, String rule) {
    if (!condition) {
      throw new IllegalArgumentException("inconsistent change: " + rule);
    }
  }

  /** The side holding the source of truth for this change. */
  public Side sourceSide() {
    return side.other();
  }

  /** {@code reason} as a phrase naming the sides. */
  public String describeReason() {
    return reason.describe(sourceSide(), side);
  }

  public Change withAction(Action newAction, Reason newReason) {
    Optional<Fingerprint> newAfter = newAction.isWrite() ? after : before;
    return new Change(key, sourceKey, side, newAction, newReason, before, newAfter, dependsOn,
        newAction.isWrite() ? diff : Optional.empty());
  }

  public Change withDependsOn(List<ResourceKey> keys) {
    return new Change(key, sourceKey, side, action, reason, before, after, keys, diff);
  }

  public Change withDiff(Optional<Diff> newDiff) {
    return new Change(key, sourceKey, side, action, reason, before, after, dependsOn, newDiff);
  }
}
