package dev.driftless.presets;

import dev.driftless.git.layout.Layout;
import dev.driftless.policy.OnInvalidSyntax;
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

/**
 * SyncFlows: flows from a Git directory into a namespace (Git is the source of truth). A flow's
 * namespace is {@code targetNamespace} plus its sub-folders; {@code delete: true} removes flows Git
 * no longer has. Unlike the plugin, a missing directory is an error (not an empty source), an
 * invalid flow never causes a deletion, and {@code system} is protected.
 */
@Value.Immutable
@ValueStyle
public abstract non-sealed class SyncFlows implements SyncTask, OnBranch {

  /** Only the generated implementation extends it. */
  SyncFlows() {}

  public abstract Optional<String> targetNamespace();

  @Value.Default
  public String gitDirectory() {
    return LayoutType.FLOWS.defaultDirectory();
  }

  @Value.Default
  public boolean includeChildNamespaces() {
    return false;
  }

  @Value.Default
  public boolean delete() {
    return false;
  }

  @Value.Default
  public boolean ignoreInvalidFlows() {
    return false;
  }

  @Value.Default
  public boolean failOnMissingDirectory() {
    return true;
  }

  @Override
  public TaskType type() {
    return TaskType.SYNC_FLOWS;
  }

  @Override
  public List<Problem> problems() {
    return new Checks().remote(this).server(this, false).branch("branch", branch())
        .required("targetNamespace", targetNamespace()).namespace("targetNamespace", targetNamespace())
        .directory("gitDirectory", gitDirectory()).problems();
  }

  @Override
  public PresetSpec spec() {
    String ns = targetNamespace().orElseThrow();
    Scope scope = Scope.namespaces(List.of(ns), includeChildNamespaces(), Set.of(ResourceKind.FLOW));
    Policy policy = Policy.builder()
        .sourceOfTruth(Side.GIT)
        .whenMissingInSource(delete() ? WhenMissing.DELETE : WhenMissing.KEEP)
        .onInvalidSyntax(ignoreInvalidFlows() ? OnInvalidSyntax.WARN : OnInvalidSyntax.FAIL)
        .includeChildNamespaces(includeChildNamespaces())
        .selector(Selector.kinds(Set.of(ResourceKind.FLOW)))
        .build();
    Layout layout = LayoutType.FLOWS.layout(gitDirectory(), targetNamespace(), includeChildNamespaces());
    return PresetSpec.builder()
        .type(type())
        .policy(policy)
        .git(new GitTarget(this, branch(), layout, scope, !failOnMissingDirectory()))
        .kestraScope(scope)
        .kestra(this)
        .dryRun(dryRun())
        .rows(RowStyle.SYNC_FLOWS)
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
    r.string("targetNamespace").ifPresent(b::targetNamespace);
    r.string("gitDirectory").ifPresent(b::gitDirectory);
    r.bool("includeChildNamespaces").ifPresent(b::includeChildNamespaces);
    r.bool("delete").ifPresent(b::delete);
    r.bool("ignoreInvalidFlows").ifPresent(b::ignoreInvalidFlows);
    r.bool("failOnMissingDirectory").ifPresent(b::failOnMissingDirectory);
    return b::build;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static class Builder extends ImmutableSyncFlows.Builder
      implements FieldGroups.Remote<Builder>, FieldGroups.Server<Builder>, FieldGroups.DryRun<Builder>, FieldGroups.Rows<Builder> {
    Builder() {}
  }
}
