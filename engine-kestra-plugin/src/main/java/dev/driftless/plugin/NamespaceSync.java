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
    title = "Sync one namespace's flows, files, apps and tests with Git, either way.",
    description = """
        The Git plugin's NamespaceSync, planned first and applied exactly as planned, in the namespace layout \
        (`<namespace>/flows/<id>.yaml`, `<namespace>/files/...`). The side that is not the source of truth is made \
        equal to it; with `whenMissingInSource: FAIL` nothing at all is written while anything is missing. An invalid \
        file never causes a deletion, and protected namespaces are never written. Driftless: `sourceOfTruth: BOTH` \
        syncs both ways from a baseline kept in the repository, merging edits made on both sides in different lines \
        and showing conflicts rather than guessing (`onConflict`).""")
@Plugin(examples = {
    @Example(title = "Make `company.team` in Kestra what Git says, keeping what Git does not have.", full = true, code = """
        id: namespace_git_sync
        namespace: system

        tasks:
          - id: namespace
            type: dev.driftless.plugin.NamespaceSync
            namespace: company.team
            sourceOfTruth: GIT
            whenMissingInSource: KEEP
            url: https://github.com/org/repo
            branch: main
            username: git_username
            password: "{{ secret('GITHUB_ACCESS_TOKEN') }}"
            protectedNamespaces:
              - system

        triggers:
          - id: every_five_minutes
            type: io.kestra.plugin.core.trigger.Schedule
            cron: "*/5 * * * *"
        """),
    @Example(title = "Edit `company.team` in the UI and in Git: sync both ways, Git's copy winning a conflict.",
        full = true, code = """
        id: namespace_two_way_sync
        namespace: system

        tasks:
          - id: namespace
            type: dev.driftless.plugin.NamespaceSync
            namespace: company.team
            sourceOfTruth: BOTH
            onConflict: GIT
            url: https://github.com/org/repo
            branch: main
            username: git_username
            password: "{{ secret('GITHUB_ACCESS_TOKEN') }}"

        triggers:
          - id: every_five_minutes
            type: io.kestra.plugin.core.trigger.Schedule
            cron: "*/5 * * * *"
        """)
})
public class NamespaceSync extends AbstractTwoWaySyncTask<NamespaceSync.Output> {

  @Schema(title = "The namespace to sync",
      description = "Required. Its folder in Git is named after it (`company.team/flows/...`).")
  @PluginProperty(group = "main")
  @NotNull
  private Property<String> namespace;

  @Schema(title = "Sync the child namespaces too", description = "Driftless: each in its own folder.")
  @PluginProperty(group = "advanced")
  @Builder.Default
  private Property<Boolean> includeChildNamespaces = Property.ofValue(false);

  @Override
  public Output run(RunContext runContext) throws Exception {
    Rendered r = new Rendered(runContext);
    dev.driftless.presets.NamespaceSync.Builder request =
        twoWay(runContext, commit(runContext, connection(runContext, dev.driftless.presets.NamespaceSync.builder())));
    r.string(namespace).ifPresent(request::namespace);
    r.bool(includeChildNamespaces).ifPresent(request::includeChildNamespaces);
    dev.driftless.presets.NamespaceSync task = request.build();
    PresetResult result = execute(runContext, task);
    return common(Output.builder(), task, result).diff(rows(runContext, result)).build();
  }

  @SuperBuilder
  @Getter
  public static class Output extends SyncOutput {
    @Schema(title = "What was synced, as an Ion file",
        description = "As the Git plugin's: one row per resource written: `file` (under `gitDirectory`), `key` "
            + "(`namespace:id`), `kind` (FLOW, FILE, APP, TEST), `action` (ADDED, UPDATED_GIT, UPDATED_KES, DELETED_GIT, "
            + "DELETED_KES). A real run from Kestra outputs the commit's rows instead: `file`, `additions`, `deletions`, "
            + "`changes` (numbers)."
            + " With `sourceOfTruth: BOTH`: the same fields, `action` naming the side written (ADDED_GIT, ADDED_KES, "
            + "UPDATED_GIT, UPDATED_KES, DELETED_GIT, DELETED_KES), MERGED for a merge written to both sides, CONFLICT "
            + "for a conflict, of which nothing is written."
            + " With `rows: DETAILED`, Driftless's rows: a row per change, with `action` and the states the plugin hides"
            + " (and for `BOTH`, `reason` and what each side did since the last sync, `since`).")
    private final URI diff;
  }
}
