package dev.driftless.presets;

import dev.driftless.policy.Guards;
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

  /**
   * Driftless: when a plan deletes too much to run without approval ({@code maxDeleteShare},
   * {@code deleteGuardMinPopulation}, {@code allowedDeletes} in a task file); octoDNS's 30 % of a
   * side holding at least 10 by default.
   */
  @Value.Default
  default Guards guards() {
    return Guards.defaults();
  }
}
