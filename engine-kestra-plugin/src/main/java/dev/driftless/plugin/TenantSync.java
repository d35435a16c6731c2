package dev.driftless.plugin;

import dev.driftless.presets.run.PresetResult;
import io.kestra.core.models.annotations.Example;
import io.kestra.core.models.annotations.Plugin;
import io.kestra.core.runners.RunContext;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
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
    title = "Sync every namespace of a tenant (flows, files, apps, tests) and its dashboards with Git, either way.",
    description = """
        The Git plugin's TenantSync, planned first and applied exactly as planned, in the namespace layout (dashboards \
        under `_global/dashboards/`). Unlike the Git plugin, nothing is created while planning: a namespace Git needs \
        is created when the plan is applied, and never when the plan is refused. Protected namespaces (`system` by \
        default) are never written. Driftless: `sourceOfTruth: BOTH` syncs both ways from a baseline kept in the \
        repository (`onConflict` for what both sides changed).""")
@Plugin(examples = {
    @Example(title = "Back the whole tenant up to Git, deleting from Git what Kestra no longer has.", full = true,
        code = """
        id: tenant_git_sync
        namespace: system

        tasks:
          - id: tenant
            type: dev.driftless.plugin.TenantSync
            sourceOfTruth: KESTRA
            whenMissingInSource: DELETE
            url: https://github.com/org/repo
            branch: main
            username: git_username
            password: "{{ secret('GITHUB_ACCESS_TOKEN') }}"
            protectedNamespaces:
              - system
            kestraUrl: http://localhost:8080
            auth:
              username: admin@kestra.io
              password: "{{ secret('KESTRA_PASSWORD') }}"

        triggers:
          - id: nightly
            type: io.kestra.plugin.core.trigger.Schedule
            cron: "0 1 * * *"
        """)
})
public class TenantSync extends AbstractTwoWaySyncTask<TenantSync.Output> {

  @Override
  public Output run(RunContext runContext) throws Exception {
    dev.driftless.presets.TenantSync task =
        twoWay(runContext, commit(runContext, connection(runContext, dev.driftless.presets.TenantSync.builder()))).build();
    PresetResult result = execute(runContext, task);
    return common(Output.builder(), task, result).diff(rows(runContext, result)).build();
  }

  @SuperBuilder
  @Getter
  public static class Output extends SyncOutput {
    @Schema(title = "What was synced, as an Ion file",
        description = "As the Git plugin's: one row per resource written: `file` (in the repository), `key` (the bare "
            + "id or path), `kind` (FLOW, FILE, APP, TEST, DASHBOARD), `action` (ADDED, UPDATED_GIT, UPDATED_KES, "
            + "DELETED_GIT, DELETED_KES). A real run from Kestra outputs the commit's rows instead: `file`, `additions`, "
            + "`deletions`, `changes` (numbers)."
            + " With `sourceOfTruth: BOTH`: the same fields, `action` naming the side written (ADDED_GIT, ADDED_KES, "
            + "UPDATED_GIT, UPDATED_KES, DELETED_GIT, DELETED_KES), MERGED for a merge written to both sides, CONFLICT "
            + "for a conflict, of which nothing is written."
            + " With `rows: DETAILED`, Driftless's rows: a row per change, with `action` and the states the plugin hides"
            + " (and for `BOTH`, `reason` and what each side did since the last sync, `since`).")
    private final URI diff;
  }
}
