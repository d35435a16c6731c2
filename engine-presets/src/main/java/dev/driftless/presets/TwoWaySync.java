package dev.driftless.presets;

import dev.driftless.policy.OnConflict;
import dev.driftless.policy.OnInvalidSyntax;
import dev.driftless.policy.Policy;
import dev.driftless.policy.Selector;
import dev.driftless.policy.WhenMissing;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * What NamespaceSync and TenantSync share: the namespace layout, an explicit branch, a source of
 * truth (per kind if wanted) and the deletion policy, with the plugin's defaults.
 *
 * <p>Beyond the plugin, {@code sourceOfTruth: BOTH} ({@link #twoWay()}): both sides are sources, and
 * each resource goes the way it changed since the last two-way run, against a baseline kept in the
 * Git repository beside the branch. Kinds named in {@code sourceOfTruthByKind} stay one-way.
 */
public sealed interface TwoWaySync extends SyncTask, CommitSettings permits NamespaceSync, TenantSync {

  /** Required, as in the plugin: a sync never guesses the branch. */
  Optional<String> branch();

  /** The directory holding the namespace folders; the repository root by default. */
  @Value.Default
  default String gitDirectory() {
    return LayoutType.NAMESPACE.defaultDirectory();
  }

  /** The side whose state is wanted; with {@link #twoWay()} only the side named first in messages. */
  @Value.Default
  default Side sourceOfTruth() {
    return Side.KESTRA;
  }

  /**
   * Driftless: {@code sourceOfTruth: BOTH}, a two-way sync: a resource changed on one side since
   * the baseline is written to the other, one changed on both is merged when the changes are in
   * different lines, and is otherwise a conflict ({@link #onConflict()}).
   */
  @Value.Default
  default boolean twoWay() {
    return false;
  }

  /**
   * Driftless: what a two-way sync does with a conflict; FAIL (write nothing of it, and fail the
   * run once the rest is applied) when not set. Only with {@link #twoWay()}.
   */
  Optional<OnConflict> onConflict();

  /** Driftless: per-kind overrides of {@code sourceOfTruth}. */
  Map<ResourceKind, Side> sourceOfTruthByKind();

  @Value.Default
  default WhenMissing whenMissingInSource() {
    return WhenMissing.DELETE;
  }

  @Value.Default
  default Set<String> protectedNamespaces() {
    return Set.of("system");
  }

  @Value.Default
  default OnInvalidSyntax onInvalidSyntax() {
    return OnInvalidSyntax.FAIL;
  }

  /** The kinds synced. */
  Set<ResourceKind> kinds();

  /** The engine policy these properties stand for. */
  default Policy policy(boolean includeChildNamespaces) {
    return Policy.builder()
        .sourceOfTruth(sourceOfTruth())
        .twoWay(twoWay())
        .onConflict(onConflict().orElse(OnConflict.FAIL))
        .putAllSourceOfTruthByKind(sourceOfTruthByKind())
        .whenMissingInSource(whenMissingInSource())
        .protectedNamespaces(protectedNamespaces())
        .onInvalidSyntax(onInvalidSyntax())
        .includeChildNamespaces(includeChildNamespaces)
        .selector(Selector.kinds(kinds()))
        .build();
  }
}
