package dev.driftless.policy;

/**
 * What a two-way sync ({@link Policy#twoWay()}) does with a resource changed on both sides since the
 * baseline in a way that cannot be merged (the same lines, a delete against an edit, or no baseline
 * yet).
 */
public enum OnConflict {
  /** Write nothing of it: the change is blocked and shows both sides' changes since the baseline. */
  FAIL,
  /** Git's copy wins: Kestra is overwritten (or its copy deleted, when Git deleted it). */
  GIT,
  /** Kestra's copy wins: Git is overwritten (or its copy deleted, when Kestra deleted it). */
  KESTRA
}
