package dev.driftless.apply;

/** How one change of a plan ended. */
public enum Outcome {
  /** Written (and, where the side commits, committed) and read back as planned. */
  APPLIED,
  /** The write was attempted and did not succeed; the cause says why. */
  FAILED,
  /** The target changed since planning (or the branch moved), so nothing was written: plan again. */
  STALE,
  /** Not attempted: a change it depends on, or a create or update before it, did not succeed. */
  SKIPPED;

  public boolean isSuccess() {
    return this == APPLIED;
  }

  /** Whether planning again and retrying can be expected to help. */
  public boolean isRetryable() {
    return this == STALE;
  }
}
