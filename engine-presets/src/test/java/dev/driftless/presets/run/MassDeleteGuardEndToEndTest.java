package dev.driftless.presets.run;

import static dev.driftless.presets.run.GuideFlows.flow;
import static dev.driftless.presets.run.PresetWorld.TENANT;
import static dev.driftless.presets.run.PresetWorld.states;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.plan.Reason;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mass-deletion guard as a scheduled SyncFlows meets it: a renamed flow goes through, a wrong
 * directory is held back (a dry run shows it and succeeds; a real run fails and writes nothing), and
 * a task file lets a known number of deletions through in advance.
 */
@Timeout(60)
class MassDeleteGuardEndToEndTest {

  private static final String SYNC = """
      type: io.kestra.plugin.git.SyncFlows
      targetNamespace: prod
      gitDirectory: flows
      delete: true
      """;

  @TempDir
  Path dir;
  PresetWorld world;

  @AfterEach
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void aRenamedFlow_isSyncedWithoutApproval() {
    world = PresetWorld.start(dir);
    world.commit().add("flows/b.yaml", flow("prod", "b", "renamed")).push();
    world.putFlow(flow("prod", "a", "the old name"));

    PresetResult run = world.run(SYNC);

    assertTrue(run.isSuccess(), run.plan().diagnostics().toString());
    assertEquals(Map.of("a", "DELETED", "b", "ADDED"), states(run, "flowId"));
    assertTrue(world.flow("prod", "a").isEmpty());
    assertTrue(world.flow("prod", "b").isPresent());
  }

  @Test
  void aWrongDirectory_isHeld_aDryRunSucceedsShowingBlockedRows_aRealRunFailsAndWritesNothing() {
    startWithThreeFlowsAndAnEmptyDirectory();

    PresetResult dry = world.run(SYNC + "dryRun: true\n");

    assertTrue(dry.isSuccess(), "a dry run held only by the guard has done its job");
    assertTrue(dry.isHeldBack());
    assertEquals(Map.of("f1", "BLOCKED", "f2", "BLOCKED", "f3", "BLOCKED"), states(dry, "flowId"));
    assertTrue(dry.plan().changes().stream().allMatch(c -> c.reason() == Reason.GUARD_MASS_DELETE));
    assertTrue(dry.heldBackWarning().contains(dry.plan().id()), dry.heldBackWarning());
    world.assertNoKestraWrite();

    PresetResult real = world.run(SYNC);

    assertFalse(real.isSuccess());
    assertTrue(real.isHeldBack());
    assertTrue(real.result().isEmpty(), "nothing is applied");
    world.assertNoKestraWrite();
    assertEquals(3, world.kestra().flows(TENANT).size());
  }

  @Test
  void allowedDeletes_inTheTaskFile_letsThatManyThrough_andHoldsMore() {
    startWithThreeFlowsAndAnEmptyDirectory();

    PresetResult two = world.run(SYNC + "allowedDeletes: 2\n");
    assertFalse(two.isSuccess());
    assertTrue(two.isHeldBack());
    world.assertNoKestraWrite();

    PresetResult three = world.run(SYNC + "allowedDeletes: 3\n");
    assertTrue(three.isSuccess(), three.plan().diagnostics().toString());
    assertEquals(0, world.kestra().flows(TENANT).size());
  }

  @Test
  void aDryRunWithAnotherError_stillFails() {
    world = PresetWorld.start(dir);
    world.commit().add("prod/flows/a.yaml", "id: a\nnamespace: prod\ntasks: [\n").push();
    world.putFlow(flow("prod", "a", "in Kestra"));

    PresetResult dry = world.run("""
        type: io.kestra.plugin.git.NamespaceSync
        namespace: prod
        branch: main
        sourceOfTruth: GIT
        onInvalidSyntax: FAIL
        dryRun: true
        """);

    assertFalse(dry.plan().isApplyable());
    assertFalse(dry.isSuccess(), dry.plan().diagnostics().toString());
  }

  private void startWithThreeFlowsAndAnEmptyDirectory() {
    world = PresetWorld.start(dir);
    world.commit().add("flows/README.md", "flows live here\n").push();
    for (String id : new String[] {"f1", "f2", "f3"}) {
      world.putFlow(flow("prod", id, "in Kestra"));
    }
    world.forgetRequests();
  }
}
