package dev.driftless.presets;

import dev.driftless.presets.internal.Checks;
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
import org.immutables.value.Value;

/** PushDashboards: dashboards committed to a Git directory, one file per dashboard id. */
@Value.Immutable
@ValueStyle
public abstract class PushDashboards implements SyncTask, OnBranch, CommitSettings {

  @Value.Default
  public String gitDirectory() {
    return "_dashboards";
  }

  /** Globs on dashboard ids; empty for every dashboard. */
  public abstract List<String> dashboards();

  @Value.Default
  public boolean delete() {
    return true;
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
        .selector(Selector.of(kinds, dashboards(), List.of()))
        .build();
    GitLayoutSpec layout = GitLayoutSpec.of(GitLayoutSpec.Kind.DASHBOARDS, Checks.normaliseDirectory(gitDirectory()));
    return new PresetSpec(type(), policy, new GitTarget(this, branch(), layout, scope, true), scope, this, dryRun(),
        RowStyle.PUSH, Optional.of(this), Optional.empty(), Optional.empty(), false);
  }

  @Value.Check
  protected void check() {
    Tasks.check(this);
  }

  public static Builder builder() {
    return new Builder();
  }

  public static class Builder extends ImmutablePushDashboards.Builder implements FieldGroups.Remote, FieldGroups.Server, FieldGroups.Commit, FieldGroups.DryRun {}
}
