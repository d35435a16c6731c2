package dev.driftless.plugin;

import dev.driftless.apply.ApplyResult;
import dev.driftless.apply.ChangeResult;
import dev.driftless.plan.PlanOptions;
import dev.driftless.core.render.PlanText;
import dev.driftless.kestra.KestraAuth;
import dev.driftless.plan.Plan;
import dev.driftless.resource.ResourceKey;
import dev.driftless.plan.Summary;
import dev.driftless.policy.Guards;
import dev.driftless.presets.FieldGroups;
import dev.driftless.presets.KestraConnection;
import dev.driftless.presets.RowDetail;
import dev.driftless.presets.SyncTask;
import dev.driftless.presets.run.PresetResult;
import dev.driftless.presets.run.PresetRunner;
import io.kestra.core.exceptions.IllegalVariableEvaluationException;
import io.kestra.core.models.annotations.PluginProperty;
import io.kestra.core.models.executions.metrics.Counter;
import io.kestra.core.models.property.Property;
import io.kestra.core.models.tasks.RunnableTask;
import io.kestra.core.runners.RunContext;
import io.swagger.v3.oas.annotations.media.Schema;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import lombok.Builder;
import lombok.EqualsAndHashCode;
import lombok.Getter;
import lombok.NoArgsConstructor;
import lombok.ToString;
import lombok.experimental.SuperBuilder;
import org.slf4j.Logger;

/**
 * A task that plans and applies through the engine: Kestra's API settings, {@code dryRun}, and the
 * run itself (log lines through the task's logger, the plan's counts as metrics, the rows as an Ion
 * file in Kestra's internal storage). A plan that cannot be applied, an apply that does not
 * complete, or a two-way run that leaves conflicts (once the rest is applied) fails the task with one
 * message; a dry run only the mass-deletion guard holds back, or showing conflicts, does not (it logs
 * the warning, and its rows show the deletions BLOCKED, the conflicts CONFLICT).
 */
@SuperBuilder
@NoArgsConstructor
@Getter
@ToString(callSuper = true)
@EqualsAndHashCode(callSuper = true)
public abstract class AbstractSyncTask<O extends SyncOutput> extends AbstractGitTask implements RunnableTask<O> {

  @Schema(title = "Kestra's API URL",
      description = "The server's configured `kestra.url` by default, else `http://localhost:8080`.")
  @PluginProperty(group = "connection")
  protected Property<String> kestraUrl;

  @Schema(title = "How to sign in to Kestra's API", description = "A user name and password, or an API token.")
  @PluginProperty(group = "connection")
  @ToString.Exclude
  protected Auth auth;

  @Schema(title = "The tenant", description = "Detected from the server when not set (`main` on open-source servers).")
  @PluginProperty(group = "connection")
  protected Property<String> tenantId;

  @Schema(title = "Plan only: write nothing anywhere",
      description = "The plan is logged and the rows are output as for a real run.")
  @PluginProperty(group = "execution")
  @Builder.Default
  protected Property<Boolean> dryRun = Property.ofValue(false);

  @Schema(title = "The output rows: the Git plugin's, or Driftless's detailed ones",
      description = "`PLUGIN` (the default): the rows the Git plugin's task outputs, field for field and value for value, "
          + "so flows that read them read these unchanged. `DETAILED`: the task's field names plus `action`, `side` and "
          + "`namespace`, line counts as numbers, and a row for every change of the plan, with the states the plugin "
          + "hides (KEPT, PROTECTED, BLOCKED; FAILED, STALE, SKIPPED after an apply).")
  @PluginProperty(group = "execution")
  @Builder.Default
  protected Property<RowDetail> rows = Property.ofValue(RowDetail.PLUGIN);

  @Schema(title = "The id of a plan approved to delete more than the guard allows",
      description = "A plan that deletes too much on a side (see `maxDeleteShare`) is held back until approved: the "
          + "task fails (a dry run does not) and its log shows the plan and its id. After reviewing it, set this to that id (an input works well: "
          + "`{{ inputs.approve }}`) and run again; only that exact plan is applied.")
  @PluginProperty(group = "execution")
  protected Property<String> approvedPlanId;

  @Schema(title = "Driftless: hold back a plan deleting more than this share of a side",
      description = "The mass-deletion guard, as octoDNS's: a plan that deletes more than this share (`30%` or `0.3`) "
          + "of what a side holds in scope is held back (its deletions BLOCKED, reason `guard_mass_delete`; a dry run "
          + "still succeeds and shows them, a real run fails and writes nothing) until `approvedPlanId` names it. "
          + "Judged only on a side holding at least `deleteGuardMinPopulation`. Default `30%`.")
  @PluginProperty(group = "execution")
  protected Property<String> maxDeleteShare;

  @Schema(title = "Driftless: the fewest resources a side holds for the share to be judged",
      description = "Below it, a plan passes the guard unless it deletes everything in scope while the source holds "
          + "nothing there (the look of a wrong directory), so a renamed flow syncs without approval. Default `10`.")
  @PluginProperty(group = "execution")
  protected Property<Integer> deleteGuardMinPopulation;

  @Schema(title = "Driftless: deletions allowed without approval",
      description = "A plan deleting at most this many resources on a side passes the guard on that side: the "
          + "approval of a known count, given in advance, for scheduled runs. None by default.")
  @PluginProperty(group = "execution")
  protected Property<Integer> allowedDeletes;

  /** Sets Kestra's rendered settings, {@code dryRun}, {@code rows} and the guard on a task request's builder. */
  protected <B extends FieldGroups.Remote<B> & FieldGroups.Server<B> & FieldGroups.DryRun<B> & FieldGroups.Rows<B>> B
      connection(RunContext runContext, B builder) throws IllegalVariableEvaluationException {
    Rendered r = new Rendered(runContext);
    remote(runContext, builder);
    builder.kestraUrl(r.string(kestraUrl).orElseGet(() -> configuredUrl(runContext)));
    r.string(tenantId).ifPresent(builder::tenantId);
    kestraAuth(r).ifPresent(builder::auth);
    r.bool(dryRun).ifPresent(builder::dryRun);
    r.enumValue(rows, RowDetail.class).ifPresent(builder::rows);
    guards(r).ifPresent(builder::guards);
    return builder;
  }

  /** The mass-deletion guard's properties on top of its defaults; empty when none is set. */
  private Optional<Guards> guards(Rendered r) throws IllegalVariableEvaluationException {
    Optional<String> share = r.string(maxDeleteShare);
    Optional<Integer> population = r.integer(deleteGuardMinPopulation);
    Optional<Integer> allowed = r.integer(allowedDeletes);
    if (share.isEmpty() && population.isEmpty() && allowed.isEmpty()) {
      return Optional.empty();
    }
    Guards guards = Guards.defaults();
    try {
      if (share.isPresent()) {
        guards = guards.withMaxDeleteShare(Guards.share(share.get()));
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(FieldGroups.MAX_DELETE_SHARE + " " + e.getMessage(), e);
    }
    if (population.isPresent()) {
      guards = guards.withMinPopulation(atLeastZero(FieldGroups.DELETE_GUARD_MIN_POPULATION, population.get()));
    }
    if (allowed.isPresent()) {
      guards = guards.withAllowedDeletes(atLeastZero(FieldGroups.ALLOWED_DELETES, allowed.get()));
    }
    return Optional.of(guards);
  }

  private static int atLeastZero(String property, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(property + " must be 0 or more, got " + value);
    }
    return value;
  }

  /** The server's {@code kestra.url}, else the plugin's default. */
  private static String configuredUrl(RunContext runContext) {
    try {
      String url = runContext.render("{{ kestra.url }}");
      return url == null || url.isBlank() ? KestraConnection.DEFAULT_URL : url.trim();
    } catch (IllegalVariableEvaluationException e) {
      return KestraConnection.DEFAULT_URL;
    }
  }

  private Optional<KestraAuth> kestraAuth(Rendered r) throws IllegalVariableEvaluationException {
    if (auth == null) {
      return Optional.empty();
    }
    Optional<String> token = r.string(auth.getApiToken());
    Optional<String> user = r.string(auth.getUsername());
    Optional<String> pass = r.string(auth.getPassword());
    if (token.isPresent() && (user.isPresent() || pass.isPresent())) {
      throw new IllegalArgumentException("auth: set either apiToken or username and password, not both");
    }
    if (token.isPresent()) {
      return Optional.of(new KestraAuth.ApiToken(r.secret(auth.getApiToken(), "auth.apiToken").orElseThrow()));
    }
    if (user.isPresent() != pass.isPresent()) {
      throw new IllegalArgumentException("auth: needs both username and password, or an apiToken");
    }
    if (user.isPresent()) {
      return Optional.of(new KestraAuth.Basic(user.get(), r.secret(auth.getPassword(), "auth.password").orElseThrow()));
    }
    return Optional.empty();
  }

  /**
   * Plans and applies a task request (plans only for a dry run), logging the plan and its outcome.
   *
   * @throws SyncFailedException when the plan cannot be applied or the apply does not complete
   */
  protected PresetResult execute(RunContext runContext, SyncTask task)
      throws SyncFailedException, IllegalVariableEvaluationException {
    Logger logger = runContext.logger();
    PlanOptions.Builder builder = PlanOptions.builder()
        .maxDiffLines(100_000)
        .putMetadata("kestra-task", getId() == null ? "" : getId())
        .putMetadata("kestra-flow", runContext.flowInfo().namespace() + "." + runContext.flowInfo().id());
    Optional<String> approved = new Rendered(runContext).string(approvedPlanId);
    approved.ifPresent(builder::approvedPlanId);
    PlanOptions options = builder.build();
    PresetRunner runner = PresetRunner.create()
        .withOptions(options)
        .withRunningFlow(ResourceKey.flow(runContext.flowInfo().namespace(), runContext.flowInfo().id()))
        .withProgress(logger::info)
        .withListener((ChangeResult r, int done, int total) -> logger.debug("{} of {} applied", done, total));
    PresetResult result = runner.run(task);
    Plan plan = result.plan();
    logger.info("{}", PlanText.render(plan));
    result.result().ifPresent(applied -> logger.info("{}", describe(applied)));
    if (task.dryRun()) {
      logger.info("Dry run: nothing was written.");
    }
    metrics(runContext, plan.summary());
    if (result.isHeldBack()) {
      logger.warn("{}", result.heldBackWarning());
    }
    if (!result.conflicts().isEmpty()) {
      logger.warn("{}", result.conflictMessage());
    }
    if (result.isSuccess()) {
      return result;
    }
    if (!plan.isApplyable()) {
      throw new SyncFailedException("The plan cannot be applied (" + plan.summary().line() + ") "
          + String.join(" ", plan.errors().stream().map(d -> d.render()).toList()));
    }
    if (result.result().filter(r -> !r.isComplete()).isPresent()) {
      throw new SyncFailedException("The apply did not complete: " + result.result().get().line());
    }
    if (!result.conflicts().isEmpty()) {
      throw new SyncFailedException(result.conflictMessage());
    }
    return result;
  }

  private static void metrics(RunContext runContext, Summary s) {
    runContext.metric(Counter.of("create", s.create()));
    runContext.metric(Counter.of("update", s.update()));
    runContext.metric(Counter.of("delete", s.delete()));
    runContext.metric(Counter.of("keep", s.keep()));
    runContext.metric(Counter.of("protect", s.protect()));
    runContext.metric(Counter.of("blocked", s.blocked()));
    runContext.metric(Counter.of("unchanged", s.noOp()));
  }

  private static String describe(ApplyResult result) {
    if (result.isComplete()) {
      int n = result.results().size();
      return "Apply complete! " + n + (n == 1 ? " change applied" : " changes applied");
    }
    return "Apply incomplete. " + result.line();
  }

  /** The task's rows as an Ion file in Kestra's internal storage. */
  protected static URI rows(RunContext runContext, PresetResult result) throws IOException {
    Path file = runContext.workingDir().createTempFile(result.ion(), ".ion");
    return runContext.storage().putFile(file.toFile());
  }

  /** The outputs every sync task has. */
  protected static <B extends SyncOutput.SyncOutputBuilder<?, ?>> B common(B builder, SyncTask task,
      PresetResult result) {
    builder.commitId(result.commitId().orElse(null));
    builder.commitURL(result.commitUrl().orElse(null));
    builder.planId(result.plan().id());
    builder.summary(result.plan().summary().line());
    builder.dryRun(task.dryRun());
    return builder;
  }
}
