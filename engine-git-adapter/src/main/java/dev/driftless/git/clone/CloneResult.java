package dev.driftless.git.clone;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a clone checked out.
 *
 * @param directory the working tree
 * @param commitId the commit checked out
 * @param branch the branch checked out, when HEAD is on a branch (not for a tag or a commit)
 * @param shallow whether the history was cut at the requested depth
 */
public record CloneResult(Path directory, String commitId, Optional<String> branch, boolean shallow) {
  public CloneResult {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(commitId, "commitId");
    Objects.requireNonNull(branch, "branch");
  }
}
