package dev.driftless.plugin;

import dev.driftless.git.servers.PendingCommit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A tenant that Kestra and Git hold alike: {@code n} flows in ten namespaces under {@code company}
 * ({@code company.team00} to {@code company.team09}), in Git twice, once in SyncFlows' layout
 * ({@code _flows/team03/flow_0301.yml}) and once in NamespaceSync's ({@code company.team03/flows/flow_0301.yaml}),
 * so that a run of either task has nothing to write.
 */
final class NoOpTenant {

  static final String ROOT = "company";
  static final int NAMESPACES = 10;

  /** One flow: where it lives and its source. */
  record Flow(String team, String namespace, String id, String yaml) {}

  private final List<Flow> flows;

  private NoOpTenant(List<Flow> flows) {
    this.flows = List.copyOf(flows);
  }

  static NoOpTenant of(int n) {
    if (n < NAMESPACES || n % NAMESPACES != 0) {
      throw new IllegalArgumentException("n must be a positive multiple of " + NAMESPACES + ", got " + n);
    }
    List<Flow> flows = new ArrayList<>(n);
    int perNamespace = n / NAMESPACES;
    for (int i = 0; i < n; i++) {
      String team = String.format(Locale.ROOT, "team%02d", i / perNamespace);
      String namespace = ROOT + "." + team;
      String id = String.format(Locale.ROOT, "flow_%04d", i);
      flows.add(new Flow(team, namespace, id, yaml(namespace, id, i)));
    }
    return new NoOpTenant(flows);
  }

  List<Flow> flows() {
    return flows;
  }

  /** Puts every flow in Kestra and commits both layouts in one commit. */
  void fill(PluginWorld world) {
    flows.forEach(f -> world.state().putFlowSource(PluginWorld.TENANT, f.namespace(), f.id(), f.yaml()));
    PendingCommit commit = world.commit().message("1,000 flows, in both layouts");
    for (Flow f : flows) {
      commit.add("_flows/" + f.team() + "/" + f.id() + ".yml", f.yaml());
      commit.add(f.namespace() + "/flows/" + f.id() + ".yaml", f.yaml());
    }
    commit.push();
  }

  /** About 600 bytes: a description, an input, three tasks. */
  private static String yaml(String namespace, String id, int i) {
    return """
        id: %2$s
        namespace: %1$s
        description: Extracts table %3$d from the source system, transforms it and loads it into the warehouse
        labels:
          owner: data-team-%4$d
        inputs:
          - id: run_date
            type: STRING
            defaults: "2024-01-01"
        tasks:
          - id: start
            type: io.kestra.plugin.core.log.Log
            message: "starting %2$s for {{ inputs.run_date }}"
          - id: wait
            type: io.kestra.plugin.core.flow.Sleep
            duration: PT1S
          - id: done
            type: io.kestra.plugin.core.log.Log
            message: "finished %2$s, table %3$d"
        """.formatted(namespace, id, i, i % 13);
  }
}
