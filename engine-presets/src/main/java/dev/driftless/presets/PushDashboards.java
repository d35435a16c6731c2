package dev.driftless.presets;

import dev.driftless.git.layout.Layout;
import dev.driftless.policy.Policy;
import dev.driftless.policy.Selector;
import dev.driftless.policy.WhenMissing;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.style.ValueStyle;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.immutables.value.Value;

/** PushDashboards: dashboards committed to a Git directory, one file per dashboard id. */
@Value.Immutable
@ValueStyle
public abstract non-sealed class PushDashboards implements SyncTask, OnBranch, CommitSettings {

  /** Only the generated implementation extends it. */
  PushDashboards() {}

  @Value.Default
  public String gitDirectory() {
    return LayoutType.DASHBOARDS.defaultDirectory();
  }

  /** Globs on dashboard ids; empty for every dashboard. */
  public abstract List<String> dashboards();

  @Value.Default
  public boolean delete() {
    return true;
  }

  /** The plugin's names the flow running it ({@code Add dashboards from flow: <id>}), which a task does not know. */
  @Override
  public String defaultCommitMessage() {
    return "Add dashboards";
  }

  @Override
  public TaskType type() {
    return TaskType.PUSH_DASHBOARDS;
  }

  @Override
  public List<Problem> problems() {
    return new Checks().remote(this).server(this, false).branch("branch", branch())
        .directory("gitDirectory", gitDirectory()).globs("dashboards", dashboards()).problems();
  }

  @Override
  public PresetSpec spec() {
    Set<ResourceKind> kinds = Set.of(ResourceKind.DASHBOARD);
    Scope scope = Scope.global(kinds);
    Policy policy = Policy.builder()
        .sourceOfTruth(Side.KESTRA)
        .whenMissingInSource(delete() ? WhenMissing.DELETE : WhenMissing.KEEP)
        .selector(Selector.of(kinds, dashboards(), List.of()).withProperty("dashboards"))
        .build();
    Layout layout = LayoutType.DASHBOARDS.layout(gitDirectory(), Optional.empty(), false);
    return PresetSpec.builder()
        .type(type())
        .policy(policy)
        .git(GitTarget.of(this, branch(), layout, scope, policy))
        .kestraScope(scope)
        .kestra(this)
        .dryRun(dryRun())
        .rows(RowStyle.PUSH)
        .commit(this)
        .build();
  }

  @Value.Check
  protected void check() {
    Tasks.check(this);
  }

  /** Reads this task's properties from a task file; builds (and validates) when called. */
  static Supplier<Task> read(PropertyReader r) {
    Builder b = builder();
    FieldGroups.readShared(r, b);
    FieldGroups.readCommit(r, b);
    r.string("branch").ifPresent(b::branch);
    r.string("gitDirectory").ifPresent(b::gitDirectory);
    b.addAllDashboards(SelectorProperty.read(r, "dashboards"));
    r.bool("delete").ifPresent(b::delete);
    return b::build;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static class Builder extends ImmutablePushDashboards.Builder
      implements FieldGroups.Remote<Builder>, FieldGroups.Server<Builder>, FieldGroups.CommitInfo<Builder>, FieldGroups.DryRun<Builder>, FieldGroups.Rows<Builder> {
    Builder() {}
  }
}
