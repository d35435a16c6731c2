package dev.driftless.core.apply;

import dev.driftless.apply.ApplyResult;
import dev.driftless.apply.ChangeResult;
import dev.driftless.plan.Plan;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Snapshot;

/**
 * Hears a {@link Sync}'s steps: each side's read, each plan, each apply and each change's outcome.
 * Called on the syncing thread; every method does nothing unless overridden.
 */
public interface SyncListener extends ApplyListener {

  SyncListener NONE = new SyncListener() { };

  /** A side is about to be read. */
  default void reading(Side side) {}

  /** A side was read. */
  default void read(Snapshot snapshot) {}

  /** A plan was made (whether or not it will be applied). */
  default void planned(Plan plan) {}

  /** A plan is about to be applied. */
  default void applying(Plan plan) {}

  /** A plan was applied; a stale result is followed by a fresh read when attempts remain. */
  default void applied(Plan plan, ApplyResult result) {}

  @Override
  default void changed(ChangeResult result, int done, int total) {}
}
