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
    title = "Sync namespace files from a Git directory into a namespace (Git is the source of truth).",
    description = """
        The Git plugin's SyncNamespaceFiles, planned first and applied exactly as planned. Unlike the Git plugin, a \
        missing directory is an error (never an empty source that would delete every file), and with `delete: true` \
        only files under the synced directory are deleted.""")
@Plugin(examples = {
    @Example(title = "Sync the files of `prod` from the `_files` directory every minute.", full = true, code = """
        id: sync_files_from_git
        namespace: system

        tasks:
          - id: git
            type: dev.driftless.plugin.SyncNamespaceFiles
            namespace: prod
            gitDirectory: _files
            url: https://github.com/kestra-io/flows
            branch: main
            username: git_username
            password: "{{ secret('GITHUB_ACCESS_TOKEN') }}"

        triggers:
          - id: every_minute
            type: io.kestra.plugin.core.trigger.Schedule
            cron: "*/1 * * * *"
        """)
})
public class SyncNamespaceFiles extends AbstractSyncTask<SyncNamespaceFiles.Output> {

  @Schema(title = "The branch to read",
      description = "`main` by default. A branch that does not exist is an error, never the default branch.")
  @PluginProperty(group = "main")
  @Builder.Default
  private Property<String> branch = Property.ofValue("main");

  @Schema(title = "The namespace the files go to",
      description = "The namespace of the flow running this task by default.")
  @PluginProperty(group = "main")
  @Builder.Default
  private Property<String> namespace = Property.ofExpression("{{ flow.namespace }}");

  @Schema(title = "The directory of the files in the repository", description = "`_files` by default.")
  @PluginProperty(group = "main")
  @Builder.Default
  private Property<String> gitDirectory = Property.ofValue("_files");

  @Schema(title = "Delete the files of the namespace that Git does not have",
      description = "False by default. Never a file Git has but cannot read, never in a protected namespace.")
  @PluginProperty(group = "main")
  @Builder.Default
  private Property<Boolean> delete = Property.ofValue(false);

  @Schema(title = "Fail when `gitDirectory` does not exist",
      description = "When false, a missing directory reads as empty, and nothing is deleted because of it.")
  @PluginProperty(group = "advanced")
  @Builder.Default
  private Property<Boolean> failOnMissingDirectory = Property.ofValue(true);

  @Schema(title = "Sync the child namespaces too",
      description = "Driftless: each child namespace is a folder under `gitDirectory` named after it (`_files/prod.team/...`).")
  @PluginProperty(group = "advanced")
  @Builder.Default
  private Property<Boolean> includeChildNamespaces = Property.ofValue(false);

  @Schema(title = "The directory in the namespace that `gitDirectory` maps to",
      description = "Driftless: for example `scripts`; the namespace's root by default. Only files under it are synced "
          + "(and deleted).")
  @PluginProperty(group = "advanced")
  private Property<String> namespaceDirectory;

  @Override
  public Output run(RunContext runContext) throws Exception {
    Rendered r = new Rendered(runContext);
    dev.driftless.presets.SyncNamespaceFiles.Builder request =
        connection(runContext, dev.driftless.presets.SyncNamespaceFiles.builder());
    r.string(branch).ifPresent(request::branch);
    r.string(namespace).ifPresent(request::namespace);
    r.string(gitDirectory).ifPresent(request::gitDirectory);
    r.bool(delete).ifPresent(request::delete);
    r.bool(failOnMissingDirectory).ifPresent(request::failOnMissingDirectory);
    r.bool(includeChildNamespaces).ifPresent(request::includeChildNamespaces);
    r.string(namespaceDirectory).ifPresent(request::namespaceDirectory);
    dev.driftless.presets.SyncNamespaceFiles task = request.build();
    PresetResult result = execute(runContext, task);
    return common(Output.builder(), task, result).files(rows(runContext, result)).build();
  }

  @SuperBuilder
  @Getter
  public static class Output extends SyncOutput {
    @Schema(title = "The files synced, as an Ion file",
        description = "As the Git plugin's: one row per file in Git and per file deleted: `gitPath` (null when deleted), "
            + "`syncState` (ADDED, OVERWRITTEN, UNCHANGED, DELETED), `kestraPath` (`/<namespace as folders>/_files/<path>`)."
            + " With `rows: DETAILED`, Driftless's rows: a row per change, with `action` and the states the plugin hides.")
    private final URI files;
  }
}
