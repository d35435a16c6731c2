package dev.driftless.presets;

import dev.driftless.snapshot.Scope;
import java.util.Objects;

/**
 * The Git side of a preset.
 *
 * @param remote how to reach it
 * @param branch the branch read and written
 * @param layout how resources are laid out in it
 * @param scope what is read
 * @param missingReadsAsEmpty whether a branch or directory that does not exist reads as empty:
 *     true only where Git is written and never read as a source (a push creates the branch); a
 *     missing source is always an error
 */
public record GitTarget(GitRemote remote, String branch, GitLayoutSpec layout, Scope scope, boolean missingReadsAsEmpty) {
  public GitTarget {
    Objects.requireNonNull(remote, "remote");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(scope, "scope");
  }
}
