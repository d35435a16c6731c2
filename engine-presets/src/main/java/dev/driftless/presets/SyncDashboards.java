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

/** SyncDashboards: dashboards from a Git directory into Kestra, keyed by id (never by title). */
@Value.Immutable
@ValueStyle
public abstract class SyncDashboards implements SyncTask, OnBranch {

  @Value.Default
  public String gitDirectory() {
    return "_dashboards";
  }

  @Value.Default
  public boolean delete() {
    return false;
  }

  @Override
  public TaskType type() {
    return TaskType.SYNC_DASHBOARDS;
  }

  @Override
  public List<Problem> problems() {
    return new Checks().remote(this).server(this, false).branch("branch", branch())
        .directory("gitDirectory", gitDirectory()).problems();
  }

  @Override
  public PresetSpec spec() {
    Scope scope = Scope.global(Set.of(ResourceKind.DASHBOARD));
    Policy policy = Policy.builder()
        .sourceOfTruth(Side.GIT)
        .whenMissingInSource(delete() ? WhenMissing.DELETE : WhenMissing.KEEP)
        .selector(Selector.kinds(Set.of(ResourceKind.DASHBOARD)))
        .build();
    GitLayoutSpec layout = GitLayoutSpec.of(GitLayoutSpec.Kind.DASHBOARDS, Checks.normaliseDirectory(gitDirectory()));
    return new PresetSpec(type(), policy, new GitTarget(this, branch(), layout, scope, false), scope, this, dryRun(),
        RowStyle.SYNC_DASHBOARDS, Optional.empty(), Optional.empty(), Optional.empty(), false);
  }

  @Value.Check
  protected void check() {
    Tasks.check(this);
  }

  public static Builder builder() {
    return new Builder();
  }

  public static class Builder extends ImmutableSyncDashboards.Builder implements FieldGroups.Remote, FieldGroups.Server, FieldGroups.DryRun {}
}
