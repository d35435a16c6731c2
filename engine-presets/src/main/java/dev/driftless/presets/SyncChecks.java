package dev.driftless.presets;

import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import java.util.Map;
import java.util.Set;

/** What NamespaceSync and TenantSync share. */
final class SyncChecks {

  private SyncChecks() {}

  static void common(Checks checks, Set<String> protectedNamespaces, Set<ResourceKind> kinds,
      Map<ResourceKind, Side> byKind, boolean dashboardsAllowed) {
    for (String ns : protectedNamespaces) {
      if (!ns.equals(ResourceKey.GLOBAL)) {
        ResourceKey.namespaceProblem(ns).ifPresent(p -> checks.add("protectedNamespaces", p));
      }
    }
    if (kinds.isEmpty()) {
      checks.add("kinds", "selects nothing");
    }
    for (ResourceKind kind : kinds) {
      if (kind == ResourceKind.EXECUTION_FILE || (kind == ResourceKind.DASHBOARD && !dashboardsAllowed)) {
        checks.add("kinds", kind.label() + "s are not synced by this task");
      }
    }
    byKind.keySet().stream().filter(k -> !kinds.contains(k))
        .forEach(k -> checks.add("sourceOfTruthByKind", k.label() + " is not among the kinds synced"));
  }
}
