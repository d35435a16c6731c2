package dev.driftless.bench.workload;

import dev.driftless.testkit.fixture.Flows;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A generated tenant: the flows Git holds and the flows Kestra holds, the same on both sides except
 * for a share of changed flows and a share of flows each side holds alone. Deterministic: the same
 * shape always gives the same bytes, so every run and every side measures the same work.
 *
 * <p>Flows are numbered {@code 0..n-1} and grouped a hundred to a namespace
 * ({@code company.team0042}). Flow {@code i} is changed when {@code i % 100 == 7} (for a 1% share),
 * only in Git when {@code i % 100 == 13}; Kestra holds as many extra flows of its own (numbered from
 * {@code n}) as Git holds alone, so both sides hold {@code n} flows. Each flow is about a kilobyte of
 * YAML with a comment, a description, inputs, log tasks and a multi-line shell script; every fifth
 * calls the flow before it as a subflow and every seventh is triggered by it.
 *
 * @param git the flows in Git, by number
 * @param kestra the flows in Kestra, by number
 * @param changed how many flows both sides hold with different content
 * @param onlyInGit how many flows only Git holds
 * @param onlyInKestra how many flows only Kestra holds
 */
public record Tenant(List<FlowSource> git, List<FlowSource> kestra, int changed, int onlyInGit, int onlyInKestra) {

  /** The root namespace every generated namespace is a child of. */
  public static final String ROOT = "company";

  public static final int FLOWS_PER_NAMESPACE = 100;

  /**
   * The plugin types the flows use beyond a stock Kestra's: the Kestra they are synced to must know
   * them ({@code KestraEmulator.Builder.pluginTypes}), as a real one with the scripts plugin does.
   */
  public static final List<String> PLUGIN_TYPES = List.of("io.kestra.plugin.scripts.shell.Commands");

  public Tenant {
    git = List.copyOf(git);
    kestra = List.copyOf(kestra);
  }

  /**
   * A tenant of {@code n} flows per side.
   *
   * @param changedPerHundred how many flows in a hundred differ between the sides (0 or 1 here)
   * @param oneSidedPerHundred how many flows in a hundred only one side holds, for each side
   */
  public static Tenant of(int n, int changedPerHundred, int oneSidedPerHundred) {
    if (n < 1 || changedPerHundred < 0 || changedPerHundred > 10 || oneSidedPerHundred < 0 || oneSidedPerHundred > 10) {
      throw new IllegalArgumentException("n must be positive and the shares between 0 and 10 in a hundred");
    }
    List<FlowSource> git = new ArrayList<>(n);
    List<FlowSource> kestra = new ArrayList<>(n);
    int changed = 0;
    int onlyGit = 0;
    for (int i = 0; i < n; i++) {
      int slot = i % 100;
      FlowSource original = flow(i, false);
      boolean isChanged = slot >= 7 && slot < 7 + changedPerHundred;
      boolean gitOnly = slot >= 13 && slot < 13 + oneSidedPerHundred;
      git.add(isChanged ? flow(i, true) : original);
      if (gitOnly) {
        onlyGit++;
      } else {
        kestra.add(original);
      }
      changed += isChanged ? 1 : 0;
    }
    for (int i = n; i < n + onlyGit; i++) {
      kestra.add(flow(i, false));
    }
    return new Tenant(git, kestra, changed, onlyGit, onlyGit);
  }

  /** The namespace of flow {@code i}. */
  public static String namespaceOf(int i) {
    return String.format("%s.team%04d", ROOT, i / FLOWS_PER_NAMESPACE);
  }

  /** Flow {@code i}, as Kestra holds it, or with its last message changed as Git holds it. */
  public static FlowSource flow(int i, boolean changed) {
    String ns = namespaceOf(i);
    String id = String.format("flow_%06d", i);
    String previous = String.format("flow_%06d", Math.max(0, i - 1));
    Flows flow = Flows.flow(ns, id)
        .comment("Owner: data team " + (i % 13) + ". Loads source " + i + " into the warehouse.")
        .comment("Runbook: https://wiki.example.com/runbooks/" + id)
        .description("Extracts table " + i + " from the source system, transforms it and loads it")
        .input("run_date", "STRING", "\"2024-01-01\"")
        .input("full_refresh", "BOOLEAN", "false")
        .log("start", "starting " + id + " for {{ inputs.run_date }}")
        .script("extract",
            "set -euo pipefail",
            "echo \"extracting table " + i + "\"",
            "curl -sf \"https://api.example.com/v2/tables/" + i + "?date={{ inputs.run_date }}\" -o data.json",
            "python3 transform.py --input data.json --output out.csv --table " + i,
            "wc -l out.csv")
        .log("load", "loading {{ outputs.extract.vars.rows ?? 0 }} rows into warehouse.table_" + i);
    if (i % 5 == 4) {
      flow.subflow("after", ns, previous);
    }
    if (i % 7 == 6) {
      flow.triggeredBy("after_upstream", ns, previous);
    }
    flow.log("done", changed ? "finished " + id + " (v2, with row counts)" : "finished " + id);
    return new FlowSource(ns, id, flow.yaml());
  }

  /** The distinct namespaces of both sides, sorted. */
  public List<String> namespaces() {
    TreeSet<String> out = new TreeSet<>();
    git.forEach(f -> out.add(f.namespace()));
    kestra.forEach(f -> out.add(f.namespace()));
    return List.copyOf(out);
  }

  /** The average size of a Git flow source in bytes. */
  public int averageFlowBytes() {
    long total = 0;
    for (FlowSource f : git) {
      total += f.bytes().length;
    }
    return (int) (total / Math.max(1, git.size()));
  }
}
