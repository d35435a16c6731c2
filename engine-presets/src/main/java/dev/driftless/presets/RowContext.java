package dev.driftless.presets;

import dev.driftless.plan.Change;
import dev.driftless.resource.Side;
import java.util.Optional;

/** What rows need to know beyond the plan: the run, where a change lives in Git, its Kestra revision. */
public interface RowContext {

  /** The path in the Git tree of the change's resource (existing or to be written). */
  Optional<String> gitPath(Change change);

  /** The Kestra revision of the change's resource after the run, when Kestra reports one. */
  Optional<String> revision(Change change);

  /** Whether the run only planned: the rows then say what would be written. */
  boolean dryRun();

  /**
   * The directory of the task's layout in the repository ({@code ""} for its root); NamespaceSync's
   * rows name files relative to it, as the plugin's do.
   */
  String gitDirectory();

  /**
   * The task's source of truth: a NamespaceSync or TenantSync from Kestra outputs the commit's line
   * counts instead (one with {@code sourceOfTruth: BOTH} does not: its rows name the side written).
   */
  Side sourceOfTruth();
}
