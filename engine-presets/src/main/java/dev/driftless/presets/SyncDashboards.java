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

/** SyncDashboards: dashboards from a Git directory into Kestra, keyed by id (never by title). */
@Value.Immutable
@ValueStyle
public abstract non-sealed class SyncDashboards implements SyncTask, OnBranch {

  /** Only the generated implementation extends it. */
  SyncDashboards() {}

  @Value.Default
  public String gitDirectory() {
    return LayoutType.DASHBOARDS.defaultDirectory();
  }

  @Value.Default
  public boolean delete() {
    return false;
  }

  /**
   * Whether a missing {@code gitDirectory} (or branch) fails the run; true by default, as in the
   * plugin. When false it reads as empty, and the mass-deletion guard holds back a {@code delete}
   * that would remove every dashboard.
   */
  @Value.Default
  public boolean failOnMissingDirectory() {
    return true;
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
    Layout layout = LayoutType.DASHBOARDS.layout(gitDirectory(), Optional.empty(), false);
    return PresetSpec.builder()
        .type(type())
        .policy(policy)
        .git(new GitTarget(this, branch(), layout, scope, !failOnMissingDirectory()))
        .kestraScope(scope)
        .kestra(this)
        .dryRun(dryRun())
        .rows(RowStyle.SYNC_DASHBOARDS)
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
    r.string("branch").ifPresent(b::branch);
    r.string("gitDirectory").ifPresent(b::gitDirectory);
    r.bool("delete").ifPresent(b::delete);
    r.bool("failOnMissingDirectory").ifPresent(b::failOnMissingDirectory);
    return b::build;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static class Builder extends ImmutableSyncDashboards.Builder
      implements FieldGroups.Remote<Builder>, FieldGroups.Server<Builder>, FieldGroups.DryRun<Builder>, FieldGroups.Rows<Builder> {
    Builder() {}
  }
}
