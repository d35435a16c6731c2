package dev.driftless.presets;

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
 */
public sealed interface TwoWaySync extends SyncTask, CommitSettings permits NamespaceSync, TenantSync {

  /** Required, as in the plugin: a sync never guesses the branch. */
  Optional<String> branch();

  /** The directory holding the namespace folders; the repository root by default. */
  @Value.Default
  default String gitDirectory() {
    return LayoutType.NAMESPACE.defaultDirectory();
  }

  @Value.Default
  default Side sourceOfTruth() {
    return Side.KESTRA;
  }

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
        .putAllSourceOfTruthByKind(sourceOfTruthByKind())
        .whenMissingInSource(whenMissingInSource())
        .protectedNamespaces(protectedNamespaces())
        .onInvalidSyntax(onInvalidSyntax())
        .includeChildNamespaces(includeChildNamespaces)
        .selector(Selector.kinds(kinds()))
        .build();
  }
}
