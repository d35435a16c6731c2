package dev.driftless.plugin;

import dev.driftless.presets.run.PresetResult;
import io.kestra.core.models.annotations.Example;
import io.kestra.core.models.annotations.Plugin;
import io.kestra.core.models.annotations.PluginProperty;
import io.kestra.core.models.property.Property;
import io.kestra.core.runners.RunContext;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
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
    title = "Sync one flow file from Git into a namespace.",
    description = """
        The Git plugin's SyncFlow, planned first and applied exactly as planned: the flow in `flowPath` is created or \
        updated in `targetNamespace` (its top-level `namespace:` is rewritten to it). It never deletes anything. A \
        `flowPath` that is not a flow file on the branch is an error naming it, and nothing is written.""")
@Plugin(examples = {
    @Example(title = "Deploy one flow from Git when the repository's webhook calls.", full = true, code = """
        id: deploy_one_flow
        namespace: system

        tasks:
          - id: sync_flow
            type: dev.driftless.plugin.SyncFlow
            url: https://github.com/kestra-io/flows
            branch: main
            username: git_username
            password: "{{ secret('GITHUB_ACCESS_TOKEN') }}"
            targetNamespace: prod
            flowPath: flows/hello_world.yml

        triggers:
          - id: github_webhook
            type: io.kestra.plugin.core.trigger.Webhook
            key: "{{ secret('WEBHOOK_KEY') }}"
        """)
})
public class SyncFlow extends AbstractSyncTask<SyncFlow.Output> {

  @Schema(title = "The branch to read",
      description = "`main` by default. A branch that does not exist is an error, never the default branch.")
  @PluginProperty(group = "main")
  @Builder.Default
  private Property<String> branch = Property.ofValue("main");

  @Schema(title = "The namespace the flow goes to", description = "The flow's own `namespace:` is rewritten to it.")
  @PluginProperty(group = "main")
  @NotNull
  private Property<String> targetNamespace;

  @Schema(title = "The flow's file in the repository",
      description = "A `.yml` or `.yaml` file, for example `flows/my_flow.yml`.")
  @PluginProperty(group = "main")
  @NotNull
  private Property<String> flowPath;

  @Override
  public Output run(RunContext runContext) throws Exception {
    Rendered r = new Rendered(runContext);
    dev.driftless.presets.SyncFlow.Builder request = connection(runContext, dev.driftless.presets.SyncFlow.builder());
    r.string(branch).ifPresent(request::branch);
    r.string(targetNamespace).ifPresent(request::targetNamespace);
    r.string(flowPath).ifPresent(request::flowPath);
    dev.driftless.presets.SyncFlow task = request.build();
    PresetResult result = execute(runContext, task);
    Output.OutputBuilder<?, ?> out = common(Output.builder(), task, result).flows(rows(runContext, result));
    result.rows().stream().findFirst().ifPresent(row -> out
        .flowId((String) row.get("flowId"))
        .namespace((String) row.get("namespace"))
        .revision(revision(row)));
    return out.build();
  }

  private static Integer revision(Map<String, Object> row) {
    return row.get("revision") instanceof Number n ? n.intValue() : null;
  }

  @SuperBuilder
  @Getter
  public static class Output extends SyncOutput {
    @Schema(title = "The flow's id", description = "As written in the flow file.")
    private final String flowId;

    @Schema(title = "The flow's namespace", description = "`targetNamespace`.")
    private final String namespace;

    @Schema(title = "The flow's revision in Kestra",
        description = "After the write; the revision Kestra holds now for a dry run or an unchanged flow, none for a flow "
            + "a dry run would create.")
    private final Integer revision;

    @Schema(title = "The flow synced, as an Ion file",
        description = "One row, in SyncFlows' shape: `gitPath`, `syncState` (ADDED, UPDATED, UNCHANGED), `flowId`, "
            + "`namespace`, `revision`."
            + " With `rows: DETAILED`, Driftless's rows: a row per change, with `action` and the states the plugin hides.")
    private final URI flows;
  }
}
