package dev.driftless.git.clone;

import dev.driftless.git.GitRemote;
import dev.driftless.git.internal.clone.CloneRun;
import dev.driftless.style.ValueStyle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.immutables.value.Value;

/**
 * A clone into a working directory, as the Kestra Git plugin's {@code Clone} task makes one for the
 * tasks that follow it: a branch (the remote's default unless given), a tag, or a commit (a full or
 * short id, looked up on the branch's history), with a depth (1 by default), submodules, tags or
 * not, one branch or all.
 *
 * <pre>{@code
 * CloneResult cloned = CloneRequest.builder()
 *     .remote(GitRemote.of("https://github.com/acme/dbt-project.git"))
 *     .directory(workDir)
 *     .tag("v1.4.0")
 *     .build()
 *     .run();
 * }</pre>
 *
 * <p>A directory that is not empty is refused unless {@link #ifNotEmpty()} says to replace what it
 * holds. A branch, tag or commit that does not exist is a
 * {@link dev.driftless.port.SourceNotFoundException} naming it.
 */
@Value.Immutable
@ValueStyle
public abstract class CloneRequest {

  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{4,64}");

  /** Only the generated implementation extends it. */
  CloneRequest() {}

  public abstract GitRemote remote();

  /** The working directory to clone into; created when missing. */
  public abstract Path directory();

  /** The branch to check out; the remote's default branch unless given. */
  public abstract Optional<String> branch();

  /** A tag to check out (detached), instead of a branch. */
  public abstract Optional<String> tag();

  /** A commit to check out (detached): a full id or a unique prefix of at least 4 hex digits. */
  public abstract Optional<String> commit();

  /**
   * How many commits of history to fetch; 0 for all of it. As in Git, the depth counts from every
   * ref fetched: tags that point into the fetched history bring their own {@code depth} commits.
   */
  @Value.Default
  public int depth() {
    return 1;
  }

  /** Whether submodules are cloned too (recursively). */
  @Value.Default
  public boolean cloneSubmodules() {
    return false;
  }

  /** Whether tags are left out. */
  @Value.Default
  public boolean noTags() {
    return false;
  }

  /** Whether every branch is fetched, not only the one checked out. */
  @Value.Default
  public boolean cloneAllBranches() {
    return false;
  }

  /**
   * Git configuration written into the clone before it is checked out, as the plugin's
   * {@code gitConfig}: {@code core.autocrlf: "false"}, {@code user.name: ci}. Keys are
   * {@code section.name} or {@code section.subsection.name}.
   */
  public abstract Map<String, String> gitConfig();

  @Value.Default
  public IfNotEmpty ifNotEmpty() {
    return IfNotEmpty.REFUSE;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a clone; {@code remote} and {@code directory} are required. */
  public static class Builder extends ImmutableCloneRequest.Builder {
    Builder() {}
  }

  /**
   * Clones.
   *
   * @throws IllegalArgumentException when the directory is not empty (and {@link IfNotEmpty#REFUSE}),
   *     a short commit id is ambiguous, or the SSH key or CA file cannot be used
   * @throws dev.driftless.port.SourceNotFoundException when the repository, branch, tag or commit does not exist
   * @throws dev.driftless.port.AccessDeniedException when the credentials are refused or the host is not trusted
   * @throws dev.driftless.port.SideUnavailableException when the remote cannot be reached
   */
  public CloneResult run() {
    return CloneRun.run(this);
  }

  @Value.Check
  protected void check() {
    List<String> problems = new ArrayList<>();
    if (tag().isPresent() && (branch().isPresent() || commit().isPresent())) {
      problems.add("give a tag, or a branch and optionally a commit on it, not both");
    }
    branch().filter(b -> !Repository.isValidRefName(Constants.R_HEADS + b))
        .ifPresent(b -> problems.add("branch '" + b + "' is not a valid branch name"));
    tag().filter(t -> !Repository.isValidRefName(Constants.R_TAGS + t))
        .ifPresent(t -> problems.add("tag '" + t + "' is not a valid tag name"));
    commit().filter(c -> !HEX.matcher(c).matches())
        .ifPresent(c -> problems.add("commit '" + c + "' is not a commit id (4 to 64 hex digits)"));
    gitConfig().keySet().stream().filter(k -> k.indexOf('.') <= 0 || k.endsWith("."))
        .forEach(k -> problems.add("gitConfig key '" + k + "' is not section.name or section.subsection.name"));
    if (depth() < 0) {
      problems.add("depth must be 0 (all history) or more, got " + depth());
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid clone of " + remote().displayUrl() + ":\n  - "
          + String.join("\n  - ", problems));
    }
  }
}
