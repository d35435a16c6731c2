package dev.driftless.port;

import dev.driftless.apply.Commit;
import java.util.Objects;
import java.util.Optional;

/**
 * How a session's commit went: committed (with the commit, on sides that make one), or rejected
 * because the side moved since the session began (a push refused as non-fast-forward), which
 * makes every staged write stale.
 */
public record CommitResult(Optional<Commit> commit, Optional<String> rejection) {

  public CommitResult {
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(rejection, "rejection");
    if (commit.isPresent() && rejection.isPresent()) {
      throw new IllegalArgumentException("a commit is made or rejected, not both");
    }
  }

  /** Nothing to commit, or a side whose writes are durable as they happen. */
  public static CommitResult none() {
    return new CommitResult(Optional.empty(), Optional.empty());
  }

  public static CommitResult committed(Commit commit) {
    return new CommitResult(Optional.of(commit), Optional.empty());
  }

  public static CommitResult rejected(String why) {
    return new CommitResult(Optional.empty(), Optional.of(why));
  }

  public boolean isRejected() {
    return rejection.isPresent();
  }
}
