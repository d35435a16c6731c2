package dev.driftless.presets;

import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.git.layout.Layout;
import dev.driftless.policy.Policy;
import dev.driftless.policy.Selector;
import dev.driftless.policy.WhenMissing;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.style.ValueStyle;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.immutables.value.Value;

/**
 * PushExecutionFiles: output files of an execution, read through the executions API from their
 * {@code kestra://} URIs, committed to a Git directory. It never deletes: the plugin's
 * {@code delete} is accepted, and when it is true the run says that nothing is deleted. Driftless
 * runs outside Kestra, so it names the execution ({@code executionId}); the plugin uses the
 * running one.
 */
@Value.Immutable
@ValueStyle
public abstract non-sealed class PushExecutionFiles implements SyncTask, OnBranch, CommitSettings {

  /** Only the generated implementation extends it. */
  PushExecutionFiles() {}

  @Value.Default
  public String gitDirectory() {
    return LayoutType.OUTPUTS.defaultDirectory();
  }

  /** Driftless: the execution whose output files are pushed. */
  public abstract Optional<String> executionId();

  /** Globs on output file names; empty for every output file. */
  public abstract List<String> files();

  /** File name in Git to {@code kestra://} URI; wins over {@code files}. */
  public abstract Map<String, String> filesMap();

  @Value.Default
  public boolean errorOnMissing() {
    return false;
  }

  /**
   * The plugin's {@code delete}: there (true by default) the files under {@code gitDirectory} that
   * the execution does not push are removed, earlier executions' outputs among them. Driftless
   * keeps every file another execution pushed; when this is true, the run says so in a warning.
   */
  public abstract Optional<Boolean> delete();

  @Override
  public String defaultCommitMessage() {
    return "Add files from execution " + executionId().orElse("");
  }

  @Override
  public TaskType type() {
    return TaskType.PUSH_EXECUTION_FILES;
  }

  @Override
  public List<Problem> problems() {
    Checks checks = new Checks().remote(this).server(this, false).branch("branch", branch())
        .required("executionId", executionId()).directory("gitDirectory", gitDirectory()).globs("files", files());
    filesMap().forEach((name, uri) -> {
      ResourceKey.pathProblem(name).ifPresent(p -> checks.add("filesMap." + name, "'" + name + "' " + p));
      if (!uri.startsWith("kestra:///")) {
        checks.add("filesMap." + name, "'" + uri + "' is not a kestra:/// URI");
      }
    });
    return checks.problems();
  }

  @Override
  public PresetSpec spec() {
    Set<ResourceKind> kinds = Set.of(ResourceKind.EXECUTION_FILE);
    Scope scope = Scope.global(kinds);
    Policy policy = Policy.builder()
        .sourceOfTruth(Side.KESTRA)
        .whenMissingInSource(WhenMissing.KEEP)
        .selector(Selector.of(kinds, filesMap().isEmpty() ? files() : List.of(), List.of()).withProperty("files"))
        .build();
    Layout layout = LayoutType.OUTPUTS.layout(gitDirectory(), Optional.empty(), false);
    ExecutionFilesSpec outputs = new ExecutionFilesSpec(executionId().orElseThrow(), files(), filesMap(), errorOnMissing());
    return PresetSpec.builder()
        .type(type())
        .policy(policy)
        .git(GitTarget.of(this, branch(), layout, scope, policy))
        .kestraScope(scope)
        .kestra(this)
        .dryRun(dryRun())
        .rows(RowStyle.PUSH)
        .commit(this)
        .executionFiles(outputs)
        .failWhenNothingSelected(errorOnMissing())
        .addAllNotes(delete().filter(d -> d).map(d -> List.of(Diagnostic.warning("delete: true is accepted, but "
            + "PushExecutionFiles deletes nothing here: the files under " + gitDirectory() + " that this execution "
            + "does not push stay in Git (the Git plugin would remove them)").atField("delete"))).orElse(List.of()))
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
    r.string("executionId").ifPresent(b::executionId);
    b.addAllFiles(SelectorProperty.readWhereAnEmptyListIsEverything(r, "files"));
    b.putAllFilesMap(r.stringMap("filesMap"));
    r.bool("errorOnMissing").ifPresent(b::errorOnMissing);
    r.bool("delete").ifPresent(b::delete);
    return b::build;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static class Builder extends ImmutablePushExecutionFiles.Builder
      implements FieldGroups.Remote<Builder>, FieldGroups.Server<Builder>, FieldGroups.CommitInfo<Builder>, FieldGroups.DryRun<Builder>, FieldGroups.Rows<Builder> {
    Builder() {}
  }
}
