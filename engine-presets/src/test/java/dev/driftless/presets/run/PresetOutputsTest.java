package dev.driftless.presets.run;

import static dev.driftless.presets.run.GuideFlows.flow;
import static dev.driftless.presets.run.PresetWorld.MAIN;
import static dev.driftless.presets.run.PresetWorld.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.apply.Outcome;
import dev.driftless.core.codec.DiffRows;
import dev.driftless.emulator.Mode;
import dev.driftless.presets.PresetSpec;
import dev.driftless.presets.SyncTask;
import dev.driftless.presets.TaskFile;
import dev.driftless.git.GitSettings;
import dev.driftless.plan.Action;
import dev.driftless.plan.PlanOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The plugin's outputs of a run: one row per change in the task's row shape, the rows as an Ion
 * file that reads back the same, {@code commitId}, {@code commitURL}, and the full plan with the
 * apply outcomes.
 */
@Timeout(60)
class PresetOutputsTest {

  private static final String COMMIT = "9fceb02d0ae598e95dc970b74767f19372d61af8";

  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "https://github.com/anna-geller/flows, https://github.com/anna-geller/flows/commit/" + COMMIT,
      "git@github.com:anna-geller/flows.git, https://github.com/anna-geller/flows/commit/" + COMMIT,
      "https://gitlab.com/acme/platform/flows.git, https://gitlab.com/acme/platform/flows/-/commit/" + COMMIT,
      "https://bitbucket.org/acme/flows, https://bitbucket.org/acme/flows/commits/" + COMMIT,
      "https://dev.azure.com/acme/platform/_git/flows, https://dev.azure.com/acme/platform/_git/flows/commit/" + COMMIT,
      "https://codeberg.org/acme/flows, https://codeberg.org/acme/flows/commit/" + COMMIT})
  void commitUrl_onAKnownForge_comesFromTheTasksUrl(String url, String expected) {
    String credential = url.startsWith("git@") ? "privateKey: \"{{ secret('SSH_KEY') }}\"\n"
        : "username: ci\npassword: \"{{ secret('TOKEN') }}\"\n";
    SyncTask task = (SyncTask) TaskFile.parse("type: io.kestra.plugin.git.PushFlows\nsourceNamespace: dev\nurl: " + url
        + "\n" + credential, "push.yaml", name -> Optional.of("not-used-" + name)).get(0);
    PresetSpec spec = task.spec();

    GitSettings settings = spec.git().settings(spec.commit(), Optional.empty(), PlanOptions.DEFAULT_MAX_RESOURCE_BYTES);

    assertEquals(Optional.of(expected), settings.commitUrl(COMMIT));
  }

  @Test
  void commitUrl_onALoopbackServer_isItsWebAddress_andCommitIdIsTheBranchHead() {
    try (PresetWorld world = PresetWorld.start(dir)) {
      world.putFlow(GuideFlows.FLOW1);

      PresetResult run = world.run("type: io.kestra.plugin.git.PushFlows\nsourceNamespace: dev\n");

      assertEquals(world.head(MAIN).map(ObjectId::name), run.commitId());
      assertEquals(run.commitId().map(id -> world.url().replaceAll("\\.git$", "") + "/commit/" + id), run.commitUrl(),
          "as the plugin: <web address>/commit/<id> on any host");
      assertEquals(1, run.attempts());
      assertTrue(run.isSuccess());
    }
  }

  @Test
  void theRunCarriesTheWholePlan_andAnOutcomePerWrite() {
    try (PresetWorld world = PresetWorld.start(dir)) {
      world.commit().add("flows/a.yml", flow("prod", "a", "new")).add("flows/b.yml", flow("prod", "b", "same")).push();
      world.putFlow(flow("prod", "b", "same"));
      world.putFlow(flow("prod", "c", "not in Git"));

      PresetResult run = world.run("type: io.kestra.plugin.git.SyncFlows\ntargetNamespace: prod\ngitDirectory: flows\n");

      assertEquals(run.plan().changes().size(), run.rows().size(), "one row per change");
      assertEquals(List.of(Action.CREATE), run.plan().writes().stream().map(c -> c.action()).toList());
      assertEquals(List.of(Outcome.APPLIED), run.result().orElseThrow().results().stream().map(r -> r.outcome()).toList());
      assertEquals(Optional.empty(), run.commitId(), "a sync to Kestra makes no commit");
      assertEquals(run.plan().changes().stream().map(c -> c.key().name()).toList(),
          run.rows().stream().map(r -> r.get("flowId")).toList(), "rows follow the plan's order");
    }
  }

  @Test
  void aRunnerForcedToDryRun_plansEveryTask_andWritesNothing() {
    try (PresetWorld world = PresetWorld.start(dir)) {
      world.commit().add("flows/a.yml", flow("prod", "a", "new")).push();
      world.putFlow(GuideFlows.FLOW1);
      Optional<ObjectId> head = world.head(MAIN);
      world.runner(world.runner().withDryRun(true));
      world.forgetRequests();

      PresetResult sync = world.run("type: io.kestra.plugin.git.SyncFlows\ntargetNamespace: prod\ngitDirectory: flows\n");
      PresetResult push = world.run("type: io.kestra.plugin.git.PushFlows\nsourceNamespace: dev\n");

      assertEquals("ADDED", sync.rows().get(0).get("syncState"));
      assertEquals("ADDED", push.rows().get(0).get("action"));
      assertTrue(sync.result().isEmpty() && push.result().isEmpty());
      assertTrue(sync.isSuccess() && push.isSuccess(), "a dry run that planned is a success");
      world.assertNoKestraWrite();
      assertEquals(head, world.head(MAIN));
    }
  }

  @Test
  void theIonFile_readsBackAsTheRows_forEveryRowShape() {
    try (PresetWorld world = PresetWorld.start(dir, Mode.EE, "2.0.1")) {
      world.commit()
          .add("flows/a.yml", flow("prod", "a", "x"))
          .add("_files/run.py", "print(1)\n")
          .add("_dashboards/overview.yml", "id: overview\ntitle: Overview\ncharts: []\n")
          .push();
      world.putFlow(flow("dev", "b", "y"));
      world.kestra().putNamespace(TENANT, "dev");

      List<PresetResult> runs = List.of(
          world.run("type: io.kestra.plugin.git.SyncFlows\ntargetNamespace: prod\ngitDirectory: flows\ndryRun: true\n"),
          world.run("type: io.kestra.plugin.git.SyncNamespaceFiles\nnamespace: prod\n"),
          world.run("type: io.kestra.plugin.git.SyncDashboards\n"),
          world.run("type: io.kestra.plugin.git.PushFlows\nsourceNamespace: dev\n"),
          world.run("type: io.kestra.plugin.git.NamespaceSync\nnamespace: dev\nbranch: main\n"));

      assertNull(runs.get(0).rows().get(0).get("revision"), "a flow not yet in Kestra has no revision");
      for (PresetResult run : runs) {
        assertTrue(!run.rows().isEmpty(), run.type()::toString);
        assertEquals(normalised(run.rows()), normalised(DiffRows.fromIon(run.ion())), run.type().toString());
      }
    }
  }

  /** Rows with numbers as longs, so that an int written and a long read compare equal. */
  private static List<Map<String, Object>> normalised(List<Map<String, Object>> rows) {
    return rows.stream().map(row -> {
      Map<String, Object> out = new LinkedHashMap<>();
      row.forEach((k, v) -> out.put(k, v instanceof Number n ? (Object) n.longValue() : v));
      return out;
    }).toList();
  }
}
