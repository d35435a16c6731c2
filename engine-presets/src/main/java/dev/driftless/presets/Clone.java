package dev.driftless.presets;

import dev.driftless.style.ValueStyle;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.immutables.value.Value;

/**
 * Clone: a repository checked out into a directory, at a branch, a tag or a commit (a short SHA
 * too), shallow by default. A directory that is not empty is refused.
 */
@Value.Immutable
@ValueStyle
public abstract non-sealed class Clone implements Task, GitConnection {

  /** Only the generated implementation extends it. */
  Clone() {}

  /** Where to clone; the repository's name in the working directory by default. */
  public abstract Optional<String> directory();

  /** The remote's default branch when absent. */
  public abstract Optional<String> branch();

  @Value.Default
  public int depth() {
    return 1;
  }

  public abstract Optional<String> commit();

  public abstract Optional<String> tag();

  @Value.Default
  public boolean cloneAllBranches() {
    return false;
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
    if (commit().isPresent() && tag().isPresent()) {
      checks.add("commit", "set either commit or tag, not both");
    }
    if (tag().isPresent() && branch().isPresent()) {
      checks.add("tag", "set either tag or branch, not both");
    }
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
