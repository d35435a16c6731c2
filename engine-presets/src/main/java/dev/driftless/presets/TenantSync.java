package dev.driftless.presets;

import dev.driftless.git.layout.Layout;
import dev.driftless.policy.Policy;
import dev.driftless.resource.ResourceKind;
import dev.driftless.snapshot.Scope;
import dev.driftless.style.ValueStyle;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.immutables.value.Value;

/**
 * TenantSync: every namespace of a tenant (flows, files, apps, tests) and its dashboards, both
 * ways, in the namespace layout. As in the plugin it needs {@code kestraUrl} and {@code auth}.
 * Unlike the plugin, it creates nothing while planning: a namespace Git needs is created when the
 * plan is applied, and never when the plan is refused.
 */
@Value.Immutable
@ValueStyle
public abstract non-sealed class TenantSync implements TwoWaySync {

  /** Only the generated implementation extends it. */
  TenantSync() {}

  /** Driftless: the kinds synced; flows, files, apps, tests and dashboards by default. */
  @Override
  @Value.Default
  @SuppressWarnings("immutables:untype")
  public Set<ResourceKind> kinds() {
    return EnumSet.of(ResourceKind.FLOW, ResourceKind.NAMESPACE_FILE, ResourceKind.APP, ResourceKind.TEST,
        ResourceKind.DASHBOARD);
  }

  @Override
  public String defaultCommitMessage() {
    return "Tenant sync from Kestra";
  }

  @Override
  public TaskType type() {
    return TaskType.TENANT_SYNC;
  }

  @Override
  public List<Problem> problems() {
    Checks checks = new Checks().remote(this).server(this, true).required("branch", branch())
        .directory("gitDirectory", gitDirectory());
    branch().filter(b -> !b.isBlank()).ifPresent(b -> checks.branch("branch", b));
    SyncChecks.common(checks, protectedNamespaces(), kinds(), sourceOfTruthByKind(), true);
    SyncChecks.twoWay(checks, this);
    return checks.problems();
  }

  @Override
  public PresetSpec spec() {
    Set<ResourceKind> kinds = EnumSet.copyOf(kinds());
    Scope scope = Scope.tenant(kinds);
    Policy policy = policy(true);
    Layout layout = LayoutType.NAMESPACE.layout(gitDirectory(), Optional.empty(), false);
    return PresetSpec.builder()
        .type(type())
        .policy(policy)
        .git(GitTarget.of(this, branch().orElseThrow(), layout, scope, policy))
        .kestraScope(scope)
        .kestra(this)
        .dryRun(dryRun())
        .rows(RowStyle.TENANT_SYNC)
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
    FieldGroups.readTwoWay(r, b);
    return b::build;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static class Builder extends ImmutableTenantSync.Builder
      implements FieldGroups.Remote<Builder>, FieldGroups.Server<Builder>, FieldGroups.CommitInfo<Builder>, FieldGroups.DryRun<Builder>, FieldGroups.Rows<Builder>, FieldGroups.TwoWay<Builder> {
    Builder() {}
  }
}
