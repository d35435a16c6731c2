package dev.driftless.presets;

import dev.driftless.policy.Policy;
import dev.driftless.snapshot.Scope;
import java.util.Objects;
import java.util.Optional;

/**
 * What runs a task: the policy, both sides' scopes, the Git layout, and how to report.
 *
 * @param type the task
 * @param policy the engine policy the task's properties map to
 * @param git the Git side
 * @param kestraScope what is read from Kestra
 * @param kestra how to reach Kestra
 * @param dryRun plan only
 * @param rows the shape of the output rows
 * @param commit the commit settings, for tasks that write to Git
 * @param singleFlowPath SyncFlow: the one file synced
 * @param executionFiles PushExecutionFiles: which outputs
 * @param failWhenNothingSelected fail when the selection matches nothing ({@code errorOnMissing})
 */
public record PresetSpec(
    TaskType type,
    Policy policy,
    GitTarget git,
    Scope kestraScope,
    KestraServer kestra,
    boolean dryRun,
    RowStyle rows,
    Optional<CommitSettings> commit,
    Optional<String> singleFlowPath,
    Optional<ExecutionFilesSpec> executionFiles,
    boolean failWhenNothingSelected) {

  public PresetSpec {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(git, "git");
    Objects.requireNonNull(kestraScope, "kestraScope");
    Objects.requireNonNull(kestra, "kestra");
    Objects.requireNonNull(rows, "rows");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(singleFlowPath, "singleFlowPath");
    Objects.requireNonNull(executionFiles, "executionFiles");
  }
}
