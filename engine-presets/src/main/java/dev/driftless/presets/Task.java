package dev.driftless.presets;

import java.util.List;

/**
 * A Kestra Git plugin task as a typed, immutable request. Building one validates it: an invalid
 * request throws {@link InvalidTaskException} listing every problem.
 */
public interface Task {

  TaskType type();

  /** Every problem of this request; empty when it can run. */
  List<Problem> problems();
}
