package dev.driftless.presets;

import dev.driftless.git.GitSettings;
import dev.driftless.git.layout.Layout;
import dev.driftless.policy.Policy;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The Git side of a preset.
 *
 * @param connection how to reach it
 * @param branch the branch read and written
 * @param layout how resources are laid out in it
 * @param scope what is read
 * @param missingReadsAsEmpty whether a branch or directory that does not exist reads as empty
 *     instead of failing the read: {@link #of} decides it by the one rule; only a task property
 *     that asks for it ({@code failOnMissingDirectory: false} of SyncFlows, SyncNamespaceFiles and
 *     SyncDashboards) says otherwise
 */
public record GitTarget(GitConnection connection, String branch, Layout layout, Scope scope,
    boolean missingReadsAsEmpty) {

  public GitTarget {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(scope, "scope");
  }

  /**
   * The Git side of a sync under a policy, with the one rule for a branch or directory that does
   * not exist: it reads as empty when Git is only written for the scope's kinds (none of them
   * comes from Git, and the push creates it), and is an error when Git is a source, where an empty
   * snapshot would plan the deletion of everything ({@link Policy#isOnlyWritten}).
   */
  public static GitTarget of(GitConnection connection, String branch, Layout layout, Scope scope, Policy policy) {
    return new GitTarget(connection, branch, layout, scope, policy.isOnlyWritten(Side.GIT, scope.kinds()));
  }

  /**
   * The Git adapter's settings for this side.
   *
   * @param commit the commit message and author, for tasks that write to Git; the author's name
   *     defaults to {@code username}, by the adapter's rule ({@link GitSettings#effectiveAuthorName()})
   * @param cacheDirectory where fetched objects are kept between runs
   * @param maxFileBytes the size limit of one file, the planner's ({@code PlanOptions.maxResourceBytes})
   */
  public GitSettings settings(Optional<CommitSettings> commit, Optional<Path> cacheDirectory, long maxFileBytes) {
    GitSettings.Builder settings = GitSettings.builder()
        .remote(connection.remote())
        .branch(branch)
        .layout(layout)
        .readMissingAsEmpty(missingReadsAsEmpty)
        .maxFileBytes(maxFileBytes);
    cacheDirectory.ifPresent(settings::cacheDirectory);
    commit.ifPresent(c -> {
      settings.commitMessage(c.commitMessage().orElseGet(c::defaultCommitMessage));
      c.authorName().ifPresent(settings::authorName);
      c.authorEmail().ifPresent(settings::authorEmail);
    });
    return settings.build();
  }
}
