package dev.driftless.presets;

import dev.driftless.policy.WhenMissing;
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

  /**
   * The rules of {@code sourceOfTruth: BOTH}, in the task's words: {@code onConflict} only with it,
   * and no deletion policy but the baseline's.
   */
  static void twoWay(Checks checks, TwoWaySync task) {
    if (!task.twoWay()) {
      task.onConflict().ifPresent(c -> checks.add("onConflict", "only applies with sourceOfTruth: BOTH (a two-way "
          + "sync); with one source of truth (" + task.sourceOfTruth() + ") nothing conflicts: remove onConflict, or "
          + "set sourceOfTruth: BOTH"));
      return;
    }
    if (task.whenMissingInSource() != WhenMissing.DELETE) {
      checks.add("whenMissingInSource", "cannot be " + task.whenMissingInSource() + " with sourceOfTruth: BOTH: a "
          + "two-way sync decides deletions from the baseline (a resource deleted on one side since the last sync is "
          + "deleted on the other, and one also edited on the other side is a conflict, never deleted); remove "
          + "whenMissingInSource, or choose GIT or KESTRA as the source of truth");
    }
  }
}
