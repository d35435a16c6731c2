package dev.driftless.presets;

import dev.driftless.presets.internal.Checks;
import dev.driftless.policy.NamespaceMapping;
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

/**
 * PushFlows: a namespace's flows (and optionally its children's) committed to a Git directory,
 * child namespaces as sub-folders. With {@code targetNamespace}, only each flow's top-level
 * {@code namespace:} is rewritten ({@code dev} to {@code prod}); subflow references, task keys
 * and look-alike namespaces are left exactly as they are. The branch is created when missing.
 * Deletion ({@code delete: true}, the default) only ever removes flow files this task manages.
 */
@Value.Immutable
@ValueStyle
public abstract class PushFlows implements SyncTask, OnBranch, CommitSettings {

  @Value.Default
  public String gitDirectory() {
    return "_flows";
  }

  public abstract Optional<String> sourceNamespace();

  /** Defaults to {@code sourceNamespace}. */
  public abstract Optional<String> targetNamespace();

  /** Globs on flow ids; empty for every flow. */
  public abstract List<String> flows();

  @Value.Default
  public boolean includeChildNamespaces() {
    return false;
  }

  @Value.Default
  public boolean delete() {
    return true;
  }

  @Override
  public TaskType type() {
    return TaskType.PUSH_FLOWS;
  }

  @Override
  public List<Problem> problems() {
    return new Checks().remote(this).server(this, false).branch("branch", branch())
        .required("sourceNamespace", sourceNamespace()).namespace("sourceNamespace", sourceNamespace())
        .namespace("targetNamespace", targetNamespace())
        .directory("gitDirectory", gitDirectory()).globs("flows", flows()).problems();
  }

  @Override
  public PresetSpec spec() {
    String source = sourceNamespace().orElseThrow();
    String target = targetNamespace().orElse(source);
    Set<ResourceKind> kinds = Set.of(ResourceKind.FLOW);
    Policy policy = Policy.builder()
        .sourceOfTruth(Side.KESTRA)
        .whenMissingInSource(delete() ? WhenMissing.DELETE : WhenMissing.KEEP)
        .namespaceMapping(NamespaceMapping.of(source, target))
        .includeChildNamespaces(includeChildNamespaces())
        .selector(Selector.of(kinds, flows(), List.of()))
        .build();
    GitLayoutSpec layout = GitLayoutSpec.rooted(GitLayoutSpec.Kind.FLOWS, Checks.normaliseDirectory(gitDirectory()), target);
    Scope gitScope = Scope.namespaces(List.of(target), includeChildNamespaces(), kinds);
    Scope kestraScope = Scope.namespaces(List.of(source), includeChildNamespaces(), kinds);
    return new PresetSpec(type(), policy, new GitTarget(this, branch(), layout, gitScope, true), kestraScope, this,
        dryRun(), RowStyle.PUSH, Optional.of(this), Optional.empty(), Optional.empty(), false);
  }

  @Value.Check
  protected void check() {
    Tasks.check(this);
  }

  public static Builder builder() {
    return new Builder();
  }

  public static class Builder extends ImmutablePushFlows.Builder implements FieldGroups.Remote, FieldGroups.Server, FieldGroups.Commit, FieldGroups.DryRun {}
}
