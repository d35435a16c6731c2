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
    title = "Sync flows from a Git directory into a namespace (Git is the source of truth).",
    description = """
        The Git plugin's SyncFlows, planned first and applied exactly as planned. A flow's namespace is \
        `targetNamespace` plus its sub-folders under `gitDirectory`. Unlike the Git plugin, a missing directory is an \
        error (never an empty source), an invalid flow never causes a deletion, `system` is protected, and the flow \
        running this task is never deleted.""")
@Plugin(examples = {
    @Example(title = "Sync flows from Git every minute, deleting those Git no longer has.", full = true, code = """
        id: sync_flows_from_git
        namespace: system

        tasks:
          - id: git
            type: dev.driftless.plugin.SyncFlows
            url: https://github.com/kestra-io/flows
            branch: main
            username: git_username
            password: "{{ secret('GITHUB_ACCESS_TOKEN') }}"
            targetNamespace: git
            includeChildNamespaces: true
            gitDirectory: flows
            delete: true
            dryRun: true

        triggers:
          - id: every_minute
            type: io.kestra.plugin.core.trigger.Schedule
            cron: "*/1 * * * *"
        """)
})
public class SyncFlows extends AbstractSyncTask<SyncFlows.Output> {

  @Schema(title = "The branch to read",
      description = "`main` by default. A branch that does not exist is an error, never the default branch.")
  @PluginProperty(group = "main")
  @Builder.Default
  private Property<String> branch = Property.ofValue("main");

  @Schema(title = "The namespace the flows go to",
      description = "Sub-folders of `gitDirectory` become child namespaces.")
  @PluginProperty(group = "main")
  private Property<String> targetNamespace;

  @Schema(title = "The directory of the flows in the repository", description = "`_flows` by default.")
  @PluginProperty(group = "main")
  @Builder.Default
  private Property<String> gitDirectory = Property.ofValue("_flows");

  @Schema(title = "Sync the child namespaces too (from the sub-folders)",
      description = "False by default. `_flows/a/b/x.yml` goes to `<targetNamespace>.a.b`.")
  @PluginProperty(group = "main")
  @Builder.Default
  private Property<Boolean> includeChildNamespaces = Property.ofValue(false);

  @Schema(title = "Delete the flows of the namespace that Git does not have",
      description = "Never a flow that Git has but cannot be read, never in a protected namespace, never the flow running this task.")
  @PluginProperty(group = "main")
  @Builder.Default
  private Property<Boolean> delete = Property.ofValue(false);

  @Schema(title = "Warn about invalid flows instead of failing",
      description = "An invalid flow still blocks every deletion it could hide.")
  @PluginProperty(group = "advanced")
  @Builder.Default
  private Property<Boolean> ignoreInvalidFlows = Property.ofValue(false);

  @Schema(title = "Fail when `gitDirectory` does not exist",
      description = "When false, a missing directory reads as empty, and nothing is deleted because of it.")
  @PluginProperty(group = "advanced")
  @Builder.Default
  private Property<Boolean> failOnMissingDirectory = Property.ofValue(true);

  @Override
  public Output run(RunContext runContext) throws Exception {
    Rendered r = new Rendered(runContext);
    dev.driftless.presets.SyncFlows.Builder request = connection(runContext, dev.driftless.presets.SyncFlows.builder());
    r.string(branch).ifPresent(request::branch);
    r.string(targetNamespace).ifPresent(request::targetNamespace);
    r.string(gitDirectory).ifPresent(request::gitDirectory);
    r.bool(includeChildNamespaces).ifPresent(request::includeChildNamespaces);
    r.bool(delete).ifPresent(request::delete);
    r.bool(ignoreInvalidFlows).ifPresent(request::ignoreInvalidFlows);
    r.bool(failOnMissingDirectory).ifPresent(request::failOnMissingDirectory);
    dev.driftless.presets.SyncFlows task = request.build();
    PresetResult result = execute(runContext, task);
    return common(Output.builder(), task, result).flows(rows(runContext, result)).build();
  }

  @SuperBuilder
  @Getter
  public static class Output extends SyncOutput {
    @Schema(title = "The flows synced, as an Ion file",
        description = "As the Git plugin's: one row per flow in Git and per flow deleted: `gitPath` (null when deleted), "
            + "`syncState` (ADDED, UPDATED, UNCHANGED, DELETED), `flowId`, `namespace`, `revision` (after the run)."
            + " With `rows: DETAILED`, Driftless's rows: a row per change, with `action` and the states the plugin hides.")
    private final URI flows;
  }
}
