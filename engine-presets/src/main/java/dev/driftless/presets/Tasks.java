package dev.driftless.presets;

import java.util.List;

/** Validation shared by every request. */
final class Tasks {

  private Tasks() {}

  static void check(Task task) {
    List<Problem> problems = task.problems();
    if (!problems.isEmpty()) {
      throw new InvalidTaskException(task.type().simpleName(), problems);
    }
  }
}
