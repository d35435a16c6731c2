package dev.driftless.presets.run;

import static dev.driftless.presets.run.GuideFlows.FLOW1;
import static dev.driftless.presets.run.GuideFlows.FLOW2;
import static dev.driftless.presets.run.GuideFlows.HELLO_WORLD;
import static dev.driftless.presets.run.GuideFlows.HELLO_WORLD_1;
import static dev.driftless.presets.run.GuideFlows.HELLO_WORLD_2;
import static dev.driftless.presets.run.GuideFlows.inNamespace;
import static dev.driftless.presets.run.PresetWorld.MAIN;
import static dev.driftless.presets.run.PresetWorld.row;
import static dev.driftless.presets.run.PresetWorld.states;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.core.codec.DiffRows;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** PushFlows against a real Git server and the Kestra emulator, with the examples of Kestra's PushFlows guide. */
@Timeout(60)
class PushFlowsEndToEndTest {

  /** The guide's first task: hello_world only, from dev to prod, in flows/ on develop. */
  private static final String PUSH_HELLO_WORLD = """
      id: commit_and_push
      type: io.kestra.plugin.git.PushFlows
      branch: develop
      flows:
        - hello_world
      sourceNamespace: dev
      targetNamespace: prod
      gitDirectory: flows
      commitMessage: "changes to kestra flows"
      """;

  /** The guide's second task: every flow of dev, to prod. */
  private static final String PUSH_ALL = """
      id: commit_and_push
      type: io.kestra.plugin.git.PushFlows
      branch: develop
      sourceNamespace: dev
      targetNamespace: prod
      gitDirectory: flows
      commitMessage: "push all development flows to Git and create a PR"
      """;

  /** The guide's last task: dev and its child namespaces. */
  private static final String PUSH_WITH_CHILDREN = PUSH_ALL + "includeChildNamespaces: true\n";

  @TempDir
  Path dir;
  PresetWorld world;

  @BeforeEach
  void start() {
    world = PresetWorld.start(dir);
    world.commit().add("README.md", "# flows\n").push();
  }

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void helloWorld_pushedFromDevToProd_gitFileSaysNamespaceProd() {
    GuideFlows.putAll(world);
    Optional<ObjectId> mainBefore = world.head(MAIN);

    PresetResult dry = world.run(PUSH_HELLO_WORLD + "dryRun: true\n");
    assertEquals(Map.of("flows/hello_world.yml", "ADDED"), states(dry, "file"));
    assertTrue(world.head("develop").isEmpty(), "a dry run creates no branch");
    assertTrue(dry.commitId().isEmpty());

    PresetResult run = world.run(PUSH_HELLO_WORLD);

    String pushed = world.gitFile("develop", "flows/hello_world.yml").orElseThrow();
    assertTrue(pushed.contains("\nnamespace: prod\n"), pushed);
    assertEquals(inNamespace(HELLO_WORLD, "dev", "prod"), pushed, "only the namespace line changed");
    assertEquals(Set.of("README.md", "flows/hello_world.yml"), world.gitFiles("develop").keySet(),
        "only the selected flow, on a branch created from main");
    assertEquals(mainBefore, world.head(MAIN), "main is not touched");
    assertEquals(world.head("develop").map(ObjectId::name), run.commitId());
    assertEquals(run.commitId().map(id -> world.url().replaceAll("\\.git$", "") + "/commit/" + id), run.commitUrl(),
        "a loopback remote is on no known forge: <web address>/commit/<id>, as the plugin");
    RevCommit commit = world.repo().log("develop").get(0);
    assertEquals("changes to kestra flows", commit.getShortMessage());
    assertEquals(world.gitServer().credentials().user(), commit.getAuthorIdent().getName(),
        "the author defaults to username, as in the plugin");
    Map<String, Object> row = row(run, "file", "flows/hello_world.yml");
    assertEquals("ADDED", row.get("action"));
    assertEquals(HELLO_WORLD.split("\n").length, ((Number) row.get("additions")).intValue());
    assertEquals(0, ((Number) row.get("deletions")).intValue());
    assertEquals(row.get("additions"), row.get("changes"));
    world.assertNoKestraWrite();

    world.assertSecondRunIsNoOp(PUSH_HELLO_WORLD, "develop", "UNCHANGED");
  }

  @Test
  void withoutCommitMessage_theCommitSaysWhatThePluginsSays() {
    GuideFlows.putAll(world);

    world.run("""
        type: io.kestra.plugin.git.PushFlows
        sourceNamespace: dev
        flows: hello_world
        """);

    assertEquals("Add flows from dev namespace", world.repo().log(MAIN).get(0).getFullMessage().strip());
  }

  @Test
  void allFlowsOfDev_flow1AndFlow2BesideHelloWorld() {
    GuideFlows.putAll(world);

    PresetResult run = world.run(PUSH_ALL);

    assertEquals(Map.of("flows/hello_world.yml", "ADDED", "flows/flow1.yml", "ADDED", "flows/flow2.yml", "ADDED"),
        states(run, "file"));
    assertEquals(inNamespace(FLOW1, "dev", "prod"), world.gitFile("develop", "flows/flow1.yml").orElseThrow());
    assertEquals(inNamespace(FLOW2, "dev", "prod"), world.gitFile("develop", "flows/flow2.yml").orElseThrow());
    assertFalse(world.gitFiles("develop").keySet().stream().anyMatch(p -> p.startsWith("flows/tutorial/")),
        "child namespaces stay out unless includeChildNamespaces");
    assertEquals("push all development flows to Git and create a PR",
        world.repo().log("develop").get(0).getShortMessage());

    world.assertSecondRunIsNoOp(PUSH_ALL, "develop", "UNCHANGED");
  }

  @Test
  void devTutorialChildNamespace_landsInItsSubFolder_asInTheGuidesTable() {
    GuideFlows.putAll(world);

    PresetResult run = world.run(PUSH_WITH_CHILDREN);

    assertEquals(Set.of("README.md", "flows/hello_world.yml", "flows/flow1.yml", "flows/flow2.yml",
        "flows/tutorial/hello_world_1.yml", "flows/tutorial/hello_world_2.yml"), world.gitFiles("develop").keySet());
    assertEquals(inNamespace(HELLO_WORLD_1, "dev.tutorial", "prod.tutorial"),
        world.gitFile("develop", "flows/tutorial/hello_world_1.yml").orElseThrow(),
        "the child namespace follows the mapping dev -> prod");
    assertEquals(inNamespace(HELLO_WORLD_2, "dev.tutorial", "prod.tutorial"),
        world.gitFile("develop", "flows/tutorial/hello_world_2.yml").orElseThrow());
    assertEquals(5, run.rows().size());
    assertTrue(run.rows().stream().allMatch(r -> "ADDED".equals(r.get("action"))), run.rows()::toString);
    assertEquals(2, world.repo().log("develop").size(), "one commit for the whole push, on top of main");

    world.assertSecondRunIsNoOp(PUSH_WITH_CHILDREN, "develop", "UNCHANGED");
  }

  @Test
  void aMissingBranch_isCreatedFromTheDefaultBranch_soThePushCanBeMergedBackByAPullRequest() {
    world.commit().add("flows/flow1.yml", inNamespace(FLOW1, "dev", "prod")).push();
    ObjectId main = world.head(MAIN).orElseThrow();
    GuideFlows.putAll(world);

    PresetResult run = world.run(PUSH_ALL);

    assertEquals(Map.of("flows/hello_world.yml", "ADDED", "flows/flow1.yml", "UNCHANGED", "flows/flow2.yml", "ADDED"),
        states(run, "file"), "planned against what develop starts with: main's files");
    RevCommit pushed = world.repo().log("develop").get(0);
    assertEquals(main, pushed.getParent(0).getId(), "develop starts at main's head, as in the plugin");
    assertEquals(Set.of("README.md", "flows/flow1.yml", "flows/hello_world.yml", "flows/flow2.yml"),
        world.gitFiles("develop").keySet());
    assertEquals(Optional.of(main), world.head(MAIN));
    world.assertSecondRunIsNoOp(PUSH_ALL, "develop", "UNCHANGED");
  }

  @Test
  void targetNamespaceDefaultsToTheSource() {
    world.putFlow(FLOW1);

    world.run("type: io.kestra.plugin.git.PushFlows\nsourceNamespace: dev\n");

    assertEquals(FLOW1, world.gitFile(MAIN, "_flows/flow1.yml").orElseThrow(), "the default directory is _flows");
  }

  @Test
  void changedFlow_isUpdated_andDeletedFlow_isDeleted_inOneCommit() {
    GuideFlows.putAll(world);
    world.run(PUSH_ALL);
    ObjectId first = world.head("develop").orElseThrow();
    world.putFlow(FLOW1.replace("this is too easy", "still easy"));
    world.kestra().deleteFlow(PresetWorld.TENANT, "dev", "flow2");

    PresetResult run = world.run(PUSH_ALL);

    assertEquals(Map.of("flows/hello_world.yml", "UNCHANGED", "flows/flow1.yml", "UPDATED", "flows/flow2.yml",
        "DELETED"), states(run, "file"));
    Map<String, Object> updated = row(run, "file", "flows/flow1.yml");
    assertEquals(1, ((Number) updated.get("additions")).intValue());
    assertEquals(1, ((Number) updated.get("deletions")).intValue());
    assertEquals(2, ((Number) updated.get("changes")).intValue());
    assertTrue(world.gitFile("develop", "flows/flow1.yml").orElseThrow().contains("still easy"));
    assertTrue(world.gitFile("develop", "flows/flow2.yml").isEmpty());
    List<RevCommit> log = world.repo().log("develop");
    assertEquals(3, log.size(), "main's commit and two pushes");
    assertEquals(first, log.get(0).getParent(0).getId(), "the new commit is on top of the old head");
  }

  @Test
  void deleteFalse_keepsFlowsKestraNoLongerHas_andReportsThemKept() {
    GuideFlows.putAll(world);
    world.run(PUSH_ALL);
    world.kestra().deleteFlow(PresetWorld.TENANT, "dev", "flow2");
    String task = PUSH_ALL + "delete: false\n";

    PresetResult run = world.run(task);

    assertEquals("KEPT", row(run, "file", "flows/flow2.yml").get("action"));
    assertTrue(world.gitFile("develop", "flows/flow2.yml").isPresent());
    world.assertSecondRunIsNoOp(task, "develop", "UNCHANGED", "KEPT");
  }

  @Test
  void flowsGlobs_selectWhatIsPushed() {
    GuideFlows.putAll(world);

    PresetResult run = world.run(PUSH_WITH_CHILDREN + "flows:\n  - \"hello_*\"\n");

    assertEquals(Set.of("README.md", "flows/hello_world.yml", "flows/tutorial/hello_world_1.yml",
        "flows/tutorial/hello_world_2.yml"), world.gitFiles("develop").keySet());
    assertEquals(3, run.rows().size());
  }

  @Test
  void theIonFileHoldsTheSameRows() {
    GuideFlows.putAll(world);

    PresetResult run = world.run(PUSH_WITH_CHILDREN);

    List<Map<String, Object>> back = DiffRows.fromIon(run.ion());
    assertEquals(run.rows().size(), back.size());
    for (int i = 0; i < back.size(); i++) {
      Map<String, Object> expected = run.rows().get(i);
      Map<String, Object> actual = back.get(i);
      assertEquals(expected.keySet(), actual.keySet());
      for (String field : expected.keySet()) {
        assertEquals(String.valueOf(expected.get(field)), String.valueOf(actual.get(field)), field);
      }
    }
  }
}
