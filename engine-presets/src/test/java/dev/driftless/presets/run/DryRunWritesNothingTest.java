package dev.driftless.presets.run;

import static dev.driftless.presets.run.GuideFlows.flow;
import static dev.driftless.presets.run.PresetWorld.MAIN;
import static dev.driftless.presets.run.PresetWorld.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.emulator.Execution;
import dev.driftless.emulator.Mode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every task that plans, run with {@code dryRun: true} where it would write on both sides: it
 * reports what it would do and writes nothing anywhere: no request that changes Kestra (no
 * namespace created either), no branch moved or created.
 */
@Timeout(60)
class DryRunWritesNothingTest {

  private static final Execution EXECUTION = Execution.of("exec1", "dev", "report")
      .withOutputFile("report.csv", "a,b\n".getBytes(StandardCharsets.UTF_8));

  private static final Map<String, String> TASKS = Map.of(
      "SyncFlows", "targetNamespace: prod\ngitDirectory: flows\ndelete: true\n",
      "SyncFlow", "targetNamespace: prod\nflowPath: flows/new.yml\n",
      "SyncNamespaceFiles", "namespace: prod\ndelete: true\n",
      "SyncDashboards", "delete: true\n",
      "PushFlows", "sourceNamespace: dev\nbranch: develop\n",
      "PushNamespaceFiles", "namespace: dev\n",
      "PushDashboards", "branch: develop\n",
      "PushExecutionFiles", "executionId: exec1\n",
      "NamespaceSync", "namespace: newteam\nbranch: main\nsourceOfTruth: GIT\n",
      "TenantSync", "branch: main\nsourceOfTruth: GIT\n");

  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"SyncFlows", "SyncFlow", "SyncNamespaceFiles", "SyncDashboards", "PushFlows",
      "PushNamespaceFiles", "PushDashboards", "PushExecutionFiles", "NamespaceSync", "TenantSync"})
  void aDryRun_reportsWhatItWouldDo_andWritesNothingAnywhere(String type) {
    try (PresetWorld world = PresetWorld.start(dir, Mode.EE, "2.0.1")) {
      world.commit()
          .add("flows/new.yml", flow("prod", "new", "from Git"))
          .add("_files/run.py", "print('from Git')\n")
          .add("_dashboards/ops.yml", "id: ops\ntitle: Ops\ncharts: []\n")
          .add("newteam/flows/first.yaml", flow("newteam", "first", "from Git"))
          .push();
      world.kestra().putNamespace(TENANT, "dev");
      world.kestra().putNamespace(TENANT, "prod");
      world.putFlow(flow("dev", "pushed", "from Kestra"));
      world.putFlow(flow("prod", "old", "only in Kestra"));
      world.putFlow(flow("prod", "older", "only in Kestra"));
      world.putFile("dev", "/notes.md", "from Kestra\n");
      world.putFile("prod", "/old.txt", "only in Kestra\n");
      world.putFile("prod", "/older.txt", "only in Kestra\n");
      world.kestra().putDashboard(TENANT, "main", "id: main\ntitle: Main\ncharts: []\n");
      world.kestra().putDashboard(TENANT, "other", "id: other\ntitle: Other\ncharts: []\n");
      world.kestra().putExecution(TENANT, EXECUTION);
      Optional<ObjectId> main = world.head(MAIN);
      List<String> namespaces = world.kestra().namespaces(TENANT);
      world.forgetRequests();

      PresetResult run = world.run("type: io.kestra.plugin.git." + type + "\n" + TASKS.get(type) + "dryRun: true\n");

      assertTrue(run.plan().hasWrites(), () -> type + " would write: " + run.rows());
      assertTrue(run.rows().stream().anyMatch(r -> List.of("ADDED", "UPDATED", "OVERWRITTEN", "DELETED")
          .contains(PresetWorld.state(r))), run.rows()::toString);
      assertTrue(run.result().isEmpty());
      assertTrue(run.commitId().isEmpty());
      world.assertNoKestraWrite();
      assertEquals(namespaces, world.kestra().namespaces(TENANT), "no namespace created");
      assertEquals(main, world.head(MAIN), "main did not move");
      assertTrue(world.head("develop").isEmpty(), "no branch created");
    }
  }
}
