package dev.driftless.port;

import dev.driftless.snapshot.Baseline;

/**
 * Where a two-way sync keeps its baseline: what both sides held after its last successful apply.
 * The store is read before either side, so a plan never measures a side against a baseline newer
 * than what it read of that side; it is written by the writer that keeps it (see
 * {@link ChangeWriter#keepsBaseline()}), in the same compare-and-swap as that side's commit.
 */
public interface BaselineStore {

  /**
   * The baseline as last recorded; {@link Baseline#none()} when this sync has never applied.
   *
   * @throws SideUnavailableException when the store cannot be reached, or holds a baseline it cannot
   *     read (never taken for no baseline: that would turn every difference into a conflict)
   * @throws AccessDeniedException when the store refuses the credentials
   */
  Baseline read();
}
