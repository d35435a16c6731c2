package dev.driftless.cli;

import dev.driftless.apply.ApplyResult;
import dev.driftless.plan.Plan;
import dev.driftless.plan.Summary;
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
 * the run, as in Kestra; the tasks after it wait for the next run.
 *
 * @param trigger why it ran ({@code schedule every_5_minutes}, {@code webhook github})
 * @param started when it started
 * @param finished when it ended
 * @param tasks what each task that ran did, in order
 * @param skipped how many tasks did not run because one before them failed
 */
record WatchRun(String trigger, Instant started, Instant finished, List<TaskRun> tasks, int skipped) {

  WatchRun {
    tasks = List.copyOf(tasks);
  }

  /**
   * What one task did.
   *
   * @param name the task's type, short ({@code SyncFlows})
   * @param result its outputs, unless it failed before it had any
   * @param outcome for people: {@code applied 2 changes}, {@code in sync}, {@code failed: ...}
   * @param success whether it did what it set out to do
   */
  record TaskRun(String name, Optional<PresetResult> result, String outcome, boolean success) {

    static TaskRun of(SyncTask task, PresetResult result, boolean dryRun) {
      String name = task.type().simpleName();
      Plan plan = result.plan();
      if (!plan.isApplyable()) {
        String why = plan.errors().stream().findFirst().map(d -> ErrorLines.oneLine(d.render())).orElse("the plan has errors");
        return new TaskRun(name, Optional.of(result), "not applied: " + why, false);
      }
      if (dryRun) {
        return new TaskRun(name, Optional.of(result), "dry run, nothing written", true);
      }
      Optional<ApplyResult> applied = result.result();
      if (applied.isEmpty()) {
        return new TaskRun(name, Optional.of(result), "in sync", true);
      }
      if (!applied.get().isComplete()) {
        return new TaskRun(name, Optional.of(result), "incomplete: " + applied.get().line(), false);
      }
      int n = applied.get().results().size();
      return new TaskRun(name, Optional.of(result), "applied " + n + (n == 1 ? " change" : " changes"), true);
    }

    static TaskRun failed(SyncTask task, Throwable e) {
      return new TaskRun(task.type().simpleName(), Optional.empty(), "failed: " + String.join("; ", ErrorLines.of(e)),
          false);
    }

    String describe() {
      return name + ": " + result.map(r -> counts(r.plan().summary()) + ", ").orElse("") + outcome;
    }

    private static String counts(Summary s) {
      return s.create() + " to create, " + s.update() + " to update, " + s.delete() + " to delete, " + s.keep()
          + " kept, " + s.protect() + " protected, " + s.blocked() + " blocked";
    }
  }

  boolean isSuccess() {
    return skipped == 0 && tasks.stream().allMatch(TaskRun::success);
  }

  String outcome() {
    return isSuccess() ? "success" : "failed";
  }

  /** What the tasks did, on one line. */
  String summary() {
    String done = tasks.stream().map(TaskRun::describe).collect(Collectors.joining("; "));
    return skipped == 0 ? done : done + "; " + skipped + (skipped == 1 ? " task" : " tasks") + " not run";
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
