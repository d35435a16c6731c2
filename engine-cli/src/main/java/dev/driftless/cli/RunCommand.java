package dev.driftless.cli;

import dev.driftless.presets.Clone;
import dev.driftless.presets.SyncTask;
import dev.driftless.presets.Task;
import dev.driftless.presets.TaskFile;
import dev.driftless.git.clone.CloneResult;
import dev.driftless.plan.PlanOptions;
import dev.driftless.presets.run.PresetResult;
import dev.driftless.presets.run.PresetRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run a Kestra Git plugin task file (one task, or a flow whose tasks are Git plugin tasks).",
        "{{ secret('NAME') }} reads SECRET_NAME (base64, as Kestra does) or NAME from the environment;",
        "a literal credential in the file is refused.", ""})
final class RunCommand implements Callable<Integer> {

  @ParentCommand
  Main main;

  @Parameters(index = "0", paramLabel = "TASK_FILE", description = "The task (or flow) YAML file.")
  Path taskFile;

  @Option(names = "--dry-run", description = "Plan only, whatever the task's dryRun says.")
  boolean dryRun;

  @Option(names = "--rows", paramLabel = "FILE", description = "Write the diff rows as an Ion file (one struct per line).")
  Path rows;

  @Option(names = "--approve", paramLabel = "PLAN_ID", description = "Approve this exact plan despite a mass-deletion guard.")
  String approve;

  @Option(names = "--cache-dir", paramLabel = "DIR", description = "Keep fetched Git objects, and what each file was found to be, here between runs.")
  Path cacheDir;

  @Option(names = "--max-file-size", paramLabel = "SIZE", converter = ByteSize.class,
      description = "The size limit of one file or flow, on both sides (default: 10MiB). A larger one is blocked: "
          + "never written, overwritten or deleted.")
  Long maxFileSize;

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
    List<Task> tasks = TaskFile.parse(text, taskFile.toString(), Secrets.fromEnvironment(main.env));
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
    if (cacheDir != null) {
      runner = runner.withCacheDirectory(cacheDir);
    }
    boolean ok = true;
    for (Task task : tasks) {
      console.out().println("== " + task.type().typeName());
      if (task instanceof Clone clone) {
        CloneResult cloned = runner.clone(clone, Path.of("").toAbsolutePath());
        console.out().println("Cloned into " + cloned.directory() + " at " + cloned.commitId()
            + cloned.branch().map(b -> " (" + b + ")").orElse(""));
      } else if (task instanceof SyncTask sync) {
        ok &= run(runner, sync, console);
      }
    }
    return ok ? 0 : 1;
  }

  private boolean run(PresetRunner runner, SyncTask task, Console console) {
    PresetResult run = runner.run(task);
    console.progressDone();
    output.print(console, run.plan());
    run.result().ifPresent(r -> console.out().print(Session.describe(r)));
    if (dryRun || task.dryRun()) {
      console.note("Dry run: nothing was written.");
    }
    run.commitId().ifPresent(id -> console.out().println("commitId: " + id));
    run.commitUrl().ifPresent(url -> console.out().println("commitURL: " + url));
    printRows(console, run.rows());
    if (rows != null) {
      writeRows(run);
    }
    return run.isSuccess();
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
