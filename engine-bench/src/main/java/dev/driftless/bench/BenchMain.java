package dev.driftless.bench;

import dev.driftless.bench.cli.EndToEndScenario;
import dev.driftless.bench.git.GitReadScenario;
import dev.driftless.bench.git.GitWriteScenario;
import dev.driftless.bench.kestra.KestraEconomyScenario;
import dev.driftless.bench.kestra.PluginTaskReport;
import dev.driftless.bench.measure.CpuReference;
import dev.driftless.bench.measure.Format;
import dev.driftless.bench.measure.Log;
import dev.driftless.bench.planner.PlannerScenario;
import dev.driftless.bench.report.CpuShare;
import dev.driftless.bench.report.Machine;
import dev.driftless.bench.report.Report;
import dev.driftless.bench.report.Section;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs every benchmark and writes BENCHMARKS.md.
 *
 * <pre>
 * java -jar engine-bench/target/benchmarks.jar [--quick] [--only planner,git-read,git-write,kestra,e2e,plugin-task]
 *     [--out BENCHMARKS.md] [--driftless-jar engine-cli/target/driftless.jar] [--work DIR] [--note TEXT]
 *     [--plugin-task FILE]
 * java -jar engine-bench/target/benchmarks.jar jmh [JMH options]   (JMH's own command line)
 * </pre>
 */
public final class BenchMain {

  /** The scenarios, in the order they run. */
  /** In the order of their numbers in the report (5 is the command line's end to end, 6 the plugin's task). */
  private static final List<String> SCENARIOS = List.of("planner", "git-read", "git-write", "kestra", "e2e",
      "plugin-task");

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("jmh")) {
      org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    Map<String, String> options = parse(args);
    Path out = Path.of(options.getOrDefault("out", "BENCHMARKS.md")).toAbsolutePath();
    Path jar = Path.of(options.getOrDefault("driftless-jar", "engine-cli/target/driftless.jar")).toAbsolutePath();
    boolean keepWork = options.containsKey("work");
    Path work = keepWork ? Files.createDirectories(Path.of(options.get("work")).toAbsolutePath())
        : Files.createTempDirectory("driftless-bench-");
    Settings settings = options.containsKey("quick") ? Settings.quick(work, jar) : Settings.full(work, jar);
    Set<String> only = new LinkedHashSet<>(options.containsKey("only")
        ? List.of(options.get("only").split(",")) : SCENARIOS);
    for (String name : only) {
      if (!SCENARIOS.contains(name)) {
        throw new IllegalArgumentException("unknown scenario '" + name + "'; the scenarios are " + SCENARIOS);
      }
    }

    Instant started = Instant.now();
    String loadBefore = Machine.loadAverage();
    CpuShare others = CpuShare.start();
    Optional<String> commit = Machine.measuredCommit();
    Log.progress("writing %s; work directory %s; %s run", out, work, settings.quick() ? "quick" : "full");
    List<Section> sections = new ArrayList<>();
    try {
      for (String name : SCENARIOS) {
        if (!only.contains(name)) {
          continue;
        }
        Log.progress("scenario %s", name);
        double before = CpuReference.millis();
        Section section = switch (name) {
          case "planner" -> PlannerScenario.run(settings);
          case "git-read" -> GitReadScenario.run(settings);
          case "git-write" -> GitWriteScenario.run(settings);
          case "kestra" -> KestraEconomyScenario.run(settings);
          // Measured before the harness, on a JDK 21+, by the plugin module's benchmark (bench/run).
          case "plugin-task" -> PluginTaskReport.section(Optional.ofNullable(options.get("plugin-task")).map(Path::of));
          case "e2e" -> EndToEndScenario.run(settings);
          default -> throw new IllegalStateException(name);
        };
        if (!name.equals("plugin-task")) {
          double after = CpuReference.millis();
          Log.progress("CPU reference before %s: %.0f ms, after: %.0f ms", name, before, after);
          section.text(("The machine's own speed while this ran: a fixed piece of work on one thread (sorting 2 million"
              + " numbers, hashing 16 MiB with SHA-256; best of five) took %s just before it and %s just after it.")
              .formatted(Format.millis(before), Format.millis(after)));
        }
        sections.add(section);
      }
    } finally {
      if (!keepWork) {
        delete(work);
      }
    }
    Duration took = Duration.between(started, Instant.now());
    String report = new Report(settings, Machine.describe(), commit, started, took, loadBefore, Machine.loadAverage(),
        others.othersSinceStart(), only.size() == SCENARIOS.size(), Optional.ofNullable(options.get("note")))
        .markdown(sections);
    Files.writeString(out, report);
    Log.progress("wrote %s in %d min %d s", out, took.toMinutes(), took.toSecondsPart());
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--quick" -> out.put("quick", "true");
        case "--only", "--out", "--driftless-jar", "--work", "--note", "--plugin-task" -> {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException(arg + " needs a value");
          }
          out.put(arg.substring(2), args[++i]);
        }
        default -> throw new IllegalArgumentException("unknown option " + arg
            + "; options: --quick, --only LIST, --out FILE, --driftless-jar FILE, --work DIR, --note TEXT, "
            + "--plugin-task FILE, or jmh ...");
      }
    }
    return out;
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
