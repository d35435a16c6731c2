package dev.driftless.core.preset;

/** A task that plans and applies through the engine: every task but Clone. */
public interface SyncTask extends Task, GitRemote, KestraServer {

  /** The scopes, layout and policy that run this task. */
  PresetSpec spec();

  /** Plan only: nothing is written anywhere. */
  boolean dryRun();
}
