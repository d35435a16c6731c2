package dev.driftless.cli;

import dev.driftless.presets.FlowFile;
import dev.driftless.presets.FlowTask;
import dev.driftless.presets.RowDetail;
import dev.driftless.presets.SyncTask;
import dev.driftless.presets.TaskEnvironment;
import dev.driftless.presets.TaskFile;
import dev.driftless.plan.PlanOptions;
import dev.driftless.policy.Guards;
import dev.driftless.presets.run.PresetResult;
import dev.driftless.presets.run.PresetRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code driftless run task.yaml}: runs a Kestra Git plugin task definition (or a flow of them) as
 * a Kestra user already has it: {@code type: io.kestra.plugin.git.NamespaceSync} and its
 * properties, secrets as {@code {{ secret('NAME') }}} from the environment.
 *
 * <p>A flow runs as Kestra runs it, as far as that is known outside Kestra ({@link TaskFile}): its
 * {@code pluginDefaults} apply, a disabled task or one whose {@code runIf} is false is skipped, and
 * the tasks run in order until one fails (its plan refused or held back, its apply incomplete, or
 * an error): the flow stops there and the run exits 1, unless the task says
 * {@code allowFailure: true}. No task deletes the flow that wraps them, as the plugin promises for
 * the flow it runs in. Tasks that set no {@code kestraUrl} or {@code auth} reach the Kestra of
 * {@code KESTRA_URL} with the credentials {@code plan} reads ({@code KESTRA_API_TOKEN}, or
 * {@code KESTRA_USERNAME} and {@code KESTRA_PASSWORD}).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run a Kestra Git plugin task file (one task, or a flow whose tasks are Git plugin tasks).",
        "{{ secret('NAME') }} reads SECRET_NAME (base64, as Kestra does) or NAME from the environment;",
        "a literal credential in the file is refused. Tasks without kestraUrl or auth use KESTRA_URL",
        "(else http://localhost:8080) and KESTRA_API_TOKEN, or KESTRA_USERNAME and KESTRA_PASSWORD.",
        "A failed task stops the flow unless it sets allowFailure: true.", ""})
final class RunCommand implements Callable<Integer> {

  @ParentCommand
  Main main;

  @Parameters(index = "0", paramLabel = "TASK_FILE", description = "The task (or flow) YAML file.")
  Path taskFile;

  @Option(names = "--dry-run", description = "Plan only, whatever the task's dryRun says.")
  boolean dryRun;

  @Option(names = "--tenant", description = "The Kestra tenant: {{ flow.tenantId }}, and the tenantId of tasks that set "
      + "none (default: KESTRA_TENANT; else detected, and {{ flow.tenantId }} is main).")
  String tenant;

  @Option(names = "--rewrite-url", paramLabel = "FROM=TO", converter = UrlRewrite.Converter.class,
      description = "Reach a Git url or kestraUrl of the file that starts with FROM at TO instead, the file unchanged "
          + "(as git's url.<TO>.insteadOf <FROM>; the longest FROM wins). Repeatable.")
  List<UrlRewrite> rewriteUrls = new ArrayList<>();

  @Option(names = "--rows", paramLabel = "FILE", description = "Write the diff rows as an Ion file (one struct per line).")
  Path rows;

  @Option(names = "--row-detail", paramLabel = "PLUGIN|DETAILED", description = "The rows of every task: the Git "
      + "plugin's (PLUGIN) or Driftless's (DETAILED), whatever the task's rows says (default: the task's, PLUGIN).")
  RowDetail rowDetail;

  @Option(names = "--approve", paramLabel = "PLAN_ID", description = "Approve this exact plan despite a mass-deletion guard.")
  String approve;

  @Option(names = "--cache-dir", paramLabel = "DIR", description = "Keep fetched Git objects, and what each file was found to be, here between runs.")
  Path cacheDir;

  @Option(names = "--max-file-size", paramLabel = "SIZE", converter = ByteSize.class,
      description = "The size limit of one file or flow, on both sides (default: 10MiB). A larger one is blocked: "
          + "never written, overwritten or deleted.")
  Long maxFileSize;

  @Mixin
  GuardOptions guards;

  @Mixin
  OutputOptions output;

  @Override
  public Integer call() {
    String text;
    try {
      text = Files.readString(taskFile, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserError("task file " + taskFile + " does not exist");
    } catch (IOException e) {
      throw new UserError("cannot read task file " + taskFile + ": " + e.getMessage(), e);
    }
    FlowFile file = TaskFile.read(text, taskFile.toString(), environment(main.env));
    Console console = main.console();
    PlanOptions.Builder options = PlanOptions.builder().maxDiffLines(100_000).putMetadata("task-file", taskFile.toString());
    if (maxFileSize != null) {
      options.maxResourceBytes(maxFileSize);
    }
    if (approve != null) {
      options.approvedPlanId(approve);
    }
    PresetRunner runner = PresetRunner.create().withDryRun(dryRun).withOptions(options.build())
        .withProgress(console::progress)
        .withListener((r, done, total) -> console.progress(done + " of " + total + " applied"));
    if (guards.isSet()) {
      guards.applyTo(Guards.defaults()); // every bad flag refused before any task runs
      runner = runner.withGuards(guards::applyTo);
    }
    if (cacheDir != null) {
      runner = runner.withCacheDirectory(cacheDir);
    }
    if (rowDetail != null) {
      runner = runner.withRowDetail(rowDetail);
    }
    if (file.flow().isPresent()) {
      runner = runner.withRunningFlow(file.flow().get());
    }
    TaskLoop.Result ran = TaskLoop.of(runner, Path.of("")).run(file.tasks(), new Printed(console));
    return ran.isSuccess() ? 0 : 1;
  }

  /**
   * What the file's surroundings give it: the secrets, the tenant, and the Kestra server and
   * credentials of tasks without {@code kestraUrl} or {@code auth}, read as {@code plan} reads them
   * (and only when a task needs them).
   */
  private TaskEnvironment environment(Map<String, String> env) {
    return environment(env, Optional.ofNullable(tenant)).withUrls(UrlRewrite.of(rewriteUrls));
  }

  /** {@link #environment(Map)} for a command whose tenant is {@code tenant}, when given ({@code driftless watch}). */
  static TaskEnvironment environment(Map<String, String> env, Optional<String> tenant) {
    TaskEnvironment environment = TaskEnvironment.of(Secrets.fromEnvironment(env))
        .withKestraAuth(() -> CliKestraConnection.auth(env));
    Optional<String> givenTenant = tenant.or(() -> nonBlank(env, "KESTRA_TENANT"));
    if (givenTenant.isPresent()) {
      environment = environment.withTenantId(givenTenant.get());
    }
    Optional<String> url = nonBlank(env, "KESTRA_URL");
    if (url.isPresent()) {
      environment = environment.withKestraUrl(url.get());
    }
    return environment;
  }

  private static Optional<String> nonBlank(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
  }

  /** The task's type, as the plugin names it, and its id. */
  private static String header(FlowTask task) {
    String type = task.task().map(t -> t.type().typeName()).orElse(task.type());
    return type + (task.id().isEmpty() ? "" : " '" + task.id() + "'");
  }

  /** How {@code run} reports each task: a header, then its plan, outcome and rows, or its error. */
  private final class Printed implements TaskLoop.Report {
    private final Console console;

    Printed(Console console) {
      this.console = console;
    }

    @Override
    public void skipped(FlowTask task) {
      console.out().println("== " + header(task) + ": skipped, " + task.skipped().orElseThrow());
    }

    @Override
    public void starting(FlowTask task) {
      console.out().println("== " + header(task));
    }

    @Override
    public void finished(TaskLoop.Outcome outcome) {
      outcome.cloned().ifPresent(cloned -> console.out().println("Cloned into " + cloned.directory() + " at "
          + cloned.commitId() + cloned.branch().map(b -> " (" + b + ")").orElse("")));
      outcome.result().ifPresent(run -> print(run, (SyncTask) outcome.task().task().orElseThrow()));
      outcome.error().ifPresent(e -> {
        console.clearProgress();
        ErrorLines.of(e).forEach(line -> console.err().println("driftless: " + line));
        if (main.debug) {
          e.printStackTrace(console.err());
        }
      });
    }

    @Override
    public void failureAllowed(FlowTask task) {
      console.note("Task " + task.describe() + " failed; allowFailure: true lets the flow go on, as in Kestra.");
    }

    @Override
    public void stopped(FlowTask failed, List<FlowTask> notRun) {
      if (!notRun.isEmpty()) {
        List<String> next = notRun.stream().map(FlowTask::describe).toList();
        console.note("The flow stops: task " + failed.describe() + " failed, so " + String.join(", ", next)
            + (next.size() == 1 ? " does" : " do") + " not run (allowFailure: true would let it go on).");
      }
    }

    private void print(PresetResult run, SyncTask task) {
      console.progressDone();
      output.print(console, run.plan());
      run.result().ifPresent(r -> console.out().print(Session.describe(run.plan(), r)));
      if (dryRun || task.dryRun()) {
        console.note("Dry run: nothing was written.");
      }
      if (run.isHeldBack()) {
        console.note("Warning: " + run.heldBackWarning());
      }
      if (!run.conflicts().isEmpty()) {
        console.note((run.dryRun() ? "Warning: " : "") + run.conflictMessage());
      }
      run.commitId().ifPresent(id -> console.out().println("commitId: " + id));
      run.commitUrl().ifPresent(url -> console.out().println("commitURL: " + url));
      printRows(console, run.rows());
      if (rows != null) {
        writeRows(run);
      }
    }
  }

  private static void printRows(Console console, List<Map<String, Object>> rows) {
    console.out().println("rows: " + rows.size());
    for (Map<String, Object> row : rows) {
      console.out().println("  " + ErrorLines.oneLine(row.toString()));
    }
  }

  private void writeRows(PresetResult run) {
    try {
      Files.write(rows, run.ion());
    } catch (IOException e) {
      throw new UserError("cannot write the rows to " + rows + ": " + e.getMessage(), e);
    }
  }
}
