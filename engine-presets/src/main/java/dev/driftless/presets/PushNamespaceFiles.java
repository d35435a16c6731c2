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

/**
 * PushNamespaceFiles: a namespace's files committed to a Git directory. Deletion only ever removes
 * files this task manages (selected by {@code files}); never a README or anything else beside them.
 */
@Value.Immutable
@ValueStyle
public abstract non-sealed class PushNamespaceFiles implements SyncTask, OnBranch, CommitSettings {

  /** Only the generated implementation extends it. */
  PushNamespaceFiles() {}

  public abstract Optional<String> namespace();

  @Value.Default
  public String gitDirectory() {
    return LayoutType.FILES.defaultDirectory();
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
  public String defaultCommitMessage() {
    return "Add files from " + namespace().orElse("") + " namespace";
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
        .selector(Selector.of(kinds, files(), List.of()).withProperty("files"))
        .build();
    Layout layout = LayoutType.FILES.layout(gitDirectory(), namespace(), includeChildNamespaces());
    return PresetSpec.builder()
        .type(type())
        .policy(policy)
        .git(GitTarget.of(this, branch(), layout, scope, policy))
        .kestraScope(scope)
        .kestra(this)
        .dryRun(dryRun())
        .rows(RowStyle.PUSH)
        .commit(this)
        .failWhenNothingSelected(errorOnMissing())
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
    r.string("namespace").ifPresent(b::namespace);
    r.string("gitDirectory").ifPresent(b::gitDirectory);
    b.addAllFiles(SelectorProperty.read(r, "files"));
    r.bool("errorOnMissing").ifPresent(b::errorOnMissing);
    r.bool("delete").ifPresent(b::delete);
    r.bool("includeChildNamespaces").ifPresent(b::includeChildNamespaces);
    return b::build;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static class Builder extends ImmutablePushNamespaceFiles.Builder
      implements FieldGroups.Remote<Builder>, FieldGroups.Server<Builder>, FieldGroups.CommitInfo<Builder>, FieldGroups.DryRun<Builder>, FieldGroups.Rows<Builder> {
    Builder() {}
  }
}
