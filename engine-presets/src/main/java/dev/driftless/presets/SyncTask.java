package dev.driftless.presets;

import org.immutables.value.Value;

/** A task that plans and applies through the engine: every task but Clone. */
public sealed interface SyncTask extends Task, GitConnection, KestraConnection
    permits SyncFlows, SyncFlow, SyncNamespaceFiles, SyncDashboards, PushFlows, PushNamespaceFiles, PushDashboards,
    PushExecutionFiles, TwoWaySync {

  /** The scopes, layout and policy that run this task. */
  PresetSpec spec();

  /** Plan only: nothing is written anywhere. */
  @Value.Default
  default boolean dryRun() {
    return false;
  }

  /**
   * The output rows: the Git plugin's, field for field (the default), or Driftless's detailed rows
   * ({@code rows: DETAILED}).
   */
  @Value.Default
  default RowDetail rows() {
    return RowDetail.PLUGIN;
  }
}
