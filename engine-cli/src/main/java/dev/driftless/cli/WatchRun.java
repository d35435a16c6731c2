package dev.driftless.cli;

import dev.driftless.apply.ApplyResult;
import dev.driftless.plan.Plan;
import dev.driftless.plan.Summary;
import dev.driftless.presets.FlowTask;
import dev.driftless.presets.SyncTask;
import dev.driftless.presets.run.PresetResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One run of a watched flow: why it ran, and what each of its tasks did. A task that fails ends
 * the run, as in Kestra, unless it sets {@code allowFailure: true}; the tasks after it wait for the
 * next run.
 *
 * @param trigger why it ran ({@code schedule every_5_minutes}, {@code webhook github})
 * @param started when it started
 * @param finished when it ended
 * @param tasks what each task did, in order (a skipped one says so)
 * @param notRun how many tasks did not run because one before them failed
 */
record WatchRun(String trigger, Instant started, Instant finished, List<TaskRun> tasks, int notRun) {

  WatchRun {
    tasks = List.copyOf(tasks);
  }

  /**
   * What one task did.
   *
   * @param name the task's type, short ({@code SyncFlows})
   * @param result its outputs, unless it failed before it had any (or was skipped)
   * @param outcome for people: {@code applied 2 changes}, {@code in sync}, {@code failed: ...}
   * @param success whether it did what it set out to do
   * @param allowFailure whether the flow goes on when it fails
   */
  record TaskRun(String name, Optional<PresetResult> result, String outcome, boolean success, boolean allowFailure) {

    static TaskRun of(TaskLoop.Outcome ran, boolean forceDryRun) {
      FlowTask task = ran.task();
      String name = shortName(task);
      boolean allowed = task.allowFailure();
      if (ran.error().isPresent()) {
        return new TaskRun(name, Optional.empty(), "failed: " + String.join("; ", ErrorLines.of(ran.error().get())),
            false, allowed);
      }
      if (ran.cloned().isPresent()) {
        return new TaskRun(name, Optional.empty(), "cloned at " + ran.cloned().get().commitId(), true, allowed);
      }
      PresetResult result = ran.result().orElseThrow();
      Plan plan = result.plan();
      if (!plan.isApplyable()) {
        String why = plan.errors().stream().findFirst().map(d -> ErrorLines.oneLine(d.render())).orElse("the plan has errors");
        return new TaskRun(name, Optional.of(result), "not applied: " + why, false, allowed);
      }
      if (forceDryRun || task.task().map(t -> ((SyncTask) t).dryRun()).orElse(false)) {
        return new TaskRun(name, Optional.of(result), "dry run, nothing written", true, allowed);
      }
      Optional<ApplyResult> applied = result.result();
      if (applied.isEmpty()) {
        return new TaskRun(name, Optional.of(result), "in sync", true, allowed);
      }
      if (!applied.get().isComplete()) {
        return new TaskRun(name, Optional.of(result), "incomplete: " + applied.get().line(), false, allowed);
      }
      int n = applied.get().results().size();
      return new TaskRun(name, Optional.of(result), "applied " + n + (n == 1 ? " change" : " changes"), true, allowed);
    }

    static TaskRun skipped(FlowTask task) {
      return new TaskRun(shortName(task), Optional.empty(), "skipped, " + task.skipped().orElseThrow(), true,
          task.allowFailure());
    }

    /** {@code SyncFlows} for {@code io.kestra.plugin.git.SyncFlows}. */
    private static String shortName(FlowTask task) {
      return task.task().map(t -> t.type().simpleName()).orElse(task.type().substring(task.type().lastIndexOf('.') + 1));
    }

    String describe() {
      return name + ": " + result.map(r -> counts(r.plan().summary()) + ", ").orElse("") + outcome
          + (!success && allowFailure ? " (allowFailure: true, the flow went on)" : "");
    }

    private static String counts(Summary s) {
      return s.create() + " to create, " + s.update() + " to update, " + s.delete() + " to delete, " + s.keep()
          + " kept, " + s.protect() + " protected, " + s.blocked() + " blocked";
    }
  }

  /** Whether the flow ran to its end: no task failed, or only ones that allow failure. */
  boolean isSuccess() {
    return notRun == 0 && tasks.stream().allMatch(t -> t.success() || t.allowFailure());
  }

  /** {@code success}; {@code warning} when a task failed and the flow went on, as Kestra says; else {@code failed}. */
  String outcome() {
    if (!isSuccess()) {
      return "failed";
    }
    return tasks.stream().allMatch(TaskRun::success) ? "success" : "warning";
  }

  /** What the tasks did, on one line. */
  String summary() {
    String done = tasks.stream().map(TaskRun::describe).collect(Collectors.joining("; "));
    return notRun == 0 ? done : done + "; " + notRun + (notRun == 1 ? " task" : " tasks") + " not run";
  }

  /** Every task's output rows, in the plugin's shapes, in task order. */
  List<Map<String, Object>> rows() {
    List<Map<String, Object>> rows = new ArrayList<>();
    tasks.forEach(t -> t.result().ifPresent(r -> rows.addAll(r.rows())));
    return rows;
  }

  /** The run as one flat record, for {@code GET /last} and {@code GET /health}. */
  Map<String, Object> record(long number) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("run", number);
    out.put("trigger", trigger);
    out.put("started", started.toString());
    out.put("finished", finished.toString());
    out.put("outcome", outcome());
    out.put("summary", summary());
    out.put("rows", rows().size());
    return out;
  }
}
