package dev.driftless.plan;

import java.util.List;

/** How many changes of each action a plan has. */
public record Summary(int create, int update, int delete, int keep, int protect, int blocked, int noOp) {

  public static Summary of(List<Change> changes) {
    int[] counts = new int[Action.values().length];
    for (Change change : changes) {
      counts[change.action().ordinal()]++;
    }
    return new Summary(counts[Action.CREATE.ordinal()], counts[Action.UPDATE.ordinal()],
        counts[Action.DELETE.ordinal()], counts[Action.KEEP.ordinal()], counts[Action.PROTECTED.ordinal()],
        counts[Action.BLOCKED.ordinal()], counts[Action.NO_OP.ordinal()]);
  }

  public int writes() {
    return create + update + delete;
  }

  /** {@code Plan: 1 to create, 2 to update, 0 to delete, 0 kept, 0 protected, 0 blocked.} */
  public String line() {
    return "Plan: " + create + " to create, " + update + " to update, " + delete + " to delete, "
        + keep + " kept, " + protect + " protected, " + blocked + " blocked.";
  }

  @Override
  public String toString() {
    return line();
  }
}
