package dev.driftless.presets;

/** The shape of the diff rows a task outputs, as the plugin's task of that name outputs them. */
public enum RowStyle {
  /** SyncFlows: {@code gitPath, syncState, flowId, namespace, revision}. */
  SYNC_FLOWS,
  /** SyncNamespaceFiles: {@code gitPath, syncState, kestraPath}. */
  SYNC_FILES,
  /** SyncDashboards: {@code gitPath, syncState, dashboardId}. */
  SYNC_DASHBOARDS,
  /** Push tasks: {@code file, additions, deletions, changes}. */
  PUSH,
  /** NamespaceSync: {@code file, key, kind, action}, keys {@code namespace:id}. */
  NAMESPACE_SYNC,
  /** TenantSync: {@code file, key, kind, action}, keys the bare id or path. */
  TENANT_SYNC
}
