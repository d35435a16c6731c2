package dev.driftless.git.clone;

/** What a clone does when its target directory already holds something. */
public enum IfNotEmpty {
  /** Refuse, leaving the directory as it is: the default. */
  REFUSE,
  /** Delete what the directory holds, then clone into it. */
  REPLACE
}
