package dev.driftless.presets.run;

import static dev.driftless.presets.run.GuideFlows.FLOW1;
import static dev.driftless.presets.run.GuideFlows.FLOW2;
import static dev.driftless.presets.run.GuideFlows.HELLO_WORLD;
import static dev.driftless.presets.run.GuideFlows.HELLO_WORLD_1;
import static dev.driftless.presets.run.GuideFlows.inNamespace;
import static dev.driftless.presets.run.PresetWorld.TENANT;
import static dev.driftless.presets.run.PresetWorld.row;
import static dev.driftless.presets.run.PresetWorld.states;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.port.SourceNotFoundException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SyncFlows and SyncFlow against a real Git server and the Kestra emulator: the repository the
 * PushFlows guide made ({@code flows/}, {@code namespace: prod}, the {@code tutorial} child
 * folder) synced back into Kestra.
 */
@Timeout(60)
class SyncFlowsEndToEndTest {

  /** The guide's SyncFlows task, syncing into another namespace than the files say. */
  private static final String SYNC = """
      id: sync_flows
      type: io.kestra.plugin.git.SyncFlows
      branch: main
      targetNamespace: staging
      gitDirectory: flows
      """;
  private static final String SYNC_WITH_CHILDREN = SYNC + "includeChildNamespaces: true\n";

  @TempDir
  Path dir;
  PresetWorld world;

  @BeforeEach
  void start() {
    world = PresetWorld.start(dir);
    world.commit()
        .add("flows/hello_world.yml", inNamespace(HELLO_WORLD, "dev", "prod"))
        .add("flows/flow1.yml", inNamespace(FLOW1, "dev", "prod"))
        .add("flows/flow2.yml", inNamespace(FLOW2, "dev", "prod"))
        .add("flows/tutorial/hello_world_1.yml", inNamespace(HELLO_WORLD_1, "dev.tutorial", "prod.tutorial"))
        .add("flows/README.md", "Flows of prod.\n")
        .push();
  }

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void syncsFlowsBackIntoAnotherNamespace_withTheTargetNamespaceInTheirText() {
    PresetResult dry = world.run(SYNC + "dryRun: true\n");
    assertEquals(3, dry.rows().size());
    assertTrue(world.kestra().flows(TENANT).isEmpty(), "a dry run writes nothing");
    world.assertNoKestraWrite();

    PresetResult run = world.run(SYNC);

    assertEquals(Map.of("flows/hello_world.yml", "ADDED", "flows/flow1.yml", "ADDED", "flows/flow2.yml", "ADDED"),
        states(run, "gitPath"));
    assertEquals(Optional.of(inNamespace(HELLO_WORLD, "dev", "staging")), world.flow("staging", "hello_world"));
    assertEquals(Optional.of(inNamespace(FLOW1, "dev", "staging")), world.flow("staging", "flow1"));
    assertTrue(world.flow("staging.tutorial", "hello_world_1").isEmpty(),
        "sub-folders are child namespaces, synced only with includeChildNamespaces");
    Map<String, Object> hello = row(run, "flowId", "hello_world");
    assertEquals("staging", hello.get("namespace"));
    assertEquals(1, ((Number) hello.get("revision")).intValue());
    assertEquals(List.of("gitPath", "syncState", "flowId", "namespace", "revision"),
        List.copyOf(hello.keySet()), "the plugin's SyncFlows row shape");

    PresetResult again = world.assertSecondRunIsNoOp(SYNC, PresetWorld.MAIN, "UNCHANGED");
    assertEquals(1, ((Number) row(again, "flowId", "hello_world").get("revision")).intValue());
    assertEquals(1, world.kestra().flowRevisions(TENANT, "staging", "hello_world").size(),
        "an unchanged flow makes no new revision");
  }

  @Test
  void includeChildNamespaces_syncsSubFoldersAsChildNamespaces() {
    PresetResult run = world.run(SYNC_WITH_CHILDREN);

    assertEquals("ADDED", row(run, "gitPath", "flows/tutorial/hello_world_1.yml").get("syncState"));
    assertEquals("staging.tutorial", row(run, "gitPath", "flows/tutorial/hello_world_1.yml").get("namespace"));
    assertEquals(Optional.of(inNamespace(HELLO_WORLD_1, "dev.tutorial", "staging.tutorial")),
        world.flow("staging.tutorial", "hello_world_1"));
    world.assertSecondRunIsNoOp(SYNC_WITH_CHILDREN, PresetWorld.MAIN, "UNCHANGED");
  }

  @Test
  void aChangeInGit_updatesKestra_withANewRevision() {
    world.run(SYNC);
    world.commit().add("flows/flow1.yml", inNamespace(FLOW1, "dev", "prod").replace("too easy", "easier")).push();

    PresetResult run = world.run(SYNC);

    assertEquals("UPDATED", row(run, "flowId", "flow1").get("syncState"));
    assertEquals(2, ((Number) row(run, "flowId", "flow1").get("revision")).intValue());
    assertTrue(world.flow("staging", "flow1").orElseThrow().contains("easier"));
    assertEquals("UNCHANGED", row(run, "flowId", "flow2").get("syncState"));
  }

  @Test
  void aFlowEditedInKestraAfterPlanning_isNotOverwrittenByThatPlan_theRunPlansAgain() {
    world.run(SYNC);
    world.commit().add("flows/flow1.yml", inNamespace(FLOW1, "dev", "prod").replace("too easy", "from Git")).push();
    String edited = inNamespace(FLOW1, "dev", "staging").replace("too easy", "edited in the UI meanwhile");
    AtomicInteger applying = new AtomicInteger();
    world.runner(world.runner().withMaxAttempts(1).withProgress(line -> {
      if (line.startsWith("Applying") && applying.getAndIncrement() == 0) {
        world.putFlow(edited);
      }
    }));

    PresetResult once = world.run(SYNC);

    assertEquals("STALE", row(once, "flowId", "flow1").get("syncState"));
    assertEquals(Optional.of(edited), world.flow("staging", "flow1"), "the edit made after planning is kept");

    world.runner(world.runner().withMaxAttempts(3));
    PresetResult again = world.run(SYNC);

    assertEquals(1, again.attempts());
    assertEquals("UPDATED", row(again, "flowId", "flow1").get("syncState"), "a fresh plan, made from the edit");
    assertTrue(world.flow("staging", "flow1").orElseThrow().contains("from Git"));
  }

  @Test
  void deleteFalse_theDefault_keepsFlowsGitDoesNotHave_andSaysSo() {
    world.putFlow(GuideFlows.flow("staging", "ui_only", "made in the UI"));

    PresetResult run = world.run(SYNC);

    assertEquals("KEPT", row(run, "flowId", "ui_only").get("syncState"));
    assertTrue(world.flow("staging", "ui_only").isPresent());
    world.assertSecondRunIsNoOp(SYNC, PresetWorld.MAIN, "UNCHANGED", "KEPT");
  }

  @Test
  void deleteTrue_deletesFlowsGitDoesNotHave() {
    String task = SYNC + "delete: true\n";
    world.run(task);
    world.putFlow(GuideFlows.flow("staging", "ui_only", "made in the UI"));

    PresetResult run = world.run(task);

    assertEquals("DELETED", row(run, "flowId", "ui_only").get("syncState"));
    assertTrue(world.flow("staging", "ui_only").isEmpty());
    world.assertSecondRunIsNoOp(task, PresetWorld.MAIN, "UNCHANGED");
  }

  @Test
  void deleteTrue_neverDeletesTheFlowRunningTheSync() {
    String task = SYNC + "delete: true\n";
    world.run(task);
    world.putFlow(GuideFlows.flow("staging", "sync_from_git", "the system flow running this task"));
    world.putFlow(GuideFlows.flow("staging", "ui_only", "made in the UI"));
    world.runner(world.runner().withRunningFlow(dev.driftless.resource.ResourceKey.flow("staging", "sync_from_git")));

    PresetResult run = world.run(task);

    assertEquals("PROTECTED", row(run, "flowId", "sync_from_git").get("syncState"));
    assertEquals("protected_resource", run.plan().change(dev.driftless.resource.ResourceKey.flow("staging",
        "sync_from_git")).orElseThrow().reason().label());
    assertTrue(world.flow("staging", "sync_from_git").isPresent(), "the running flow is still there");
    assertEquals("DELETED", row(run, "flowId", "ui_only").get("syncState"), "other flows Git lacks are deleted");
  }

  @Test
  void syncFlow_syncsTheOneFileItNames_andNothingElse() {
    world.putFlow(GuideFlows.flow("staging", "ui_only", "made in the UI"));
    String task = """
        type: io.kestra.plugin.git.SyncFlow
        targetNamespace: staging
        flowPath: flows/flow1.yml
        """;

    PresetResult run = world.run(task);

    assertEquals(1, run.rows().size(), run.rows()::toString);
    assertEquals("ADDED", row(run, "flowId", "flow1").get("syncState"));
    assertEquals(Optional.of(inNamespace(FLOW1, "dev", "staging")), world.flow("staging", "flow1"));
    assertTrue(world.flow("staging", "flow2").isEmpty());
    assertTrue(world.flow("staging", "ui_only").isPresent(), "SyncFlow never deletes");
    world.assertSecondRunIsNoOp(task, PresetWorld.MAIN, "UNCHANGED");
  }

  @Test
  void syncFlow_reportsOnlyItsOwnFile_notTheOtherFilesOfItsFolder() {
    world.commit().add("flows/misnamed.yml", GuideFlows.flow("prod", "not_its_name", "x"))
        .add("flows/broken.yml", "id: broken\nnamespace: prod\ntasks: [\n").push();

    PresetResult run = world.run("""
        type: io.kestra.plugin.git.SyncFlow
        targetNamespace: staging
        flowPath: flows/flow1.yml
        """);

    assertTrue(run.isSuccess(), run.plan().diagnostics()::toString);
    String said = run.plan().diagnostics().toString();
    assertFalse(said.contains("misnamed.yml") || said.contains("broken.yml"), said);
    assertTrue(said.contains("flows/flow1.yml"), "what is said about the synced file stays: " + said);
  }

  @Test
  void syncFlow_aFlowPathThatIsNoFlowFile_isAnErrorNamingIt() {
    world.forgetRequests();

    SourceNotFoundException e = assertThrows(SourceNotFoundException.class, () -> world.run("""
        type: io.kestra.plugin.git.SyncFlow
        targetNamespace: staging
        flowPath: flows/flow3.yml
        """));

    assertTrue(e.getMessage().contains("flows/flow3.yml"), e.getMessage());
    world.assertNoKestraWrite();
  }
}
