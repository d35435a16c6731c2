package dev.driftless.bench.kestra;

import dev.driftless.apply.ApplyResult;
import dev.driftless.bench.Settings;
import dev.driftless.bench.measure.Format;
import dev.driftless.bench.measure.Rounds;
import dev.driftless.bench.measure.Samples;
import dev.driftless.bench.report.Goal;
import dev.driftless.bench.report.Section;
import dev.driftless.bench.report.Table;
import dev.driftless.bench.workload.FlowSource;
import dev.driftless.bench.workload.Tenant;
import dev.driftless.core.apply.Applier;
import dev.driftless.core.plan.Planner;
import dev.driftless.emulator.Fault;
import dev.driftless.emulator.KestraEmulator;
import dev.driftless.kestra.KestraSettings;
import dev.driftless.kestra.KestraSide;
import dev.driftless.plan.Plan;
import dev.driftless.plan.Summary;
import dev.driftless.policy.Policy;
import dev.driftless.policy.WhenMissing;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.snapshot.SnapshotEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scenario 4: syncing flows from Git into Kestra, against the Kestra API emulator answering every
 * request after 5 ms: a run with nothing to change and a run with 1% of the flows changed, by
 * Driftless (read, plan, apply) and by the Git plugin's request pattern ({@link PluginPattern}).
 * Wall time and the requests the emulator received, side by side.
 */
public final class KestraEconomyScenario {

  static final Duration LATENCY = Duration.ofMillis(5);
  /** The writer's bound on writes in flight: {@code KestraSettings}' default, which these runs use. */
  private static final int WRITE_CONCURRENCY = KestraSettings.builder().url("http://localhost:8080").build()
      .writeConcurrency();
  private static final String TENANT = KestraEmulator.DEFAULT_TENANT;
  private static final String D_NOOP = "Driftless, no-op";
  private static final String D_CHANGED = "Driftless, 1% changed";
  private static final String P_NOOP = "plugin pattern, no-op";
  private static final String P_CHANGED = "plugin pattern, 1% changed";
  private static final String D_CREATE = "Driftless, all created";
  private static final String P_CREATE = "plugin pattern, all created";

  private KestraEconomyScenario() {}

  public static Section run(Settings settings) throws Exception {
    int n = settings.kestraFlows();
    Tenant same = Tenant.of(n, 0, 0);
    Tenant changed = Tenant.of(n, 1, 0);
    Scope scope = Scope.namespaces(List.of(Tenant.ROOT), true, Set.of(ResourceKind.FLOW));
    Policy policy = Policy.builder().sourceOfTruth(Side.GIT).whenMissingInSource(WhenMissing.KEEP)
        .includeChildNamespaces(true).build();
    Snapshot gitSame = gitSnapshot(same.git(), scope, "bench-same");
    Snapshot gitChanged = gitSnapshot(changed.git(), scope, "bench-changed");

    Map<String, List<Integer>> requests = new LinkedHashMap<>();
    Map<String, Map<String, Long>> routes = new LinkedHashMap<>();
    Map<String, Summary> summaries = new LinkedHashMap<>();
    Map<String, Samples> samples;
    try (KestraEmulator emulator = KestraEmulator.builder().pluginTypes(Tenant.PLUGIN_TYPES).start()) {
      emulator.faults().add(Fault.latency(LATENCY));
      KestraSettings kestraSettings = KestraSettings.builder().url(emulator.url().toString()).build();
      PluginPattern plugin = new PluginPattern(emulator.apiUrl());
      Rounds.Step reset = () -> {
        same.kestra().forEach(f -> emulator.state().putFlowSource(TENANT, f.namespace(), f.id(), f.yaml()));
        emulator.requests().clear();
      };
      Rounds.Step empty = () -> {
        same.kestra().forEach(f -> emulator.state().deleteFlow(TENANT, f.namespace(), f.id()));
        emulator.requests().clear();
      };
      samples = new Rounds("kestra sync", 1, settings.pluginRounds())
          .add(D_NOOP, reset, () -> summaries.put(D_NOOP, driftless(kestraSettings, gitSame, scope, policy)),
              () -> record(emulator, D_NOOP, requests, routes, same.git()))
          .add(D_CHANGED, reset, () -> summaries.put(D_CHANGED, driftless(kestraSettings, gitChanged, scope, policy)),
              () -> record(emulator, D_CHANGED, requests, routes, changed.git()))
          .add(P_NOOP, reset, () -> plugin.sync(Tenant.ROOT, same.git()),
              () -> record(emulator, P_NOOP, requests, routes, same.git()))
          .add(P_CHANGED, reset, () -> plugin.sync(Tenant.ROOT, changed.git()),
              () -> record(emulator, P_CHANGED, requests, routes, changed.git()))
          .add(D_CREATE, empty, () -> summaries.put(D_CREATE, driftless(kestraSettings, gitSame, scope, policy)),
              () -> record(emulator, D_CREATE, requests, routes, same.git()))
          .add(P_CREATE, empty, () -> plugin.sync(Tenant.ROOT, same.git()),
              () -> record(emulator, P_CREATE, requests, routes, same.git()))
          .run();
    }
    if (summaries.get(D_NOOP).writes() != 0 || summaries.get(D_CHANGED).update() != changed.changed()
        || summaries.get(D_CREATE).create() != n || summaries.get(D_CREATE).writes() != n) {
      throw new IllegalStateException("unexpected plans: no-op " + summaries.get(D_NOOP) + ", changed "
          + summaries.get(D_CHANGED) + ", all created " + summaries.get(D_CREATE));
    }

    Section section = new Section("4. Kestra sync economy: " + String.format(Locale.ROOT, "%,d", n) + " flows, "
        + LATENCY.toMillis() + " ms per request");
    section.text("""
        The Kestra API emulator (engine-testkit, a real HTTP server on loopback, OSS mode, Kestra 1.3 paths)
        holds %,d flows in %d namespaces under `%s`, and answers every request after an injected latency of
        %d ms (`Fault.latency`), as a server across a network would. Git, the source of truth, holds the same
        flows (*no-op*) or the same with %d of them changed (*1%% changed*); in the *all created* runs Kestra
        starts without any of them and both clients create all %,d. Both clients get Git's flows already read
        (Git reading is scenario 2) and sync the namespace and its children, flows only:

        - **Driftless**: `KestraSide.open` (detects the server), `reader().read(scope)`, `Planner.plan`, and
          `Applier.to(kestra.writer()).apply(plan)` when the plan has writes. The writer writes up to
          `writeConcurrency` flows at a time (default %d), one request per flow.
        - **The plugin's pattern** (SyncFlows v3.0.0, from its algorithm in AbstractSyncTask and SyncFlows over
          Kestra's SDK): export the namespace once, then for every Git flow, serially, `POST /flows/validate`,
          `POST /flows/import` (the flow as a one-file upload: it creates or updates) and `GET
          /flows/export/by-query` of that flow (its revision after the write) — it writes every flow, new,
          changed or not, and reports *unchanged* when the revision did not move. Implemented in `PluginPattern`
          on the JDK HTTP client the adapter uses too.

        Before every run the emulator's flows are put back (untimed; for *all created*, removed) and its
        request log cleared; the counts are the requests the emulator received, read from its log after the
        run. Each variant ran %d times after one warm-up round, interleaved. Shown: the median wall time;
        *writes* are the flows written.
        """.formatted(n, same.namespaces().size(), Tenant.ROOT, LATENCY.toMillis(), changed.changed(), n,
        WRITE_CONCURRENCY, settings.pluginRounds()));

    Table table = Table.of("run", "median wall time", "runs (min – max)", "requests", "writes");
    for (Samples s : samples.values()) {
      Summary summary = summaries.get(s.name());
      String planned = summary == null ? String.format(Locale.ROOT, "every flow (%,d imports)", n)
          : summary.writes() == 0 ? "none"
          : summary.create() > 0 ? String.format(Locale.ROOT, "%,d creates (POSTs)", summary.create())
          : summary.update() + " updates (PUTs)";
      table.row(s.name(), Format.millis(s.medianMillis()),
          Format.number(s.minMillis()) + " – " + Format.number(s.maxMillis()), counts(requests.get(s.name())),
          planned);
    }
    section.table(table);

    double noopRequests = (double) median(requests.get(P_NOOP)) / median(requests.get(D_NOOP));
    double noopTime = samples.get(P_NOOP).medianMillis() / samples.get(D_NOOP).medianMillis();
    double changedRequests = (double) median(requests.get(P_CHANGED)) / median(requests.get(D_CHANGED));
    double changedTime = samples.get(P_CHANGED).medianMillis() / samples.get(D_CHANGED).medianMillis();
    double createRequests = (double) median(requests.get(P_CREATE)) / median(requests.get(D_CREATE));
    double createTime = samples.get(P_CREATE).medianMillis() / samples.get(D_CREATE).medianMillis();
    section.table(Table.of("ratio (plugin pattern ÷ Driftless)", "requests", "wall time")
        .row("no-op run", Format.ratio(noopRequests), Format.ratio(noopTime))
        .row("1% changed run", Format.ratio(changedRequests), Format.ratio(changedTime))
        .row(String.format(Locale.ROOT, "all %,d created", n), Format.ratio(createRequests), Format.ratio(createTime)));

    Table byRoute = Table.of("Driftless's requests, by route", "no-op", "1% changed", "all created");
    Set<String> allRoutes = new TreeSet<>(routes.get(D_NOOP).keySet());
    allRoutes.addAll(routes.get(D_CHANGED).keySet());
    allRoutes.addAll(routes.get(D_CREATE).keySet());
    for (String route : allRoutes) {
      byRoute.row("`" + route + "`", routes.get(D_NOOP).getOrDefault(route, 0L),
          routes.get(D_CHANGED).getOrDefault(route, 0L), routes.get(D_CREATE).getOrDefault(route, 0L));
    }
    section.text("Where Driftless's requests went (last round):");
    section.table(byRoute);
    long touched = changed.git().stream().filter(f -> !same.git().contains(f)).map(FlowSource::namespace).distinct()
        .count();
    long exports = routes.get(D_CHANGED).entrySet().stream().filter(e -> e.getKey().contains("/flows/export"))
        .mapToLong(Map.Entry::getValue).sum();
    long searches = routes.get(D_CHANGED).entrySet().stream().filter(e -> e.getKey().contains("/flows/search"))
        .mapToLong(Map.Entry::getValue).sum();
    section.text(String.format(Locale.ROOT, """
        In the 1%%-changed run the %d changed flows lie in %d namespaces. Besides the first read, the validation
        and the writes, the apply reads each of those namespaces before writing (the compare-and-swap state)
        and again after (the read-back), a search and an export each time: %d of its %d requests. A single
        `POST /flows/export/by-ids` of the changed flows before and after writing would do the same in 2.
        """, changed.changed(), touched, exports + searches - 2, median(requests.get(D_CHANGED))));
    long posts = routes.get(D_CREATE).getOrDefault("POST /api/v1/{tenant}/flows", 0L);
    double floorMillis = Math.ceil((double) n / WRITE_CONCURRENCY) * LATENCY.toMillis();
    section.text(String.format(Locale.ROOT, """
        Creating all %,d flows, Driftless sends one `POST /flows` per flow (%,d here) and %d other requests (the
        read, one validation of every flow, the session's read before writing and the read-back); the plugin's
        pattern sends three per flow, one after another. With %d writes in flight and %d ms per request, the
        creates alone cannot take less than about %,.0f ms (%,d ÷ %d × %d ms): Driftless took %s. The rest is
        not Driftless's to save here: the emulator checks every flow it is sent, as Kestra does, and handles one
        request at a time once its latency has passed (its state is under one lock), so parallel writes overlap
        their latency but not its work, on the same 2 cores as the client. Kestra itself handles requests in
        parallel.
        """, n, posts, median(requests.get(D_CREATE)) - posts, WRITE_CONCURRENCY, LATENCY.toMillis(), floorMillis, n,
        WRITE_CONCURRENCY, LATENCY.toMillis(), Format.millis(samples.get(D_CREATE).medianMillis())));

    section.goal(new Goal("4. Kestra sync", "at least 50× fewer requests on the no-op run",
        Format.ratio(noopRequests) + String.format(Locale.ROOT, " (%,d vs %,d)", median(requests.get(P_NOOP)),
            median(requests.get(D_NOOP))),
        noopRequests >= 50));
    section.goal(new Goal("4. Kestra sync", "at least 20× less wall time on the no-op run", Format.ratio(noopTime)
        + " (" + Format.millis(samples.get(P_NOOP).medianMillis()) + " vs "
        + Format.millis(samples.get(D_NOOP).medianMillis()) + ")", noopTime >= 20));
    section.goal(new Goal("4. Kestra sync", String.format(Locale.ROOT,
        "apply of %,d flow creates at least 10× faster than the plugin's serial pattern", n),
        Format.ratio(createTime) + " (" + Format.millis(samples.get(P_CREATE).medianMillis()) + " vs "
            + Format.millis(samples.get(D_CREATE).medianMillis()) + String.format(Locale.ROOT,
            "; %,d vs %,d requests)", median(requests.get(P_CREATE)), median(requests.get(D_CREATE))),
        createTime >= 10));
    return section;
  }

  private static Summary driftless(KestraSettings settings, Snapshot git, Scope scope, Policy policy) {
    try (KestraSide kestra = KestraSide.open(settings)) {
      Snapshot current = kestra.reader().read(scope);
      Plan plan = Planner.plan(git, current, policy);
      if (plan.hasWrites()) {
        ApplyResult result = Applier.to(kestra.writer()).apply(plan);
        if (!result.isComplete()) {
          throw new IllegalStateException("the apply did not complete: " + result.line() + " " + result.diagnostics());
        }
      }
      return plan.summary();
    }
  }

  /** Untimed: records the run's requests and checks Kestra now holds Git's flows. */
  private static void record(KestraEmulator emulator, String variant, Map<String, List<Integer>> requests,
      Map<String, Map<String, Long>> routes, List<FlowSource> git) {
    requests.computeIfAbsent(variant, v -> new ArrayList<>()).add(emulator.requests().size());
    routes.put(variant, emulator.requests().countsByRoute());
    for (FlowSource flow : git) {
      String held = emulator.state().flowSource(TENANT, flow.namespace(), flow.id()).orElse("");
      String wanted = variant.startsWith("plugin") ? PluginPattern.sent(flow) : flow.yaml();
      if (!held.equals(wanted)) {
        throw new IllegalStateException(variant + ": Kestra does not hold Git's " + flow.key() + " after the run");
      }
    }
  }

  private static Snapshot gitSnapshot(List<FlowSource> flows, Scope scope, String identity) {
    List<SnapshotEntry> entries = new ArrayList<>();
    flows.forEach(f -> entries.add(SnapshotEntry.present(f.resource())));
    return Snapshot.builder().side(Side.GIT).scope(scope).identity(identity).addAllEntries(entries).build();
  }

  private static int median(List<Integer> counts) {
    List<Integer> sorted = new ArrayList<>(counts);
    sorted.sort(Integer::compare);
    return sorted.get(sorted.size() / 2);
  }

  /** {@code 3,001} when every round made the same number of requests, else the range. */
  private static String counts(List<Integer> counts) {
    int min = counts.stream().mapToInt(Integer::intValue).min().orElse(0);
    int max = counts.stream().mapToInt(Integer::intValue).max().orElse(0);
    return min == max ? String.format(Locale.ROOT, "%,d", min) : String.format(Locale.ROOT, "%,d – %,d", min, max);
  }
}
