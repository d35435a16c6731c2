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
    title = "Commit a namespace's flows to a Git directory (Kestra is the source of truth).",
    description = """
        The Git plugin's PushFlows, planned first and applied exactly as planned, in one commit. Child namespaces \
        become sub-folders. With `targetNamespace`, only each flow's top-level `namespace:` is rewritten (`dev` to \
        `prod`); subflow references and look-alike text are left as they are. Deletion only ever removes flow files \
        this task manages.""")
@Plugin(examples = {
    @Example(title = "Push the `hello_world` flow of `dev` to the `develop` branch as a `prod` flow; a dry run first.",
        full = true, code = """
        id: push_to_git
        namespace: system

        tasks:
          - id: commit_and_push
            type: dev.driftless.plugin.PushFlows
            username: git_username
            password: "{{ secret('GITHUB_ACCESS_TOKEN') }}"
            url: https://github.com/kestra-io/flows
            branch: develop
            flows:
              - hello_world
            sourceNamespace: dev
            targetNamespace: prod
            gitDirectory: flows
            commitMessage: "changes to kestra flows"
            dryRun: true
        """),
    @Example(title = "Push every flow of `dev` and its child namespaces every hour.", full = true, code = """
        id: push_to_git
        namespace: system

        tasks:
          - id: commit_and_push
            type: dev.driftless.plugin.PushFlows
            url: https://github.com/kestra-io/scripts
            username: git_username
            password: "{{ secret('GITHUB_ACCESS_TOKEN') }}"
            branch: kestra
            sourceNamespace: dev
            targetNamespace: prod
            includeChildNamespaces: true
            flows: "*"
            commitMessage: "push all development flows"

        triggers:
          - id: hourly
            type: io.kestra.plugin.core.trigger.Schedule
            cron: "0 * * * *"
        """),
    @Example(title = "A flow that pushes itself: `flows` is the running flow's id.", full = true, code = """
        id: my_flow
        namespace: company.team

        tasks:
          - id: push_me
            type: dev.driftless.plugin.PushFlows
            url: https://github.com/kestra-io/flows
            username: git_username
            password: "{{ secret('GITHUB_ACCESS_TOKEN') }}"
            flows: "{{ flow.id }}"
            delete: false
        """)
})
public class PushFlows extends AbstractPushTask<PushFlows.Output> {

  @Schema(title = "The directory of the flows in the repository",
      description = "Child namespaces are sub-folders of it.")
  @PluginProperty(group = "destination")
  @Builder.Default
  private Property<String> gitDirectory = Property.ofValue("_flows");

  @Schema(title = "The namespace whose flows are pushed",
      description = "The namespace of the flow running this task by default.")
  @PluginProperty(group = "source")
  @Builder.Default
  private Property<String> sourceNamespace = Property.ofExpression("{{ flow.namespace }}");

  @Schema(title = "The namespace the flows have in Git",
      description = "`sourceNamespace` by default. Each flow's top-level `namespace:` is rewritten to it, child namespaces "
          + "keeping their suffix (`dev.team` becomes `prod.team`).")
  @PluginProperty(group = "destination")
  private Property<String> targetNamespace;

  @Schema(title = "The flows to push, by id",
      description = "An id or a glob (`my_flow`, `etl_*`), a list of them, or an expression rendering to either "
          + "(`{{ flow.id }}`, a JSON list). Every flow of the namespace when not set.",
      oneOf = {String.class, String[].class})
  @PluginProperty(dynamic = true, group = "source")
  private Object flows;

  @Schema(title = "Push the child namespaces' flows too, as sub-folders",
      description = "False by default. `dev.team` goes to `<gitDirectory>/team/`.")
  @PluginProperty(group = "source")
  @Builder.Default
  private Property<Boolean> includeChildNamespaces = Property.ofValue(false);

  @Override
  public Output run(RunContext runContext) throws Exception {
    Rendered r = new Rendered(runContext);
    dev.driftless.presets.PushFlows.Builder request =
        commit(runContext, connection(runContext, dev.driftless.presets.PushFlows.builder()));
    r.string(branch).ifPresent(request::branch);
    r.bool(delete).ifPresent(request::delete);
    r.string(gitDirectory).ifPresent(request::gitDirectory);
    r.string(sourceNamespace).ifPresent(request::sourceNamespace);
    r.string(targetNamespace).ifPresent(request::targetNamespace);
    request.addAllFlows(r.names(flows, "flows"));
    r.bool(includeChildNamespaces).ifPresent(request::includeChildNamespaces);
    dev.driftless.presets.PushFlows task = request.build();
    PresetResult result = execute(runContext, task);
    return common(Output.builder(), task, result).flows(rows(runContext, result)).build();
  }

  @SuperBuilder
  @Getter
  public static class Output extends SyncOutput {
    @Schema(title = "The flow files pushed, as an Ion file",
        description = "As the Git plugin's: one row per file the commit changes (none for an unchanged one): `file`, "
            + "`additions` (`\"+N\"`), `deletions` (`\"-N\"`), `changes` (`\"N\"`, lines replaced), all strings."
            + " With `rows: DETAILED`, Driftless's rows: a row per change, with `action` and the states the plugin hides.")
    private final URI flows;
  }
}
