package dev.driftless.plugin;

import dev.driftless.git.clone.CloneResult;
import dev.driftless.presets.run.PresetRunner;
import io.kestra.core.models.annotations.Example;
import io.kestra.core.models.annotations.Plugin;
import io.kestra.core.models.annotations.PluginProperty;
import io.kestra.core.models.property.Property;
import io.kestra.core.models.tasks.RunnableTask;
import io.kestra.core.runners.RunContext;
import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.file.Path;
import lombok.Builder;
import lombok.EqualsAndHashCode;
import lombok.Getter;
import lombok.NoArgsConstructor;
import lombok.ToString;
import lombok.experimental.SuperBuilder;

@SuperBuilder
@NoArgsConstructor
@Getter
@ToString(callSuper = true)
@EqualsAndHashCode(callSuper = true)
@Schema(
    title = "Clone a repository into the task's working directory, at a branch, a tag or a commit.",
    description = """
        The Git plugin's Clone, for the tasks that follow it in a `WorkingDirectory`. Shallow by default (`depth: 1`). \
        A commit wins over a tag, and a tag over a branch, as in the Git plugin; a short commit id is looked up on the \
        branch's history first. A directory that is not empty is refused rather than mixed with the clone. SSH host \
        keys are verified by default.""")
@Plugin(examples = {
    @Example(title = "Clone a repository, then upload its Python scripts as namespace files.", full = true,
        code = """
        id: git_scripts
        namespace: company.team

        tasks:
          - id: wdir
            type: io.kestra.plugin.core.flow.WorkingDirectory
            tasks:
              - id: clone_repository
                type: dev.driftless.plugin.Clone
                url: https://github.com/kestra-io/examples
                branch: main

              - id: upload
                type: io.kestra.plugin.core.namespace.UploadFiles
                namespace: company.team
                files:
                  - "glob:scripts/**/*.py"
        """),
    @Example(title = "Clone a tag of a private repository into a folder of its own.", full = true, code = """
        id: git_clone_tag
        namespace: company.team

        tasks:
          - id: wdir
            type: io.kestra.plugin.core.flow.WorkingDirectory
            tasks:
              - id: clone_repository
                type: dev.driftless.plugin.Clone
                url: https://github.com/kestra-io/private-examples
                username: git_username
                password: "{{ secret('GITHUB_ACCESS_TOKEN') }}"
                tag: v1.4.0
                directory: examples

              - id: log
                type: io.kestra.plugin.core.log.Log
                message: "Cloned {{ outputs.clone_repository.commitId }} into {{ outputs.clone_repository.directory }}"
        """)
})
public class Clone extends AbstractGitTask implements RunnableTask<Clone.Output> {

  @Schema(title = "The directory to clone into, under the working directory",
      description = "The working directory itself by default, as in the Git plugin. It must be empty or not exist.")
  @PluginProperty(group = "destination")
  private Property<String> directory;

  @Schema(title = "The branch to check out", description = "The remote's default branch when not set.")
  @PluginProperty(group = "main")
  private Property<String> branch;

  @Schema(title = "How many commits of history to fetch", description = "1 by default; 0 for all of it.")
  @PluginProperty(group = "advanced")
  @Builder.Default
  private Property<Integer> depth = Property.ofValue(1);

  @Schema(title = "A commit to check out (detached)",
      description = "A full id or a unique prefix of at least 4 hex digits, looked up on `branch`'s history.")
  @PluginProperty(group = "main")
  private Property<String> commit;

  @Schema(title = "A tag to check out (detached)", description = "Wins over `branch`; `commit` wins over it.")
  @PluginProperty(group = "main")
  private Property<String> tag;

  @Schema(title = "Fetch every branch, not only the one checked out",
      description = "True by default, as in the Git plugin.")
  @PluginProperty(group = "advanced")
  @Builder.Default
  private Property<Boolean> cloneAllBranches = Property.ofValue(true);

  @Schema(title = "Leave tags out", description = "False by default.")
  @PluginProperty(group = "advanced")
  @Builder.Default
  private Property<Boolean> noTags = Property.ofValue(false);

  @Schema(title = "Accepted for compatibility with the Git plugin; not used",
      description = "The Git plugin's Clone takes Kestra's address, and does not use it either.")
  @PluginProperty(group = "connection")
  private Property<String> kestraUrl;

  @Schema(title = "Accepted for compatibility with the Git plugin; not used",
      description = "The Git plugin's Clone takes Kestra's credentials, and does not use them either.")
  @PluginProperty(group = "connection")
  private Auth auth;

  @Override
  public Output run(RunContext runContext) throws Exception {
    Rendered r = new Rendered(runContext);
    dev.driftless.presets.Clone.Builder request = remote(runContext, dev.driftless.presets.Clone.builder());
    // The Git plugin clones into the working directory itself unless told otherwise; Kestra refuses a directory
    // outside it.
    Path workingDirectory = runContext.workingDir().path();
    Path into = r.string(directory).map(d -> inside(runContext, d)).orElse(workingDirectory);
    request.directory(into.toString());
    r.string(branch).ifPresent(request::branch);
    r.integer(depth).ifPresent(request::depth);
    r.string(commit).ifPresent(request::commit);
    r.string(tag).ifPresent(request::tag);
    r.bool(cloneAllBranches).ifPresent(request::cloneAllBranches);
    r.bool(noTags).ifPresent(request::noTags);
    r.bool(cloneSubmodules).ifPresent(request::cloneSubmodules);
    dev.driftless.presets.Clone task = request.build();
    CloneResult cloned = PresetRunner.create().clone(task, workingDirectory);
    String where = cloned.directory().toAbsolutePath().normalize().toString();
    runContext.logger().info("Cloned {} at {}{} into {}", task.remote().displayUrl(), cloned.commitId(),
        cloned.branch().map(b -> " (" + b + ")").orElse(""), where);
    return Output.builder().directory(where).commitId(cloned.commitId()).build();
  }

  private static Path inside(RunContext runContext, String directory) {
    try {
      return runContext.workingDir().resolve(Path.of(directory));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("directory: '" + directory + "' is not a relative path inside the task's "
          + "working directory");
    }
  }

  @Builder
  @Getter
  public static class Output implements io.kestra.core.models.tasks.Output {
    @Schema(title = "Where the repository was cloned",
        description = "An absolute path in the task's working directory.")
    private final String directory;

    @Schema(title = "The commit checked out", description = "Its full id.")
    private final String commitId;
  }
}
