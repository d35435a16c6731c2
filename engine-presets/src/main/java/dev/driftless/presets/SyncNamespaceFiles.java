package dev.driftless.presets;

import dev.driftless.git.layout.FilesLayout;
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
 * SyncNamespaceFiles: files from a Git directory into a namespace. Beyond the plugin: child
 * namespaces ({@code includeChildNamespaces}, one folder per namespace under the directory) and a
 * Kestra sub-directory to sync into ({@code namespaceDirectory}).
 */
@Value.Immutable
@ValueStyle
public abstract non-sealed class SyncNamespaceFiles implements SyncTask, OnBranch {

  /** Only the generated implementation extends it. */
  SyncNamespaceFiles() {}

  public abstract Optional<String> namespace();

  @Value.Default
  public String gitDirectory() {
    return LayoutType.FILES.defaultDirectory();
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
    FilesLayout layout = LayoutType.files(gitDirectory(), ns, includeChildNamespaces(), namespaceDirectory().orElse(""));
    String prefix = layout.pathPrefix();
    Scope scope = Scope.namespaces(List.of(ns), includeChildNamespaces(), Set.of(ResourceKind.NAMESPACE_FILE));
    Policy policy = Policy.builder()
        .sourceOfTruth(Side.GIT)
        .whenMissingInSource(delete() ? WhenMissing.DELETE : WhenMissing.KEEP)
        .includeChildNamespaces(includeChildNamespaces())
        .selector(prefix.isEmpty() ? Selector.kinds(Set.of(ResourceKind.NAMESPACE_FILE))
            : Selector.of(Set.of(ResourceKind.NAMESPACE_FILE), List.of(Selector.escape(prefix) + "/**"), List.of())
                .withProperty("namespaceDirectory"))
        .build();
    return PresetSpec.builder()
        .type(type())
        .policy(policy)
        .git(new GitTarget(this, branch(), layout, scope, !failOnMissingDirectory()))
        .kestraScope(scope)
        .kestra(this)
        .dryRun(dryRun())
        .rows(RowStyle.SYNC_FILES)
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
    r.string("namespace").ifPresent(b::namespace);
    r.string("gitDirectory").ifPresent(b::gitDirectory);
    r.bool("delete").ifPresent(b::delete);
    r.bool("failOnMissingDirectory").ifPresent(b::failOnMissingDirectory);
    r.bool("includeChildNamespaces").ifPresent(b::includeChildNamespaces);
    r.string("namespaceDirectory").ifPresent(b::namespaceDirectory);
    return b::build;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static class Builder extends ImmutableSyncNamespaceFiles.Builder
      implements FieldGroups.Remote<Builder>, FieldGroups.Server<Builder>, FieldGroups.DryRun<Builder>, FieldGroups.Rows<Builder> {
    Builder() {}
  }

}
