package dev.driftless.presets;

import dev.driftless.style.ValueStyle;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.immutables.value.Value;

/**
 * Clone: a repository checked out into a directory, at a branch, a tag or a commit (a short SHA
 * too), shallow by default, with the plugin's defaults: every branch fetched, the working
 * directory itself as the directory, and a commit winning over a tag, a tag over a branch. A
 * directory that is not empty is refused (the plugin fetches into it, over what it holds).
 * {@code kestraUrl} and {@code auth}, which the plugin accepts on Clone, are accepted and unused.
 */
@Value.Immutable
@ValueStyle
public abstract non-sealed class Clone implements Task, GitConnection {

  /** Only the generated implementation extends it. */
  Clone() {}

  /** Where to clone, under the working directory; the working directory itself by default, as in the plugin. */
  public abstract Optional<String> directory();

  /** The remote's default branch when absent. */
  public abstract Optional<String> branch();

  @Value.Default
  public int depth() {
    return 1;
  }

  /** The commit to check out; wins over {@link #tag()} and {@link #branch()}, as in the plugin. */
  public abstract Optional<String> commit();

  /** The tag to check out; wins over {@link #branch()}, as in the plugin. */
  public abstract Optional<String> tag();

  /** Whether every branch is fetched, not only the one checked out; true by default, as in the plugin. */
  @Value.Default
  public boolean cloneAllBranches() {
    return true;
  }

  @Value.Default
  public boolean noTags() {
    return false;
  }

  @Value.Default
  public boolean cloneSubmodules() {
    return false;
  }

  @Override
  public TaskType type() {
    return TaskType.CLONE;
  }

  @Override
  public List<Problem> problems() {
    Checks checks = new Checks().remote(this).positive("depth", depth());
    branch().ifPresent(b -> checks.branch("branch", b));
    commit().filter(c -> !c.matches("[0-9a-fA-F]{4,40}"))
        .ifPresent(c -> checks.add("commit", "'" + c + "' is not a commit id (4 to 40 hex digits)"));
    return checks.problems();
  }

  @Value.Check
  protected void check() {
    Tasks.check(this);
  }

  /** Reads this task's properties from a task file; builds (and validates) when called. */
  static Supplier<Task> read(PropertyReader r) {
    Builder b = builder();
    FieldGroups.readRemote(r, b);
    // The plugin's Clone takes Kestra's address and credentials, and does not use them either.
    r.accept("kestraUrl", "auth");
    r.bool("cloneSubmodules").ifPresent(b::cloneSubmodules);
    r.string("directory").ifPresent(b::directory);
    r.string("branch").ifPresent(b::branch);
    r.integer("depth").ifPresent(b::depth);
    r.string("commit").ifPresent(b::commit);
    r.string("tag").ifPresent(b::tag);
    r.bool("cloneAllBranches").ifPresent(b::cloneAllBranches);
    r.bool("noTags").ifPresent(b::noTags);
    return b::build;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static class Builder extends ImmutableClone.Builder
      implements FieldGroups.Remote<Builder> {
    Builder() {}
  }
}
