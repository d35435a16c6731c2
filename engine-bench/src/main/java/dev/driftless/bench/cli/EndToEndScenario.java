package dev.driftless.bench.cli;

import dev.driftless.bench.Settings;
import dev.driftless.bench.git.CGit;
import dev.driftless.bench.git.Repositories;
import dev.driftless.bench.measure.ChildProcess;
import dev.driftless.bench.measure.Format;
import dev.driftless.bench.measure.Log;
import dev.driftless.bench.measure.Rounds;
import dev.driftless.bench.measure.Samples;
import dev.driftless.bench.report.Goal;
import dev.driftless.bench.report.Section;
import dev.driftless.bench.report.Table;
import dev.driftless.bench.workload.FlowSource;
import dev.driftless.bench.workload.Tenant;
import dev.driftless.emulator.KestraEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scenario 5: {@code driftless plan} of a whole tenant as its own process against the Kestra API
 * emulator and a local bare repository, as a user runs it (the {@code ./driftless} launcher) and as
 * a bare {@code java -jar driftless.jar}: wall time and peak resident set size, measured by
 * {@code /usr/bin/time} (its maximum resident set size), beside the floor measured in the same run —
 * a JVM start ({@code java -version}), then, at the same time, C git's depth-1 fetch of the same
 * branch into a new bare repository with every blob of its tree read out ({@code ls-tree | cat-file
 * --batch}, the same work as scenario 2's cold row) and one {@code curl} of the tenant's flow export.
 * The launcher's runs print their steps' timings ({@code DRIFTLESS_TIMINGS}), reported as medians. A
 * breakdown: the same plan run again and again in one JVM ({@link WarmPlan}), what it costs without
 * the JVM's start and warm-up.
 */
public final class EndToEndScenario {

  private static final Path TIME = Path.of("/usr/bin/time");
  private static final double GOAL_MILLIS = 1_500;
  private static final long GOAL_RSS = 300L << 20;

  private static final String LAUNCHER = "./driftless plan …";
  private static final String FLOOR = "floor: java -version, then C git's cold read (fetch --depth 1, ls-tree | cat-file"
      + " --batch) ∥ curl of the flow export";
  /** Runs of the plan in one JVM before the warm ones are measured, and the warm runs measured. */
  private static final int WARM_UP_RUNS = 5;
  private static final int WARM_RUNS = 3;
  /** The step that counts the JVM's start, which the warm runs do not pay. */
  private static final String FIRST_STEP = "start the JVM and the command";

  /** Each variant: whether it runs the launcher (else java -jar), and the JVM options it adds. */
  private record Variant(boolean launcher, List<String> options) {}

  private static final Map<String, Variant> VARIANTS = new LinkedHashMap<>();

  static {
    VARIANTS.put(LAUNCHER, new Variant(true, List.of()));
    VARIANTS.put("java -jar driftless.jar plan … (the JVM's defaults)", new Variant(false, List.of()));
  }

  private EndToEndScenario() {}

  public static Section run(Settings settings) throws IOException {
    if (!Files.isRegularFile(settings.driftlessJar())) {
      throw new IllegalStateException("no driftless.jar at " + settings.driftlessJar() + ": build engine-cli first");
    }
    Path launcher = settings.driftlessJar().toAbsolutePath().getParent().getParent().getParent().resolve("driftless");
    if (!Files.isExecutable(launcher)) {
      throw new IllegalStateException("no ./driftless launcher at " + launcher);
    }
    Path root = Files.createDirectories(settings.work().resolve("e2e"));
    CGit git = new CGit(root.resolve("home"));
    Tenant tenant = Tenant.of(settings.e2eFlows(), 1, 1);
    Path remote = root.resolve("remote.git");
    Log.progress("e2e: creating a repository of %,d flows", tenant.git().size());
    Repositories.create(remote, tenant.git(), git);
    boolean time = Files.isExecutable(TIME);
    String javaHome = System.getProperty("java.home");
    Map<String, String> env = Map.of("JAVA_HOME", javaHome, "DRIFTLESS_TIMINGS", "1");
    int warmups = Math.max(1, settings.warmups() - 1);

    Map<String, List<Long>> rss = new LinkedHashMap<>();
    Map<String, List<Long>> cpu = new LinkedHashMap<>();
    Map<String, String> summaries = new LinkedHashMap<>();
    Map<String, Integer> requests = new LinkedHashMap<>();
    List<Map<String, Long>> steps = new ArrayList<>();
    Map<String, Samples> samples;
    Warm warm;
    try (KestraEmulator emulator = KestraEmulator.builder().pluginTypes(Tenant.PLUGIN_TYPES).start()) {
      for (FlowSource flow : tenant.kestra()) {
        emulator.state().putFlowSource(KestraEmulator.DEFAULT_TENANT, flow.namespace(), flow.id(), flow.yaml());
      }
      List<String> plan = List.of("plan", "--git", remote.toString(), "--kestra", emulator.url().toString(),
          "--tenant-wide", "--source-of-truth", "git");
      // The launcher prepares its class-data archive once after a build: not part of any run.
      ChildProcess.Finished prepared = ChildProcess.run(List.of(launcher.toString(), "version"), root, env,
          Duration.ofMinutes(5));
      if (prepared.exit() != 0) {
        throw new IllegalStateException("./driftless version exited " + prepared.exit() + ": "
            + ChildProcess.tail(prepared.stderr()));
      }
      Rounds rounds = new Rounds("e2e", warmups, Math.min(settings.rounds(), 5));
      for (Map.Entry<String, Variant> v : VARIANTS.entrySet()) {
        Path stats = root.resolve("time-" + rss.size() + ".txt");
        Path out = root.resolve("plan-" + rss.size() + ".txt");
        List<String> command = new ArrayList<>();
        if (time) {
          command.addAll(List.of(TIME.toString(), "-f", "%M %U %S", "-o", stats.toString()));
        }
        if (v.getValue().launcher()) {
          command.add(launcher.toString());
        } else {
          command.add(Path.of(javaHome, "bin", "java").toString());
          command.addAll(v.getValue().options());
          command.addAll(List.of("-jar", settings.driftlessJar().toString()));
        }
        command.addAll(plan);
        Map<String, String> variantEnv = new LinkedHashMap<>(env);
        if (v.getValue().launcher() && !v.getValue().options().isEmpty()) {
          variantEnv.put("JDK_JAVA_OPTIONS", String.join(" ", v.getValue().options()));
        }
        String[] stderr = new String[1];
        rss.put(v.getKey(), new ArrayList<>());
        rounds.add(v.getKey(), () -> emulator.requests().clear(), () -> {
          ChildProcess.Finished f = ChildProcess.run(command, root, variantEnv, Duration.ofMinutes(5));
          Files.writeString(out, f.stdout());
          stderr[0] = f.stderr();
          if (f.exit() != 0) {
            throw new IllegalStateException("driftless plan exited " + f.exit() + ": " + ChildProcess.tail(f.stderr()));
          }
        }, () -> {
          requests.put(v.getKey(), emulator.requests().size());
          String printed = Files.readString(out);
          summaries.put(v.getKey(), printed.lines().filter(l -> l.startsWith("Plan: ")).findFirst()
              .orElseThrow(() -> new IllegalStateException("no summary line in the plan output")));
          if (time) {
            // The last line: peak RSS in KB, then user and system CPU seconds.
            String[] fields = Files.readString(stats).trim().lines().reduce((a, b) -> b).orElseThrow().trim().split(" ");
            rss.get(v.getKey()).add(Long.parseLong(fields[0]) * 1024);
            cpu.computeIfAbsent(v.getKey(), k -> new ArrayList<>())
                .add(Math.round((Double.parseDouble(fields[1]) + Double.parseDouble(fields[2])) * 1000));
          }
          if (v.getKey().equals(LAUNCHER)) {
            steps.add(timings(stderr[0]));
          }
        });
      }
      // The floor reads the branch as Driftless does, into a repository with no work tree: a
      // checkout writes every file, which Driftless never does (and which costs seconds on a slow
      // file system).
      Path clone = root.resolve("floor.git");
      Path export = root.resolve("floor-export.zip");
      Path blobs = root.resolve("floor-blobs");
      String floor = "set -e\n\"" + Path.of(javaHome, "bin", "java") + "\" -version 2>/dev/null\n"
          + "(git init -q --bare " + clone + " && cd " + clone + " && git fetch -q --depth 1 --no-tags file://" + remote
          + " +refs/heads/main:refs/floor/main && git ls-tree -r --object-only refs/floor/main | git cat-file --batch > "
          + blobs + ") & g=$!\n"
          + "curl -sf -o " + export + " " + emulator.apiUrl() + "/flows/export/by-query & c=$!\n"
          + "wait $g\nwait $c\n";
      rounds.add(FLOOR, () -> {
        git.sh(root, "rm -rf " + clone + " " + export + " " + blobs);
        emulator.requests().clear();
      }, () -> git.sh(root, floor), () -> {
        if (Files.size(blobs) < tenant.git().size() * 100L || Files.size(export) < 1000) {
          throw new IllegalStateException("the floor's read of the branch or its export is missing");
        }
      });
      samples = rounds.run();
      warm = warm(settings, root, plan);
    }

    Samples user = samples.get(LAUNCHER);
    Samples floor = samples.get(FLOOR);
    long userRss = rss.get(LAUNCHER).isEmpty() ? 0 : median(rss.get(LAUNCHER));
    Section section = new Section("5. End to end: `driftless plan` of a " + String.format(Locale.ROOT, "%,d", settings.e2eFlows())
        + "-flow tenant");
    section.text("""
        A tenant of %,d flows per side in %,d namespaces (1%% changed, 1%% only in Git, 1%% only in Kestra): the
        Kestra API emulator (no injected latency) holds Kestra's, a local bare repository in the namespace
        layout holds Git's. Measured: the whole `driftless plan --git <path> --kestra <url> --tenant-wide
        --source-of-truth git` process, from start to exit: detect the server, read every kind of the tenant
        from Kestra while the branch is fetched (depth 1, no cache directory) and read, plan, print the plan
        with its diffs (to a file). The first row runs it as a user does, through the `./driftless` launcher
        (its JVM options and class-data archive); the second as a bare `java -jar driftless.jar` with the
        JVM's defaults. The floor, in the same rounds: a JVM start (`java -version`), then, at the same time,
        C git's cold read of the same branch as in scenario 2 (`git init --bare`, `git fetch --depth 1`, every
        blob of the tree read out with `git ls-tree -r | git cat-file --batch`; like Driftless, no work tree
        is written) and one `curl` of the tenant's flow export. Wall time is the harness's clock around the
        process; peak RSS and CPU time (user + system) are `/usr/bin/time`'s. Each ran %d times after %s,
        interleaved. The plan printed: `%s`.
        """.formatted(settings.e2eFlows(), tenant.namespaces().size(), user.size(),
        warmups == 1 ? "one warm-up round" : warmups + " warm-up rounds", summaries.get(LAUNCHER)));
    Table table = Table.of("command", "median wall time", "runs (min – max)", "× the floor", "peak RSS (median)",
        "peak RSS (max)", "CPU time (median)", "requests to Kestra");
    for (Samples s : samples.values()) {
      List<Long> r = rss.getOrDefault(s.name(), List.of());
      boolean isFloor = s.name().equals(FLOOR);
      table.row(s.name(), Format.millis(s.medianMillis()), Format.number(s.minMillis()) + " – "
          + Format.number(s.maxMillis()), isFloor ? "1" : Format.ratio(s.medianMillis() / floor.medianMillis()),
          isFloor ? "" : r.isEmpty() ? "not measured (no /usr/bin/time)" : Format.megabytes(median(r)),
          isFloor || r.isEmpty() ? "" : Format.megabytes(r.stream().mapToLong(Long::longValue).max().orElse(0)),
          isFloor || r.isEmpty() ? "" : Format.millis(cpuMillis(cpu.get(s.name()), warmups)),
          isFloor ? 1 : requests.get(s.name()));
    }
    section.table(table);
    List<Map<String, Long>> measured = steps.subList(Math.min(warmups, steps.size()), steps.size());
    if (!measured.isEmpty()) {
      Table phases = Table.of("step of `./driftless plan` (DRIFTLESS_TIMINGS)", "median, ./driftless plan",
          "median, the same plan warm");
      for (String step : measured.get(0).keySet()) {
        phases.row(step, Format.millis(median(measured.stream().map(m -> m.getOrDefault(step, 0L)).toList())),
            step.equals(FIRST_STEP) ? "—" : Format.millis(median(warm.steps().stream()
                .map(m -> m.getOrDefault(step, 0L)).toList())));
      }
      section.text("""
          Where the launcher's runs spent their time, as the command reports it: Kestra is read while Git is,
          so its row is only what its read took beyond Git's. Beside it, the same plan in a JVM that has
          already run it %d times (the breakdown: `WarmPlan`, one process, the JVM's defaults with the
          serial collector; the last %d runs): no JVM start, every class loaded, the code compiled by the
          optimising compiler. Its whole run took %s (%s – %s).
          """.formatted(WARM_UP_RUNS, WARM_RUNS, Format.millis(warm.runs().medianMillis()),
          Format.number(warm.runs().minMillis()), Format.number(warm.runs().maxMillis())));
      section.table(phases);
    }
    boolean timeMet = user.medianMillis() <= GOAL_MILLIS;
    boolean rssMet = userRss > 0 && userRss <= GOAL_RSS;
    String figures = Format.millis(user.medianMillis()) + " (" + Format.ratio(user.medianMillis() / GOAL_MILLIS)
        + " the goal, " + Format.ratio(user.medianMillis() / floor.medianMillis()) + " the floor of "
        + Format.millis(floor.medianMillis()) + ")";
    if (!timeMet && !settings.quick()) {
      double warmMillis = warm.runs().medianMillis();
      section.text("""
          **Why the time goal is not met.** The same plan takes %s in a JVM that has already run it (the
          breakdown above), so %s of the command's %s is the JVM starting cold: loading and linking its
          classes (the class-data archive spares part of that), running the code interpreted until it is
          compiled, and compiling it (C1 only, the cheapest compiler) while both sides are read, on a machine
          of %d CPUs; the command's process used %s of CPU time. The warm run is itself %s the floor: it does
          more than copy bytes. Each side's %,d files are judged as YAML (one document, a mapping, an `id` and
          a `namespace` that match) and fingerprinted, because a file that does not parse must become an
          unreadable entry that holds deletions back; the branch is packed (upload-pack runs in the process
          for a path) and indexed in Java, every object hashed with SHA-1 collision detection; Kestra's flow
          search (about a kilobyte of JSON per flow, the authority on which flows exist) is read beside its
          export; and the emulator answering it runs on the same CPUs.

          **What would close it**: code compiled ahead of time, so that a run starts warm — a native image,
          which the command does not ship, or a JVM's ahead-of-time cache (JDK 24 and later keep classes
          loaded and linked, JDK 25 method profiles, not compiled code: tried by hand on this machine, about a
          tenth off) — or a process that is already running and pays the start once: `driftless watch`, or the
          Kestra plugin inside Kestra's own JVM (scenario 6).
          """.formatted(Format.millis(warmMillis), Format.millis(user.medianMillis() - warmMillis),
          Format.millis(user.medianMillis()), Runtime.getRuntime().availableProcessors(),
          cpu.containsKey(LAUNCHER) ? Format.millis(cpuMillis(cpu.get(LAUNCHER), warmups)) : "(not measured)",
          Format.ratio(warmMillis / floor.medianMillis()), settings.e2eFlows()));
    }
    section.goal(new Goal("5. End to end", "`./driftless plan` of the tenant in at most 1.5 s", figures,
        settings.quick() ? Goal.Status.NOT_MEASURED : Goal.Status.of(timeMet)));
    section.goal(new Goal("5. End to end", "peak RSS of `./driftless plan` at most 300 MB",
        userRss > 0 ? Format.megabytes(userRss) : "not measured (no /usr/bin/time)",
        settings.quick() || userRss == 0 ? Goal.Status.NOT_MEASURED : Goal.Status.of(rssMet)));
    return section;
  }

  /** The warm runs of the plan in one JVM: their wall times and their steps (the JVM's start left out). */
  private record Warm(Samples runs, List<Map<String, Long>> steps) {}

  /**
   * Runs the plan {@value #WARM_UP_RUNS} + {@value #WARM_RUNS} times in one child JVM (the JVM's
   * defaults and the launcher's serial collector, the full compiler) and keeps the last
   * {@value #WARM_RUNS}.
   */
  private static Warm warm(Settings settings, Path root, List<String> plan) {
    String classPath = settings.driftlessJar().toAbsolutePath() + java.io.File.pathSeparator
        + System.getProperty("java.class.path");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-cp", classPath, WarmPlan.class.getName(), String.valueOf(WARM_UP_RUNS + WARM_RUNS)));
    command.addAll(plan);
    Log.progress("e2e: the same plan %d times in one JVM", WARM_UP_RUNS + WARM_RUNS);
    ChildProcess.Finished f = ChildProcess.run(command, root, Map.of(), Duration.ofMinutes(5));
    if (f.exit() != 0) {
      throw new IllegalStateException("the warm runs of the plan failed: " + ChildProcess.tail(f.stdout() + f.stderr()));
    }
    Samples runs = new Samples("warm");
    List<Map<String, Long>> steps = new ArrayList<>();
    int n = 0;
    for (String line : f.stdout().lines().toList()) {
      if (line.startsWith("run ")) {
        String[] parts = line.split(" ");
        n = Integer.parseInt(parts[1]);
        if (!parts[3].equals("0")) {
          throw new IllegalStateException("warm run " + n + " exited " + parts[3] + ": " + ChildProcess.tail(f.stdout()));
        }
        if (n > WARM_UP_RUNS) {
          runs.add(Long.parseLong(parts[2]));
        }
      } else if (line.startsWith("timings: ") && n > WARM_UP_RUNS) {
        Map<String, Long> step = timings(line);
        step.remove(FIRST_STEP);
        steps.add(step);
      }
    }
    if (runs.size() != WARM_RUNS) {
      throw new IllegalStateException("the warm runs printed " + runs.size() + " times: " + ChildProcess.tail(f.stdout()));
    }
    return new Warm(runs, steps);
  }

  /** The steps of a {@code timings: step 12 ms, other step 3 ms} line, in order; empty without one. */
  private static Map<String, Long> timings(String stderr) {
    Map<String, Long> out = new LinkedHashMap<>();
    stderr.lines().filter(l -> l.startsWith("timings: ")).reduce((a, b) -> b).ifPresent(line -> {
      for (String step : line.substring("timings: ".length()).split(", (?=\\D)")) {
        int at = step.lastIndexOf(' ', step.length() - 4);
        out.put(step.substring(0, at), Long.parseLong(step.substring(at + 1, step.length() - 3).replace(",", "")));
      }
    });
    return out;
  }

  /** The median CPU time of the measured runs (the warm-up rounds' left out). */
  private static long cpuMillis(List<Long> runs, int warmups) {
    return median(runs.subList(Math.min(warmups, runs.size() - 1), runs.size()));
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(Long::compare);
    return sorted.get(sorted.size() / 2);
  }
}
