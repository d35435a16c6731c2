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
 * SyncNamespaceFiles: files from a Git directory into a namespace. Beyond the plugin: child
 * namespaces ({@code includeChildNamespaces}, one folder per namespace under the directory) and a
 * Kestra sub-directory to sync into ({@code namespaceDirectory}).
 */
@Value.Immutable
@ValueStyle
public abstract class SyncNamespaceFiles implements SyncTask, OnBranch {

  public abstract Optional<String> namespace();

  @Value.Default
  public String gitDirectory() {
    return "_files";
  }

  @Value.Default
  public boolean delete() {
    return false;
  }

  @Value.Default
  public boolean failOnMissingDirectory() {
    return true;
  }

  /** Driftless: also sync the namespace's children, one folder each ({@code _files/dev.team/...}). */
  @Value.Default
  public boolean includeChildNamespaces() {
    return false;
  }

  /** Driftless: the directory inside the namespace the Git directory maps to ({@code scripts}). */
  public abstract Optional<String> namespaceDirectory();

  @Override
  public TaskType type() {
    return TaskType.SYNC_NAMESPACE_FILES;
  }

  @Override
  public List<Problem> problems() {
    Checks checks = new Checks().remote(this).server(this, false).branch("branch", branch())
        .required("namespace", namespace()).namespace("namespace", namespace())
        .directory("gitDirectory", gitDirectory());
    namespaceDirectory().ifPresent(d -> checks.directory("namespaceDirectory", d));
    return checks.problems();
  }

  @Override
  public PresetSpec spec() {
    String ns = namespace().orElseThrow();
    String prefix = namespaceDirectory().map(Checks::normaliseDirectory).orElse("");
    Scope scope = Scope.namespaces(List.of(ns), includeChildNamespaces(), Set.of(ResourceKind.NAMESPACE_FILE));
    Policy policy = Policy.builder()
        .sourceOfTruth(Side.GIT)
        .whenMissingInSource(delete() ? WhenMissing.DELETE : WhenMissing.KEEP)
        .includeChildNamespaces(includeChildNamespaces())
        .selector(prefix.isEmpty() ? Selector.kinds(Set.of(ResourceKind.NAMESPACE_FILE))
            : Selector.of(Set.of(ResourceKind.NAMESPACE_FILE), List.of(prefix + "/**"), List.of()))
        .build();
    GitLayoutSpec layout = new GitLayoutSpec(GitLayoutSpec.Kind.FILES, Checks.normaliseDirectory(gitDirectory()),
        Optional.of(ns), includeChildNamespaces(), prefix);
    return new PresetSpec(type(), policy, new GitTarget(this, branch(), layout, scope, !failOnMissingDirectory()),
        scope, this, dryRun(), RowStyle.SYNC_FILES, Optional.empty(), Optional.empty(), Optional.empty(), false);
  }

  @Value.Check
  protected void check() {
    Tasks.check(this);
  }

  public static Builder builder() {
    return new Builder();
  }

  public static class Builder extends ImmutableSyncNamespaceFiles.Builder implements FieldGroups.Remote, FieldGroups.Server, FieldGroups.DryRun {}

}
