package dev.driftless.presets;

import dev.driftless.git.layout.Layout;
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
import java.util.function.Supplier;
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
public abstract non-sealed class PushFlows implements SyncTask, OnBranch, CommitSettings {

  /** Only the generated implementation extends it. */
  PushFlows() {}

  @Value.Default
  public String gitDirectory() {
    return LayoutType.FLOWS.defaultDirectory();
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
  public String defaultCommitMessage() {
    return "Add flows from " + sourceNamespace().orElse("") + " namespace";
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
        .selector(Selector.of(kinds, flows(), List.of()).withProperty("flows"))
        .build();
    Layout layout = LayoutType.FLOWS.layout(gitDirectory(), Optional.of(target), includeChildNamespaces());
    Scope gitScope = Scope.namespaces(List.of(target), includeChildNamespaces(), kinds);
    Scope kestraScope = Scope.namespaces(List.of(source), includeChildNamespaces(), kinds);
    return PresetSpec.builder()
        .type(type())
        .policy(policy)
        .git(GitTarget.of(this, branch(), layout, gitScope, policy))
        .kestraScope(kestraScope)
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
    r.string("sourceNamespace").ifPresent(b::sourceNamespace);
    r.string("targetNamespace").ifPresent(b::targetNamespace);
    b.addAllFlows(SelectorProperty.read(r, "flows"));
    r.bool("includeChildNamespaces").ifPresent(b::includeChildNamespaces);
    r.bool("delete").ifPresent(b::delete);
    return b::build;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static class Builder extends ImmutablePushFlows.Builder
      implements FieldGroups.Remote<Builder>, FieldGroups.Server<Builder>, FieldGroups.CommitInfo<Builder>, FieldGroups.DryRun<Builder>, FieldGroups.Rows<Builder> {
    Builder() {}
  }
}
