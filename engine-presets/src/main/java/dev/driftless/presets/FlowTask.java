package dev.driftless.presets;

import java.util.Objects;
import java.util.Optional;

/**
 * One task of a task file as Kestra would treat it: the task to run, or why it is skipped
 * ({@code disabled: true}, a {@code runIf} that is false), and whether the flow goes on when it
 * fails ({@code allowFailure: true}).
 *
 * @param id the task's {@code id}; empty when the file does not give one
 * @param type the task's {@code type} as written
 * @param task the task, when it runs
 * @param skipped why it does not run, when it does not
 * @param allowFailure whether a failure of this task lets the next tasks run
 */
public record FlowTask(String id, String type, Optional<Task> task, Optional<String> skipped, boolean allowFailure) {

  public FlowTask {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(skipped, "skipped");
    if (task.isPresent() == skipped.isPresent()) {
      throw new IllegalArgumentException("a task either runs or is skipped, with a reason");
    }
  }

  static FlowTask runs(String id, String type, Task task, boolean allowFailure) {
    return new FlowTask(id, type, Optional.of(task), Optional.empty(), allowFailure);
  }

  static FlowTask skipped(String id, String type, String reason) {
    return new FlowTask(id, type, Optional.empty(), Optional.of(reason), false);
  }

  /** {@code 'sync' (io.kestra.plugin.git.SyncFlows)}, or the type alone when there is no id. */
  public String describe() {
    return id.isEmpty() ? type : "'" + id + "' (" + type + ")";
  }
}
