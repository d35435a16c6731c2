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
    title = "Sync dashboards from a Git directory into Kestra (Git is the source of truth).",
    description = """
        The Git plugin's SyncDashboards, planned first and applied exactly as planned. Dashboards are matched by id, \
        never by title: two dashboards with one title stay two. A missing directory is an error, never an empty source.""")
@Plugin(examples = {
    @Example(title = "Sync the dashboards in `_dashboards` every hour, deleting those Git no longer has.", full = true,
        code = """
        id: sync_dashboards_from_git
        namespace: system

        tasks:
          - id: git
            type: dev.driftless.plugin.SyncDashboards
            url: https://github.com/kestra-io/dashboards
            branch: main
            username: git_username
            password: "{{ secret('GITHUB_ACCESS_TOKEN') }}"
            gitDirectory: _dashboards
            delete: true

        triggers:
          - id: hourly
            type: io.kestra.plugin.core.trigger.Schedule
            cron: "0 * * * *"
        """)
})
public class SyncDashboards extends AbstractSyncTask<SyncDashboards.Output> {

  @Schema(title = "The branch to read",
      description = "`main` by default. A branch that does not exist is an error, never the default branch.")
  @PluginProperty(group = "main")
  @Builder.Default
  private Property<String> branch = Property.ofValue("main");

  @Schema(title = "The directory of the dashboards in the repository", description = "`_dashboards` by default.")
  @PluginProperty(group = "main")
  @Builder.Default
  private Property<String> gitDirectory = Property.ofValue("_dashboards");

  @Schema(title = "Delete the dashboards that Git does not have",
      description = "False by default. Never a dashboard Git has but cannot read.")
  @PluginProperty(group = "main")
  @Builder.Default
  private Property<Boolean> delete = Property.ofValue(false);

  @Schema(title = "Fail when `gitDirectory` does not exist",
      description = "True by default, as in the Git plugin. When false, a missing directory reads as empty, and a "
          + "`delete` that would remove every dashboard is held back.")
  @PluginProperty(group = "advanced")
  @Builder.Default
  private Property<Boolean> failOnMissingDirectory = Property.ofValue(true);

  @Override
  public Output run(RunContext runContext) throws Exception {
    Rendered r = new Rendered(runContext);
    dev.driftless.presets.SyncDashboards.Builder request =
        connection(runContext, dev.driftless.presets.SyncDashboards.builder());
    r.string(branch).ifPresent(request::branch);
    r.string(gitDirectory).ifPresent(request::gitDirectory);
    r.bool(delete).ifPresent(request::delete);
    r.bool(failOnMissingDirectory).ifPresent(request::failOnMissingDirectory);
    dev.driftless.presets.SyncDashboards task = request.build();
    PresetResult result = execute(runContext, task);
    return common(Output.builder(), task, result).dashboards(rows(runContext, result)).build();
  }

  @SuperBuilder
  @Getter
  public static class Output extends SyncOutput {
    @Schema(title = "The dashboards synced, as an Ion file",
        description = "As the Git plugin's: one row per dashboard in Git and per dashboard deleted: `gitPath` (null when "
            + "deleted), `syncState` (ADDED, UPDATED, UNCHANGED, DELETED), `dashboardId`, `updated` (always null)."
            + " With `rows: DETAILED`, Driftless's rows: a row per change, with `action` and the states the plugin hides.")
    private final URI dashboards;
  }
}
