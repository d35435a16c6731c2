package dev.driftless.presets;

import dev.driftless.plan.Change;
import java.util.Optional;

/** What rows need to know beyond the plan: where a change lives in Git, and its Kestra revision. */
public interface RowContext {

  /** The path in the Git tree of the change's resource (existing or to be written). */
  Optional<String> gitPath(Change change);

  /** The Kestra revision of the change's resource after the run, when Kestra reports one. */
  Optional<String> revision(Change change);
}
