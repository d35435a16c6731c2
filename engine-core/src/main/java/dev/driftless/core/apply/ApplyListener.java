package dev.driftless.core.apply;

import dev.driftless.apply.ChangeResult;

/**
 * Hears about each change of a plan as its first outcome is known (a transactional side may still
 * turn an applied change stale at its commit; the final word is the {@code ApplyResult}). Called on
 * the applying thread; keep it quick.
 */
@FunctionalInterface
public interface ApplyListener {

  ApplyListener NONE = (result, done, total) -> { };

  /**
   * @param result the change's outcome
   * @param done how many changes have an outcome now
   * @param total how many changes the plan writes
   */
  void changed(ChangeResult result, int done, int total);
}
