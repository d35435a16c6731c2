package dev.driftless.plugin;

import dev.driftless.emulator.Fault;
import dev.driftless.resource.ResourceKind;
import io.kestra.core.context.TestRunContextFactory;
import io.kestra.core.junit.annotations.KestraTest;
import io.kestra.core.models.property.Property;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not a test: a no-op SyncFlows and NamespaceSync of 1,000 flows in ten namespaces, run as Kestra runs
 * them (its run context: rendered properties, secrets, internal storage for the rows), against the Kestra API
 * emulator answering every request after 5 ms and a Git repository served on 127.0.0.1 holding the same flows.
 * Beside them, the engine's read of the namespaces alone: the requests the command line makes, the floor.
 *
 * <p>Runs only when {@value #OUT} names the file to write: a fragment that engine-bench's report includes
 * (its first line the section's title, then {@code goal} lines, then {@code ---} and the section's Markdown).
 * {@code bench/run} runs it on a JDK 21 or newer:
 *
 * <pre>
 * ./mvnw -pl engine-kestra-plugin -am test -Dtest=PluginTaskBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Ddriftless.bench.pluginTask=target/plugin-task.md [-Ddriftless.bench.quick=true]
 * </pre>
 *
 * <p>Every variant runs once per round, the order rotating from round to round; the first round is a warm-up.
 * Timed: the task's {@code run} (or the read) alone; the emulator's request log is cleared before and read after.
 */
@KestraTest
@EnabledIfSystemProperty(named = PluginTaskBenchmark.OUT, matches = ".+")
class PluginTaskBenchmark {

  static final String OUT = "driftless.bench.pluginTask";
  static final Duration LATENCY = Duration.ofMillis(5);
  private static final String SYNC_FLOWS = "SyncFlows task";
  private static final String NS_FLOWS = "NamespaceSync task, `kinds: [flow]`";
  private static final String NS_ALL = "NamespaceSync task, every kind (its default)";
  private static final String READ_FLOWS = "the engine's read alone, flows (as the command line)";
  private static final String READ_ALL = "the engine's read alone, every kind";

  @Inject
  TestRunContextFactory runContextFactory;

  @TempDir
  Path dir;

  /** One variant's timings and request counts over the measured rounds. */
  private static final class Runs {
    final List<Double> millis = new ArrayList<>();
    final List<Integer> requests = new ArrayList<>();
    Map<String, Long> routes = Map.of();

    double median() {
      List<Double> sorted = new ArrayList<>(millis);
      sorted.sort(Double::compare);
      int n = sorted.size();
      return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
  }

  private interface Action {
    void run() throws Exception;
  }

  @Test
  @Timeout(1800)
  void noOpRuns() throws Exception {
    boolean quick = Boolean.getBoolean("driftless.bench.quick");
    int flows = quick ? 100 : 1_000;
    int rounds = quick ? 1 : 5;
    Path out = Path.of(System.getProperty(OUT)).toAbsolutePath();

    Map<String, Runs> runs = new LinkedHashMap<>();
    Map<String, Action> actions = new LinkedHashMap<>();
    Map<String, String> summaries = new LinkedHashMap<>();
    try (PluginWorld world = PluginWorld.start(dir)) {
      NoOpTenant.of(flows).fill(world);
      world.kestra().faults().add(Fault.latency(LATENCY));
      actions.put(SYNC_FLOWS, () -> summaries.put(SYNC_FLOWS, NoOpRequestsTest.syncFlows(world).build()
          .run(runContextFactory.of("system", Map.of())).getSummary()));
      actions.put(NS_FLOWS, () -> summaries.put(NS_FLOWS, NoOpRequestsTest.namespaceSync(world)
          .kinds(Property.ofValue(List.of("flow"))).build().run(runContextFactory.of("system", Map.of())).getSummary()));
      actions.put(NS_ALL, () -> summaries.put(NS_ALL, NoOpRequestsTest.namespaceSync(world).build()
          .run(runContextFactory.of("system", Map.of())).getSummary()));
      actions.put(READ_FLOWS, () -> NoOpRequestsTest.engineRead(world, Set.of(ResourceKind.FLOW)));
      actions.put(READ_ALL, () -> NoOpRequestsTest.engineRead(world, Set.of(ResourceKind.FLOW,
          ResourceKind.NAMESPACE_FILE, ResourceKind.APP, ResourceKind.TEST)));
      actions.keySet().forEach(name -> runs.put(name, new Runs()));
      List<String> names = new ArrayList<>(actions.keySet());
      for (int round = 0; round <= rounds; round++) {
        for (int i = 0; i < names.size(); i++) {
          String name = names.get((i + round) % names.size());
          world.forgetRequests();
          long start = System.nanoTime();
          actions.get(name).run();
          double millis = (System.nanoTime() - start) / 1e6;
          if (round == 0) {
            continue;
          }
          Runs r = runs.get(name);
          r.millis.add(millis);
          r.requests.add(world.kestra().requests().size());
          r.routes = world.kestra().requests().countsByRoute();
          world.assertNoKestraWrite();
        }
        System.err.printf(Locale.ROOT, "plugin task bench: round %d of %d done%n", round, rounds);
      }
    }
    summaries.forEach((name, summary) -> {
      if (!summary.startsWith("Plan: 0 to create, 0 to update, 0 to delete")) {
        throw new IllegalStateException(name + " was not a no-op: " + summary);
      }
    });
    Files.createDirectories(out.getParent());
    Files.writeString(out, fragment(flows, rounds, runs));
    System.err.println("plugin task bench: wrote " + out);
  }

  private static String fragment(int flows, int rounds, Map<String, Runs> runs) {
    StringBuilder md = new StringBuilder();
    String title = String.format(Locale.ROOT, "6. The plugin's tasks inside Kestra: no-op sync of %,d flows, %d ms per "
        + "request", flows, LATENCY.toMillis());
    md.append(String.format(Locale.ROOT, """
        Driftless's Kestra plugin (engine-kestra-plugin), its `SyncFlows` and `NamespaceSync` tasks run as Kestra runs
        them: a `RunContext` from Kestra's own test runtime (`io.kestra:tests` %s, Micronaut), with its property
        rendering, secrets (the Git token and Kestra password are `{{ secret(...) }}`) and internal storage (the rows'
        Ion file). Kestra's API is the emulator (a real HTTP server on loopback, OSS, Kestra 1.0, basic
        authentication), answering every request after %d ms; it holds %,d flows in %d namespaces under `%s`. Git is a
        repository served by JGit's HTTP servlet on 127.0.0.1 holding the same flows in both tasks' layouts, so both
        runs are no-ops. `SyncFlows`: `targetNamespace: %s`, `includeChildNamespaces: true`. `NamespaceSync`:
        `namespace: %s`, `includeChildNamespaces: true`, `sourceOfTruth: GIT`. Each task run is a whole run: the
        clone of the branch, the read of Kestra, the plan, the log lines and the rows stored.

        The floor, measured beside them: the engine's read of the same namespaces alone (`KestraSide.open` and
        `reader().read(scope)`), which is what the command line sends to Kestra.

        Built and run by `bench/run` on a JDK 21 or newer (the plugin is Java 21, as Kestra 1.x plugins are), in
        its own JVM before the harness, as the test `PluginTaskBenchmark` of engine-kestra-plugin. Each variant
        ran %d times after one warm-up round, interleaved; before each run the emulator's request log is cleared
        and the count is read from it after. Shown: the median wall time of `run`.

        """, "1.0", LATENCY.toMillis(), flows, NoOpTenant.NAMESPACES, NoOpTenant.ROOT, NoOpTenant.ROOT,
        NoOpTenant.ROOT, rounds));
    md.append("| run | median wall time | runs (min – max) | Kestra requests |\n|---|---|---|---|\n");
    runs.forEach((name, r) -> md.append(String.format(Locale.ROOT, "| %s | %,.0f ms | %,.0f – %,.0f | %s |%n", name,
        r.median(), r.millis.stream().mapToDouble(d -> d).min().orElse(0),
        r.millis.stream().mapToDouble(d -> d).max().orElse(0), counts(r.requests))));
    md.append("\nWhere the requests went (last round):\n\n");
    List<String> names = new ArrayList<>(runs.keySet());
    Set<String> routes = new TreeSet<>();
    runs.values().forEach(r -> routes.addAll(r.routes.keySet()));
    md.append("| route |");
    names.forEach(n -> md.append(' ').append(shortName(n)).append(" |"));
    md.append("\n|---|");
    names.forEach(n -> md.append("---|"));
    md.append('\n');
    for (String route : routes) {
      md.append("| `").append(route).append("` |");
      names.forEach(n -> md.append(' ').append(runs.get(n).routes.getOrDefault(route, 0L)).append(" |"));
      md.append('\n');
    }
    md.append('\n');
    long fileExports = runs.get(NS_ALL).routes.entrySet().stream().filter(e -> e.getKey().endsWith("/files/export"))
        .mapToLong(Map.Entry::getValue).sum();
    md.append(String.format(Locale.ROOT, """
        Neither task makes a request per flow: each makes exactly the requests of the engine's read alone. By
        default NamespaceSync syncs namespace files too (and apps and tests, which this open-source server does
        not have), and Kestra's API exports namespace files one namespace at a time (`GET
        /namespaces/{namespace}/files/export`): over `%s` and its %d children that is %d of its %s requests, plus
        one listing of the namespaces: the goal of 5 is missed by %d requests. The adapter knows of no request of
        Kestra's API that exports several namespaces' files at once, so the count grows with the namespaces, not
        the flows; with `kinds: [flow]` the task makes %s. Reading those exports concurrently (bounded) takes
        their time toward one request's, not their count below it; only such a request, on Kestra's side, would.

        """, NoOpTenant.ROOT, NoOpTenant.NAMESPACES, fileExports, counts(runs.get(NS_ALL).requests),
        Math.max(0, max(runs.get(NS_ALL).requests) - 5), counts(runs.get(NS_FLOWS).requests)));

    Runs sync = runs.get(SYNC_FLOWS);
    Runs nsAll = runs.get(NS_ALL);
    Runs readFlows = runs.get(READ_FLOWS);
    Runs readAll = runs.get(READ_ALL);
    StringBuilder head = new StringBuilder("title\t").append(title).append('\n');
    head.append(goal("no-op SyncFlows: at most 5 Kestra requests, none per flow (floor: the command line's)",
        requests(sync, readFlows), max(sync.requests) <= 5 && sync.routes.equals(readFlows.routes)));
    head.append(goal("no-op SyncFlows in at most 1 s", millis(sync.median()), sync.median() <= 1000));
    head.append(goal("no-op NamespaceSync: at most 5 Kestra requests, none per flow (floor: the command line's)",
        requests(nsAll, readAll), max(nsAll.requests) <= 5 && nsAll.routes.equals(readAll.routes)));
    head.append(goal("no-op NamespaceSync in at most 1 s", millis(nsAll.median()), nsAll.median() <= 1000));
    return head + "---\n" + md;
  }

  private static String goal(String goal, String measured, boolean met) {
    return "goal\t6. Plugin task\t" + goal + "\t" + measured + "\t" + (met ? "met" : "not met") + "\n";
  }

  private static String requests(Runs task, Runs floor) {
    return String.format(Locale.ROOT, "%s (the engine's read alone: %s)", counts(task.requests), counts(floor.requests));
  }

  private static String millis(double ms) {
    return String.format(Locale.ROOT, "%,.0f ms", ms);
  }

  private static int max(List<Integer> counts) {
    return counts.stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  private static String counts(List<Integer> counts) {
    int min = counts.stream().mapToInt(Integer::intValue).min().orElse(0);
    int max = max(counts);
    return min == max ? String.format(Locale.ROOT, "%,d", min) : String.format(Locale.ROOT, "%,d – %,d", min, max);
  }

  private static String shortName(String variant) {
    return switch (variant) {
      case SYNC_FLOWS -> "SyncFlows";
      case NS_FLOWS -> "NamespaceSync, flows";
      case NS_ALL -> "NamespaceSync, every kind";
      case READ_FLOWS -> "read alone, flows";
      case READ_ALL -> "read alone, every kind";
      default -> variant;
    };
  }
}
