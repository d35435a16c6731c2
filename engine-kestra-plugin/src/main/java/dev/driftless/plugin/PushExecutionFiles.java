package dev.driftless.plugin;

import dev.driftless.presets.run.PresetResult;
import io.kestra.core.models.annotations.Example;
import io.kestra.core.models.annotations.Plugin;
import io.kestra.core.models.annotations.PluginProperty;
import io.kestra.core.models.property.Property;
import io.kestra.core.runners.RunContext;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.util.Map;
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
    title = "Commit the running execution's output files to a Git directory.",
    description = """
        The Git plugin's PushExecutionFiles, planned first and applied exactly as planned, in one commit. The files are \
        the output files of the execution running this task (those of its finished task runs), read through Kestra's \
        API, so the task needs `kestraUrl` and `auth` when the server asks for them. It never deletes anything: a file \
        an earlier execution pushed is kept. Unlike the Git plugin, files in the task's working directory are not read.""")
@Plugin(examples = {
    @Example(title = "Download a report, then commit it under `reports/` with a name of its own.", full = true, code = """
        id: daily_report
        namespace: company.team

        tasks:
          - id: report
            type: io.kestra.plugin.core.http.Download
            uri: https://reports.example.com/daily.csv

          - id: push_report
            type: dev.driftless.plugin.PushExecutionFiles
            url: https://github.com/kestra-io/reports
            username: git_username
            password: "{{ secret('GITHUB_ACCESS_TOKEN') }}"
            auth:
              username: admin@kestra.io
              password: "{{ secret('KESTRA_PASSWORD') }}"
            gitDirectory: reports
            filesMap:
              "{{ execution.startDate | date('yyyy-MM-dd') }}.csv": "{{ outputs.report.uri }}"
            commitMessage: "report of {{ execution.id }}"
        """)
})
public class PushExecutionFiles extends AbstractPushTask<PushExecutionFiles.Output> {

  @Schema(title = "The directory of the files in the repository", description = "`_outputs` by default.")
  @PluginProperty(group = "destination")
  @Builder.Default
  private Property<String> gitDirectory = Property.ofValue("_outputs");

  @Schema(title = "The output files to push, by name",
      description = "A glob (`*.csv`), a list of them, or an expression rendering to either (a JSON list). Every output "
          + "file of the execution when neither this nor `filesMap` is set.",
      oneOf = {String.class, String[].class})
  @PluginProperty(dynamic = true, group = "source")
  private Object files;

  @Schema(title = "The files to push: their name in Git to their `kestra://` URI",
      description = "A map, or an expression rendering to a JSON object. Wins over `files`.",
      anyOf = {Map.class, String.class})
  @PluginProperty(dynamic = true, group = "source")
  private Object filesMap;

  @Schema(title = "Fail when nothing is selected", description = "Nothing is written then.")
  @PluginProperty(group = "reliability")
  @Builder.Default
  private Property<Boolean> errorOnMissing = Property.ofValue(false);

  @Schema(title = "Accepted for compatibility with the Git plugin; nothing is deleted",
      description = "In the Git plugin (true there by default) the files under `gitDirectory` that the execution does "
          + "not push are removed. Driftless keeps every file an earlier execution pushed; when this is true, the log "
          + "says so in a warning.")
  @PluginProperty(group = "advanced")
  private Property<Boolean> delete;

  @Override
  public Output run(RunContext runContext) throws Exception {
    Rendered r = new Rendered(runContext);
    dev.driftless.presets.PushExecutionFiles.Builder request =
        commit(runContext, connection(runContext, dev.driftless.presets.PushExecutionFiles.builder()));
    request.executionId(executionId(runContext));
    r.string(branch).ifPresent(request::branch);
    r.string(gitDirectory).ifPresent(request::gitDirectory);
    request.addAllFiles(r.names(files, "files"));
    request.putAllFilesMap(r.stringMap(filesMap, "filesMap"));
    r.bool(errorOnMissing).ifPresent(request::errorOnMissing);
    r.bool(delete).ifPresent(request::delete);
    dev.driftless.presets.PushExecutionFiles task = request.build();
    PresetResult result = execute(runContext, task);
    return common(Output.builder(), task, result).files(rows(runContext, result)).build();
  }

  /** The running execution's id. */
  private static String executionId(RunContext runContext) {
    if (runContext.getVariables().get("execution") instanceof Map<?, ?> execution
        && execution.get("id") instanceof String id && !id.isBlank()) {
      return id;
    }
    throw new IllegalStateException("PushExecutionFiles pushes the output files of the execution running it, and this "
        + "task runs outside an execution");
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
