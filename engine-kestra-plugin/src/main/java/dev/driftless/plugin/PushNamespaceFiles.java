package dev.driftless.plugin;

import dev.driftless.presets.run.PresetResult;
import io.kestra.core.models.annotations.Example;
import io.kestra.core.models.annotations.Plugin;
import io.kestra.core.models.annotations.PluginProperty;
import io.kestra.core.models.property.Property;
import io.kestra.core.runners.RunContext;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
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
    title = "Commit a namespace's files to a Git directory (Kestra is the source of truth).",
    description = """
        The Git plugin's PushNamespaceFiles, planned first and applied exactly as planned, in one commit. Deletion only \
        ever removes files this task manages (those `files` selects); never a README or anything else beside them.""")
@Plugin(examples = {
    @Example(title = "Push every file of `dev` to the `dev` branch every 15 minutes.", full = true, code = """
        id: push_to_git
        namespace: system

        tasks:
          - id: commit_and_push
            type: dev.driftless.plugin.PushNamespaceFiles
            namespace: dev
            files: "*"
            gitDirectory: _files
            url: https://github.com/kestra-io/scripts
            username: git_username
            password: "{{ secret('GITHUB_ACCESS_TOKEN') }}"
            branch: dev
            commitMessage: "add namespace files"

        triggers:
          - id: schedule_push_to_git
            type: io.kestra.plugin.core.trigger.Schedule
            cron: "*/15 * * * *"
        """)
})
public class PushNamespaceFiles extends AbstractPushTask<PushNamespaceFiles.Output> {

  @Schema(title = "The namespace whose files are pushed",
      description = "The namespace of the flow running this task by default.")
  @PluginProperty(group = "source")
  @Builder.Default
  private Property<String> namespace = Property.ofExpression("{{ flow.namespace }}");

  @Schema(title = "The directory of the files in the repository", description = "`_files` by default.")
  @PluginProperty(group = "destination")
  @Builder.Default
  private Property<String> gitDirectory = Property.ofValue("_files");

  @Schema(title = "The files to push, by path",
      description = "A glob (`scripts/**`, `*.py`), a list of them, or an expression rendering to either. Every file of "
          + "the namespace when not set.",
      oneOf = {String.class, String[].class})
  @PluginProperty(dynamic = true, group = "source")
  private Object files;

  @Schema(title = "Fail when `files` selects nothing", description = "Nothing is written then.")
  @PluginProperty(group = "reliability")
  @Builder.Default
  private Property<Boolean> errorOnMissing = Property.ofValue(false);

  @Schema(title = "Push the child namespaces' files too",
      description = "Driftless: each child namespace is a folder under `gitDirectory` named after it.")
  @PluginProperty(group = "advanced")
  @Builder.Default
  private Property<Boolean> includeChildNamespaces = Property.ofValue(false);

  @Override
  public Output run(RunContext runContext) throws Exception {
    Rendered r = new Rendered(runContext);
    dev.driftless.presets.PushNamespaceFiles.Builder request =
        commit(runContext, connection(runContext, dev.driftless.presets.PushNamespaceFiles.builder()));
    r.string(branch).ifPresent(request::branch);
    r.bool(delete).ifPresent(request::delete);
    r.string(namespace).ifPresent(request::namespace);
    r.string(gitDirectory).ifPresent(request::gitDirectory);
    request.addAllFiles(r.names(files, "files"));
    r.bool(errorOnMissing).ifPresent(request::errorOnMissing);
    r.bool(includeChildNamespaces).ifPresent(request::includeChildNamespaces);
    dev.driftless.presets.PushNamespaceFiles task = request.build();
    PresetResult result = execute(runContext, task);
    return common(Output.builder(), task, result).files(rows(runContext, result)).build();
  }

  @SuperBuilder
  @Getter
  public static class Output extends SyncOutput {
    @Schema(title = "The files pushed, as an Ion file",
        description = "As the Git plugin's: one row per file the commit changes (none for an unchanged one): `file`, "
            + "`additions` (`\"+N\"`), `deletions` (`\"-N\"`), `changes` (`\"N\"`, lines replaced), all strings."
            + " With `rows: DETAILED`, Driftless's rows: a row per change, with `action` and the states the plugin hides.")
    private final URI files;
  }
}
