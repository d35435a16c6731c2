package dev.driftless.presets;

import dev.driftless.resource.ResourceKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A task file as read by {@link TaskFile#read}: the flow that wraps its tasks, when it is a flow
 * with an {@code id} and a {@code namespace}, and its tasks in order, each to run or skipped.
 *
 * @param flow the wrapping flow; a run protects it from deletion, as the plugin protects the
 *     flow it runs in
 * @param tasks every task, in the file's order
 */
public record FlowFile(Optional<ResourceKey> flow, List<FlowTask> tasks) {

  public FlowFile {
    Objects.requireNonNull(flow, "flow");
    tasks = List.copyOf(tasks);
  }

  /** The tasks that run, in order. */
  public List<Task> tasksToRun() {
    return tasks.stream().flatMap(t -> t.task().stream()).toList();
  }
}
