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
    title = "Commit Kestra's dashboards to a Git directory (Kestra is the source of truth).",
    description = """
        The Git plugin's PushDashboards, planned first and applied exactly as planned, in one commit: one file per \
        dashboard id (`<id>.yml`), never one per title. Deletion only ever removes dashboard files this task manages.""")
@Plugin(examples = {
    @Example(title = "Push every dashboard to the `dashboards` branch each night.", full = true, code = """
        id: push_dashboards
        namespace: system

        tasks:
          - id: commit_and_push
            type: dev.driftless.plugin.PushDashboards
            url: https://github.com/kestra-io/dashboards
            username: git_username
            password: "{{ secret('GITHUB_ACCESS_TOKEN') }}"
            branch: dashboards
            gitDirectory: _dashboards
            commitMessage: "dashboards from Kestra"

        triggers:
          - id: nightly
            type: io.kestra.plugin.core.trigger.Schedule
            cron: "0 2 * * *"
        """)
})
public class PushDashboards extends AbstractPushTask<PushDashboards.Output> {

  @Schema(title = "The directory of the dashboards in the repository", description = "`_dashboards` by default.")
  @PluginProperty(group = "destination")
  @Builder.Default
  private Property<String> gitDirectory = Property.ofValue("_dashboards");

  @Schema(title = "The dashboards to push, by id",
      description = "An id or a glob, a list of them, or an expression rendering to either (a JSON list). Every "
          + "dashboard when not set.",
      oneOf = {String.class, String[].class})
  @PluginProperty(dynamic = true, group = "source")
  private Object dashboards;

  @Override
  public Output run(RunContext runContext) throws Exception {
    Rendered r = new Rendered(runContext);
    dev.driftless.presets.PushDashboards.Builder request =
        commit(runContext, connection(runContext, dev.driftless.presets.PushDashboards.builder()));
    if (new Rendered(runContext).string(getCommitMessage()).isEmpty()) {
      // The plugin's message names the flow running the task, which only Kestra knows.
      request.commitMessage("Add dashboards from flow: " + runContext.flowInfo().id());
    }
    r.string(branch).ifPresent(request::branch);
    r.bool(delete).ifPresent(request::delete);
    r.string(gitDirectory).ifPresent(request::gitDirectory);
    request.addAllDashboards(r.names(dashboards, "dashboards"));
    dev.driftless.presets.PushDashboards task = request.build();
    PresetResult result = execute(runContext, task);
    URI rows = rows(runContext, result);
    return common(Output.builder(), task, result).dashboards(rows).flows(rows).build();
  }

  @SuperBuilder
  @Getter
  public static class Output extends SyncOutput {
    @Schema(title = "The dashboard files pushed, as an Ion file",
        description = "As the Git plugin's: one row per file the commit changes (none for an unchanged one): `file`, "
            + "`additions` (`\"+N\"`), `deletions` (`\"-N\"`), `changes` (`\"N\"`, lines replaced), all strings."
            + " With `rows: DETAILED`, Driftless's rows: a row per change, with `action` and the states the plugin hides.")
    private final URI dashboards;

    @Schema(title = "The same file as `dashboards`, under the name the Git plugin's PushDashboards gives it",
        description = "For flows written for the Git plugin.")
    private final URI flows;
  }
}
