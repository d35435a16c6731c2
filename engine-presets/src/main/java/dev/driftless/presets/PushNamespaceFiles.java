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

/**
 * PushNamespaceFiles: a namespace's files committed to a Git directory. Deletion only ever removes
 * files this task manages (selected by {@code files}); never a README or anything else beside them.
 */
@Value.Immutable
@ValueStyle
public abstract class PushNamespaceFiles implements SyncTask, OnBranch, CommitSettings {

  public abstract Optional<String> namespace();

  @Value.Default
  public String gitDirectory() {
    return "_files";
  }

  /** Globs on file paths; empty for every file. */
  public abstract List<String> files();

  @Value.Default
  public boolean errorOnMissing() {
    return false;
  }

  @Value.Default
  public boolean delete() {
    return true;
  }

  /** Driftless: also push the namespace's children, one folder each. */
  @Value.Default
  public boolean includeChildNamespaces() {
    return false;
  }

  @Override
  public TaskType type() {
    return TaskType.PUSH_NAMESPACE_FILES;
  }

  @Override
  public List<Problem> problems() {
    return new Checks().remote(this).server(this, false).branch("branch", branch())
        .required("namespace", namespace()).namespace("namespace", namespace())
        .directory("gitDirectory", gitDirectory()).globs("files", files()).problems();
  }

  @Override
  public PresetSpec spec() {
    String ns = namespace().orElseThrow();
    Set<ResourceKind> kinds = Set.of(ResourceKind.NAMESPACE_FILE);
    Scope scope = Scope.namespaces(List.of(ns), includeChildNamespaces(), kinds);
    Policy policy = Policy.builder()
        .sourceOfTruth(Side.KESTRA)
        .whenMissingInSource(delete() ? WhenMissing.DELETE : WhenMissing.KEEP)
        .includeChildNamespaces(includeChildNamespaces())
        .selector(Selector.of(kinds, files(), List.of()))
        .build();
    GitLayoutSpec layout = new GitLayoutSpec(GitLayoutSpec.Kind.FILES, Checks.normaliseDirectory(gitDirectory()),
        Optional.of(ns), includeChildNamespaces(), "");
    return new PresetSpec(type(), policy, new GitTarget(this, branch(), layout, scope, true), scope, this, dryRun(),
        RowStyle.PUSH, Optional.of(this), Optional.empty(), Optional.empty(), errorOnMissing());
  }

  @Value.Check
  protected void check() {
    Tasks.check(this);
  }

  public static Builder builder() {
    return new Builder();
  }

  public static class Builder extends ImmutablePushNamespaceFiles.Builder implements FieldGroups.Remote, FieldGroups.Server, FieldGroups.Commit, FieldGroups.DryRun {}
}
