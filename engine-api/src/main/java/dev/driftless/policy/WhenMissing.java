package dev.driftless.policy;

/** What happens to a resource the target side holds but the source of truth does not. */
public enum WhenMissing {
  /** Delete it from the target. */
  DELETE,
  /** Keep it, and report it as kept (never as unchanged). */
  KEEP,
  /** Refuse the whole plan: nothing at all is written while anything is missing. */
  FAIL
}
