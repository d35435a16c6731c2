package dev.driftless.cli;

import dev.driftless.core.codec.DiffRows;
import dev.driftless.plan.PlanOptions;
import dev.driftless.presets.Clone;
import dev.driftless.presets.InvalidTaskException;
import dev.driftless.presets.Problem;
import dev.driftless.presets.FlowFile;
import dev.driftless.presets.FlowTask;
import dev.driftless.presets.Task;
import dev.driftless.presets.TaskFile;
import dev.driftless.presets.run.PresetRunner;
import dev.driftless.presets.run.Reconciler;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code driftless watch flow.yaml}: runs a flow of Git plugin tasks on its own triggers, as Kestra
 * would: at its {@code Schedule} triggers' cron times, and on webhook calls that carry its
 * {@code Webhook} trigger's key. One run at a time, through a {@link Reconciler}: calls and cron
 * times that come during a run become one run after it.
 *
 * <p>Standard output holds one line when it listens, one line per run (its trigger, what each task
 * did, its outcome) and one when it stops. It stops on SIGTERM or Ctrl-C: no new run starts, a run
 * in progress finishes (up to a minute, then it is interrupted), the server closes, and the process
 * exits 0.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
    description = {"Run a flow of Kestra Git plugin tasks on its own triggers: its Schedule",
        "triggers' cron (in their timezone, UTC by default), and webhook calls verified",
        "with its Webhook trigger's key: POST /webhook signed by GitHub",
        "(X-Hub-Signature-256) or GitLab (X-Gitlab-Token), or Kestra's own URL",
        "/api/v1/<tenant>/executions/webhook/<namespace>/<flowId>/<key>.",
        "One run at a time; calls during a run become one run after it.",
        "GET /health and GET /last report the last run. SIGTERM or Ctrl-C stops it:",
        "a run in progress finishes first.", ""})
final class WatchCommand implements Callable<Integer> {

  @ParentCommand
  Main main;

  @Parameters(index = "0", paramLabel = "FLOW_FILE", description = "The flow YAML file: Git plugin tasks and triggers.")
  Path flowFile;

  @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8080", converter = ListenAddress.class,
      description = "Where to serve the webhook, /health and /last (default: ${DEFAULT-VALUE}; port 0: any free one).")
  InetSocketAddress listen;

  @Option(names = "--dry-run", description = "Plan only on every run, whatever the tasks' dryRun says.")
  boolean dryRun;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "Keep fetched Git objects, and what each file was found to be, here between runs.")
  Path cacheDir;

  @Option(names = "--max-file-size", paramLabel = "SIZE", converter = ByteSize.class,
      description = "The size limit of one file or flow, on both sides (default: 10MiB). A larger one is blocked.")
  Long maxFileSize;

  @Option(names = "--ticks-from-stdin", hidden = true,
      description = "Read the time from standard input, one instant a line, instead of the clock (for tests).")
  boolean ticksFromStdin;

  private final Object lock = new Object();
  /** Why the next run runs: what poked it since the last one started. */
  private final Set<String> reasons = new LinkedHashSet<>();
  private final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean stopping;

  @Override
  public Integer call() {
    String text = read(flowFile);
    Function<String, Optional<String>> secrets = Secrets.fromEnvironment(main.env);
    WatchedFlow flow = WatchedFlow.read(text, flowFile.toString(), secrets);
    FlowFile file = TaskFile.read(text, flowFile.toString(), RunCommand.environment(main.env, Optional.empty()));
    refuseClone(file);
    Console console = main.console();
    flow.notes().forEach(console::note);
    PresetRunner runner = runner(flow);
    boolean forceDryRun = dryRun;

    Reconciler<WatchRun> reconciler = Reconciler.whenPoked(() -> run(runner, file.tasks(), forceDryRun));
    reconciler.onRun(r -> printRun(console.out(), r));
    WatchServer server;
    try {
      server = WatchServer.start(listen, flow, endpoints(reconciler), console::note);
    } catch (RuntimeException e) {
      reconciler.close();
      throw e;
    }
    Thread hook = new Thread(this::stopFromSignal, "driftless-watch-stop");
    CronTicker ticker = null;
    try {
      console.out().println("Listening on " + server.url());
      describe(console, flow, server);
      if (!listen.getAddress().isLoopbackAddress()) {
        console.note("Listening beyond this machine: webhook calls are verified, but /health and /last answer"
            + " anyone who can reach " + server.url());
      }
      CronTicker.Time time = ticksFromStdin ? CronTicker.fromLines(main.in, l -> console.note("--ticks-from-stdin: " + l))
          : CronTicker.system(Clock.systemUTC());
      Runtime.getRuntime().addShutdownHook(hook);
      ticker = CronTicker.start(flow.schedules(), time, fired -> poke(reconciler,
          "schedule " + String.join(", ", fired.stream().map(WatchedFlow.Schedule::id).toList())));
      awaitStop();
    } finally {
      synchronized (lock) {
        stopping = true;
      }
      if (ticker != null) {
        ticker.close();
      }
      server.close();
      reconciler.close();
      long runs = reconciler.last().map(Reconciler.Run::number).orElse(0L);
      console.out().println("Stopped after " + runs + plural(runs, " run") + (reconciler.isRunning()
          ? "; the run in progress did not end within a minute and was interrupted." : "."));
      console.out().flush();
      stopped.countDown();
      removeHook(hook);
    }
    return 0;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserError("flow file " + file + " does not exist");
    } catch (IOException e) {
      throw new UserError("cannot read flow file " + file + ": " + e.getMessage(), e);
    }
  }

  /** A Clone task would clone again on every run: refused, with every other problem of the file already reported. */
  private void refuseClone(FlowFile file) {
    List<Problem> problems = new ArrayList<>();
    for (Task task : file.tasksToRun()) {
      if (task instanceof Clone) {
        problems.add(Problem.of("tasks", "a Clone task is not run by driftless watch, which would clone again on"
            + " every run: use driftless run for it").at(flowFile.toString(), 0));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidTaskException(flowFile.toString(), problems);
    }
  }

  private PresetRunner runner(WatchedFlow flow) {
    PlanOptions.Builder options = PlanOptions.builder().maxDiffLines(100_000).putMetadata("task-file", flowFile.toString());
    if (maxFileSize != null) {
      options.maxResourceBytes(maxFileSize);
    }
    PresetRunner runner = PresetRunner.create().withDryRun(dryRun).withOptions(options.build());
    if (cacheDir != null) {
      runner = runner.withCacheDirectory(cacheDir);
    }
    if (flow.flow().isPresent()) {
      runner = runner.withRunningFlow(flow.flow().get());
    }
    return runner;
  }

  /**
   * One run: the tasks through the {@link TaskLoop}, as {@code driftless run} runs them. Never
   * throws: a failure is its outcome.
   */
  private WatchRun run(PresetRunner runner, List<FlowTask> tasks, boolean forceDryRun) {
    String trigger;
    synchronized (lock) {
      trigger = reasons.isEmpty() ? "poke" : String.join(" + ", reasons);
      reasons.clear();
    }
    Instant started = Instant.now();
    List<WatchRun.TaskRun> done = new ArrayList<>();
    TaskLoop.Result ran = TaskLoop.of(runner, Path.of("")).run(tasks, new TaskLoop.Report() {
      @Override
      public void skipped(FlowTask task) {
        done.add(WatchRun.TaskRun.skipped(task));
      }

      @Override
      public void finished(TaskLoop.Outcome outcome) {
        done.add(WatchRun.TaskRun.of(outcome, forceDryRun));
      }
    });
    return new WatchRun(trigger, started, Instant.now(), done, ran.notRun().size());
  }

  private WatchServer.Poke poke(Reconciler<WatchRun> reconciler, String reason) {
    synchronized (lock) {
      if (stopping) {
        return WatchServer.Poke.STOPPING;
      }
      reasons.add(reason);
      return reconciler.poke() ? WatchServer.Poke.QUEUED : WatchServer.Poke.COALESCED;
    }
  }

  private WatchServer.Watch endpoints(Reconciler<WatchRun> reconciler) {
    return new WatchServer.Watch() {
      @Override
      public WatchServer.Poke poke(String reason) {
        return WatchCommand.this.poke(reconciler, reason);
      }

      @Override
      public Map<String, Object> health() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", stopping ? "stopping" : "up");
        out.put("running", reconciler.isRunning());
        Optional<Reconciler.Run<WatchRun>> last = reconciler.last();
        out.put("runs", last.map(Reconciler.Run::number).orElse(0L));
        last.ifPresent(run -> record(run).forEach((k, v) -> out.put(k.equals("run") ? "last_run" : "last_" + k, v)));
        return out;
      }

      @Override
      public Optional<String> last() {
        return reconciler.last().map(run -> DiffRows.toJsonLines(List.of(record(run)))
            + run.result().map(r -> DiffRows.toJsonLines(r.rows())).orElse(""));
      }
    };
  }

  /** A run as a flat record; a run that threw (which {@link #run} never lets happen) as a failure. */
  private static Map<String, Object> record(Reconciler.Run<WatchRun> run) {
    return run.result().map(r -> r.record(run.number())).orElseGet(() -> {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("run", run.number());
      out.put("started", run.started().toString());
      out.put("finished", run.finished().toString());
      out.put("outcome", "failed");
      out.put("summary", "failed: an internal error");
      return out;
    });
  }

  private static void printRun(PrintStream out, Reconciler.Run<WatchRun> run) {
    String line = run.result().map(r -> "run " + run.number() + " | " + r.trigger() + " | " + r.summary() + " | "
            + r.outcome())
        .orElse("run " + run.number() + " | failed: an internal error");
    out.println(ErrorLines.oneLine(line));
    out.flush();
  }

  private static void describe(Console console, WatchedFlow flow, WatchServer server) {
    for (WatchedFlow.Schedule s : flow.schedules()) {
      console.note("Schedule " + s.describe() + ": next run at " + s.cron().next(Instant.now(), s.zone()));
    }
    flow.flow().ifPresent(key -> flow.webhooks().forEach(w -> console.note("Webhook " + w.id() + ": POST " + server.url()
        + "/webhook signed with its key, or " + server.url() + "/api/v1/main/executions/webhook/" + key.namespace()
        + "/" + key.name() + "/<key>")));
  }

  /** Waits for SIGTERM or Ctrl-C (through the shutdown hook), or an interrupt of this thread. */
  private void awaitStop() {
    try {
      stop.await();
    } catch (InterruptedException e) {
      // Stopped from within this process. The interrupt status is left clear, so that closing
      // the reconciler below still lets a run in progress finish.
    }
  }

  /**
   * The shutdown hook: asks the watch to stop and waits for it. In a process of its own, a JVM
   * ended by a signal exits 143 (130 for Ctrl-C); a watch that stopped cleanly exits 0 instead.
   */
  private void stopFromSignal() {
    stop.countDown();
    try {
      if (stopped.await(90, TimeUnit.SECONDS) && main.out == System.out) {
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(0);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down: the hook is running, and ends the process.
    }
  }

  private static String plural(long n, String word) {
    return n == 1 ? word : word + "s";
  }

  /** {@code HOST:PORT}: {@code 127.0.0.1:8080}, {@code 0.0.0.0:9000}, {@code [::1]:8080}. */
  static final class ListenAddress implements ITypeConverter<InetSocketAddress> {

    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^:\\[\\]\\s]+):(\\d{1,5})");

    @Override
    public InetSocketAddress convert(String value) {
      Matcher m = HOST_PORT.matcher(value.strip());
      if (!m.matches() || Integer.parseInt(m.group(2)) > 65_535) {
        throw new TypeConversionException("'" + value + "' is not HOST:PORT, such as 127.0.0.1:8080 or 0.0.0.0:8080");
      }
      String host = m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
      try {
        return new InetSocketAddress(InetAddress.getByName(host), Integer.parseInt(m.group(2)));
      } catch (UnknownHostException e) {
        throw new TypeConversionException("'" + value + "': no such host " + host);
      }
    }
  }
}
