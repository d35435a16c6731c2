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
import java.util.Optional;

/**
 * Scenario 5: {@code driftless plan} of a whole tenant as its own process ({@code java -jar
 * driftless.jar}) against the Kestra API emulator and a local bare repository: wall time and peak
 * resident set size, measured by {@code /usr/bin/time} (its maximum resident set size).
 */
public final class EndToEndScenario {

  private static final Path TIME = Path.of("/usr/bin/time");

  /** The JVM options of each variant: the launcher's (none), and a heap capped at 256 MB. */
  private static final Map<String, List<String>> VARIANTS = new LinkedHashMap<>();

  static {
    VARIANTS.put("java -jar driftless.jar plan …", List.of());
    VARIANTS.put("java -Xmx256m -jar driftless.jar plan …", List.of("-Xmx256m"));
  }

  private EndToEndScenario() {}

  public static Section run(Settings settings) throws IOException {
    if (!Files.isRegularFile(settings.driftlessJar())) {
      throw new IllegalStateException("no driftless.jar at " + settings.driftlessJar() + ": build engine-cli first");
    }
    Path root = Files.createDirectories(settings.work().resolve("e2e"));
    CGit git = new CGit(root.resolve("home"));
    Tenant tenant = Tenant.of(settings.e2eFlows(), 1, 1);
    Path remote = root.resolve("remote.git");
    Log.progress("e2e: creating a repository of %,d flows", tenant.git().size());
    Repositories.create(remote, tenant.git(), git);
    boolean time = Files.isExecutable(TIME);

    Map<String, List<Long>> rss = new LinkedHashMap<>();
    Map<String, String> summaries = new LinkedHashMap<>();
    Map<String, Integer> requests = new LinkedHashMap<>();
    Map<String, Samples> samples;
    try (KestraEmulator emulator = KestraEmulator.builder().pluginTypes(Tenant.PLUGIN_TYPES).start()) {
      for (FlowSource flow : tenant.kestra()) {
        emulator.state().putFlowSource(KestraEmulator.DEFAULT_TENANT, flow.namespace(), flow.id(), flow.yaml());
      }
      Rounds rounds = new Rounds("e2e", Math.max(1, settings.warmups() - 1), Math.min(settings.rounds(), 5));
      for (Map.Entry<String, List<String>> v : VARIANTS.entrySet()) {
        Path stats = root.resolve("time-" + rss.size() + ".txt");
        Path out = root.resolve("plan-" + rss.size() + ".txt");
        List<String> command = new ArrayList<>();
        if (time) {
          command.addAll(List.of(TIME.toString(), "-f", "%M", "-o", stats.toString()));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(v.getValue());
        command.addAll(List.of("-jar", settings.driftlessJar().toString(), "plan", "--git", remote.toString(),
            "--kestra", emulator.url().toString(), "--tenant-wide", "--source-of-truth", "git"));
        rss.put(v.getKey(), new ArrayList<>());
        rounds.add(v.getKey(), () -> emulator.requests().clear(), () -> {
          ChildProcess.Finished f = ChildProcess.run(command, root, Map.of(), Duration.ofMinutes(5));
          Files.writeString(out, f.stdout());
          if (f.exit() != 0) {
            throw new IllegalStateException("driftless plan exited " + f.exit() + ": " + ChildProcess.tail(f.stderr()));
          }
        }, () -> {
          requests.put(v.getKey(), emulator.requests().size());
          String plan = Files.readString(out);
          summaries.put(v.getKey(), plan.lines().filter(l -> l.startsWith("Plan: ")).findFirst()
              .orElseThrow(() -> new IllegalStateException("no summary line in the plan output")));
          if (time) {
            rss.get(v.getKey()).add(Long.parseLong(Files.readString(stats).trim().lines()
                .reduce((a, b) -> b).orElseThrow().trim()) * 1024);
          }
        });
      }
      samples = rounds.run();
    }

    Section section = new Section("5. End to end: `driftless plan` of a " + String.format(Locale.ROOT, "%,d", settings.e2eFlows())
        + "-flow tenant");
    section.text("""
        A tenant of %,d flows per side in %,d namespaces (1%% changed, 1%% only in Git, 1%% only in Kestra): the
        Kestra API emulator (no injected latency) holds Kestra's, a local bare repository in the namespace
        layout holds Git's. Measured: the whole `driftless plan` process, started from the harness —
        `java -jar engine-cli/target/driftless.jar plan --git <path> --kestra <url> --tenant-wide
        --source-of-truth git` — from JVM start to exit: detect the server, read every kind of the tenant from
        Kestra, fetch the branch (depth 1, no cache directory) and read it, plan, print the plan with its diffs
        (to a file). Wall time is the harness's clock around the process; peak RSS is `/usr/bin/time`'s
        maximum resident set size of the JVM. The first row runs the JVM as the `./driftless` launcher does
        (default heap sizing: a quarter of the machine's memory at most); the second caps the heap at 256 MB,
        to show how much of the resident memory is the collector's choice rather than need. Each ran %d
        times after %s, interleaved. The plan printed: `%s`.
        """.formatted(settings.e2eFlows(), tenant.namespaces().size(), samples.values().iterator().next().size(),
        Math.max(1, settings.warmups() - 1) == 1 ? "one warm-up round" : Math.max(1, settings.warmups() - 1)
            + " warm-up rounds", summaries.values().iterator().next()));
    Table table = Table.of("command", "median wall time", "runs (min – max)", "peak RSS (median)", "peak RSS (max)",
        "requests to Kestra");
    for (Samples s : samples.values()) {
      List<Long> r = rss.get(s.name());
      table.row(s.name(), Format.millis(s.medianMillis()), Format.number(s.minMillis()) + " – "
          + Format.number(s.maxMillis()), r.isEmpty() ? "not measured (no /usr/bin/time)" : Format.megabytes(median(r)),
          r.isEmpty() ? "" : Format.megabytes(r.stream().mapToLong(Long::longValue).max().orElse(0)),
          requests.get(s.name()));
    }
    section.table(table);
    Samples first = samples.values().iterator().next();
    Optional<Long> firstRss = rss.values().iterator().next().isEmpty() ? Optional.empty()
        : Optional.of(median(rss.values().iterator().next()));
    section.goal(new Goal("5. End to end", "time and peak RSS of `driftless plan` (no target set)",
        Format.millis(first.medianMillis()) + firstRss.map(b -> ", peak RSS " + Format.megabytes(b)).orElse(""),
        Goal.Status.REPORTED));
    return section;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(Long::compare);
    return sorted.get(sorted.size() / 2);
  }
}
