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
 * NamespaceSync: one namespace's flows, files, apps and tests, both ways, in the namespace layout
 * ({@code <namespace>/flows/<id>.yaml}, {@code <namespace>/files/...}). Beyond the plugin: a source
 * of truth per kind ({@code sourceOfTruthByKind: {flow: KESTRA, namespace-file: GIT}}) and child
 * namespaces.
 */
@Value.Immutable
@ValueStyle
public abstract non-sealed class NamespaceSync implements TwoWaySync {

  /** Only the generated implementation extends it. */
  NamespaceSync() {}

  /** Required, as in the plugin: a sync never guesses the branch. */
  public abstract Optional<String> namespace();

  /** Driftless: also sync the namespace's children, each in its own folder. */
  @Value.Default
  public boolean includeChildNamespaces() {
    return false;
  }

  /** Driftless: the kinds synced; flows, files, apps and tests by default. */
  @Override
  @Value.Default
  @SuppressWarnings("immutables:untype")
  public Set<ResourceKind> kinds() {
    return EnumSet.of(ResourceKind.FLOW, ResourceKind.NAMESPACE_FILE, ResourceKind.APP, ResourceKind.TEST);
  }

  @Override
  public String defaultCommitMessage() {
    return "Namespace sync from Kestra";
  }

  @Override
  public TaskType type() {
    return TaskType.NAMESPACE_SYNC;
  }

  @Override
  public List<Problem> problems() {
    Checks checks = new Checks().remote(this).server(this, false)
        .required("branch", branch()).required("namespace", namespace()).namespace("namespace", namespace())
        .directory("gitDirectory", gitDirectory());
    branch().filter(b -> !b.isBlank()).ifPresent(b -> checks.branch("branch", b));
    SyncChecks.common(checks, protectedNamespaces(), kinds(), sourceOfTruthByKind(), false);
    SyncChecks.twoWay(checks, this);
    return checks.problems();
  }

  @Override
  public PresetSpec spec() {
    Set<ResourceKind> kinds = EnumSet.copyOf(kinds());
    Scope scope = Scope.namespaces(List.of(namespace().orElseThrow()), includeChildNamespaces(), kinds);
    Policy policy = policy(includeChildNamespaces());
    Layout layout = LayoutType.NAMESPACE.layout(gitDirectory(), Optional.empty(), false);
    return PresetSpec.builder()
        .type(type())
        .policy(policy)
        .git(GitTarget.of(this, branch().orElseThrow(), layout, scope, policy))
        .kestraScope(scope)
        .kestra(this)
        .dryRun(dryRun())
        .rows(RowStyle.NAMESPACE_SYNC)
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
    r.string("namespace").ifPresent(b::namespace);
    r.bool("includeChildNamespaces").ifPresent(b::includeChildNamespaces);
    return b::build;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static class Builder extends ImmutableNamespaceSync.Builder
      implements FieldGroups.Remote<Builder>, FieldGroups.Server<Builder>, FieldGroups.CommitInfo<Builder>, FieldGroups.DryRun<Builder>, FieldGroups.Rows<Builder>, FieldGroups.TwoWay<Builder> {
    Builder() {}
  }

}
