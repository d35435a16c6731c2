package dev.driftless.presets;

import java.util.List;

/**
 * A Kestra Git plugin task as a typed, immutable request. Building one validates it: an invalid
 * request throws {@link InvalidTaskException} listing every problem. A task either syncs through the
 * engine ({@link SyncTask}) or is a {@link Clone}.
 */
public sealed interface Task permits SyncTask, Clone {

  TaskType type();

  /** Every problem of this request; empty when it can run. */
  List<Problem> problems();
}
