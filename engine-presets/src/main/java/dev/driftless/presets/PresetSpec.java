package dev.driftless.presets;

import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.policy.Policy;
import dev.driftless.snapshot.Scope;
import dev.driftless.style.ValueStyle;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** What runs a task: the policy, both sides, and how to report. */
@Value.Immutable
@ValueStyle
public abstract class PresetSpec {

  /** Only the generated implementation extends it. */
  PresetSpec() {}

  /** The task. */
  public abstract TaskType type();

  /** The engine policy the task's properties map to. */
  public abstract Policy policy();

  /** The Git side. */
  public abstract GitTarget git();

  /** What is read from Kestra. */
  public abstract Scope kestraScope();

  /** How to reach Kestra. */
  public abstract KestraConnection kestra();

  /** Plan only. */
  @Value.Default
  public boolean dryRun() {
    return false;
  }

  /** The shape of the output rows. */
  public abstract RowStyle rows();

  /** The commit settings, for tasks that write to Git. */
  public abstract Optional<CommitSettings> commit();

  /** SyncFlow: the one file synced. */
  public abstract Optional<String> singleFlowPath();

  /** PushExecutionFiles: which outputs. */
  public abstract Optional<ExecutionFilesSpec> executionFiles();

  /**
   * What the run says about the task before anything is read, added to the plan's diagnostics: a
   * property accepted from the plugin that Driftless does not act on, for instance.
   */
  public abstract List<Diagnostic> notes();

  /** Fail when the selection matches nothing ({@code errorOnMissing}). */
  @Value.Default
  public boolean failWhenNothingSelected() {
    return false;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static class Builder extends ImmutablePresetSpec.Builder {
    Builder() {}
  }
}
