package dev.driftless.cli;

import dev.driftless.git.clone.CloneResult;
import dev.driftless.presets.Clone;
import dev.driftless.presets.FlowTask;
import dev.driftless.presets.SyncTask;
import dev.driftless.presets.Task;
import dev.driftless.presets.run.PresetResult;
import dev.driftless.presets.run.PresetRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A flow's tasks run as Kestra runs them, the one loop of {@code driftless run} and
 * {@code driftless watch}: in the file's order, a skipped task ({@code disabled: true}, a
 * {@code runIf} that is false, as {@link dev.driftless.presets.TaskFile} decided) does not run;
 * every other task runs through the {@link PresetRunner} (a {@link Clone} into the working
 * directory); a task that fails (its plan not applyable, its apply incomplete, or an error) stops
 * the flow, unless it sets {@code allowFailure: true}.
 *
 * <p>The loop decides; its {@link Report} only hears each step, in order, to print it or keep it.
 * An error of a task is its outcome, never thrown; an error of the report is not caught.
 */
final class TaskLoop {

  /** What one task that ran did: its outputs, or the error that ended it. */
  record Outcome(FlowTask task, Optional<PresetResult> result, Optional<CloneResult> cloned,
      Optional<RuntimeException> error) {

    Outcome {
      Objects.requireNonNull(task, "task");
      Objects.requireNonNull(result, "result");
      Objects.requireNonNull(cloned, "cloned");
      Objects.requireNonNull(error, "error");
    }

    /** Whether the task did what it set out to do. */
    boolean isSuccess() {
      return error.isEmpty() && result.map(PresetResult::isSuccess).orElse(true);
    }
  }

  /**
   * What one run of the flow did.
   *
   * @param ran the tasks that ran, in order
   * @param stoppedAt the failed task that stopped the flow (one without {@code allowFailure: true})
   * @param notRun the tasks that did not run because the flow stopped, skipped ones left out
   */
  record Result(List<Outcome> ran, Optional<FlowTask> stoppedAt, List<FlowTask> notRun) {

    Result {
      ran = List.copyOf(ran);
      Objects.requireNonNull(stoppedAt, "stoppedAt");
      notRun = List.copyOf(notRun);
    }

    /** Whether the flow ran to its end: every task succeeded, or failed where it allowed failure. */
    boolean isSuccess() {
      return stoppedAt.isEmpty();
    }

    /** Whether a task failed and the flow went on, as it allowed (Kestra's WARNING). */
    boolean hasAllowedFailure() {
      return ran.stream().anyMatch(o -> !o.isSuccess() && o.task().allowFailure());
    }
  }

  /** Hears each step of the loop. */
  interface Report {

    /** A task that does not run ({@link FlowTask#skipped()} says why). */
    default void skipped(FlowTask task) {}

    /** A task is about to run. */
    default void starting(FlowTask task) {}

    /** A task ran. */
    void finished(Outcome outcome);

    /** A task failed, and the flow goes on as it allows. */
    default void failureAllowed(FlowTask task) {}

    /** A task failed and the flow stops: these tasks after it do not run (maybe none). */
    default void stopped(FlowTask failed, List<FlowTask> notRun) {}
  }

  private final PresetRunner runner;
  private final Path workingDirectory;

  private TaskLoop(PresetRunner runner, Path workingDirectory) {
    this.runner = runner;
    this.workingDirectory = workingDirectory;
  }

  /**
   * @param runner runs each task, with the command's settings (dry run, options, the running flow)
   * @param workingDirectory where a Clone without {@code directory} clones
   */
  static TaskLoop of(PresetRunner runner, Path workingDirectory) {
    return new TaskLoop(Objects.requireNonNull(runner, "runner"), workingDirectory.toAbsolutePath());
  }

  Result run(List<FlowTask> tasks, Report report) {
    List<Outcome> ran = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      FlowTask task = tasks.get(i);
      if (task.task().isEmpty()) {
        report.skipped(task);
        continue;
      }
      report.starting(task);
      Outcome outcome = runOne(task);
      ran.add(outcome);
      report.finished(outcome);
      if (outcome.isSuccess()) {
        continue;
      }
      if (task.allowFailure()) {
        report.failureAllowed(task);
        continue;
      }
      List<FlowTask> notRun = tasks.subList(i + 1, tasks.size()).stream().filter(t -> t.task().isPresent()).toList();
      report.stopped(task, notRun);
      return new Result(ran, Optional.of(task), notRun);
    }
    return new Result(ran, Optional.empty(), List.of());
  }

  private Outcome runOne(FlowTask entry) {
    Task task = entry.task().orElseThrow();
    try {
      if (task instanceof Clone clone) {
        return new Outcome(entry, Optional.empty(), Optional.of(runner.clone(clone, workingDirectory)), Optional.empty());
      }
      return new Outcome(entry, Optional.of(runner.run((SyncTask) task)), Optional.empty(), Optional.empty());
    } catch (RuntimeException e) {
      return new Outcome(entry, Optional.empty(), Optional.empty(), Optional.of(e));
    }
  }
}
