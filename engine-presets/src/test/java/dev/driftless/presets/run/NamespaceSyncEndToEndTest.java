package dev.driftless.presets.run;

import static dev.driftless.presets.run.GuideFlows.flow;
import static dev.driftless.presets.run.PresetWorld.MAIN;
import static dev.driftless.presets.run.PresetWorld.TENANT;
import static dev.driftless.presets.run.PresetWorld.row;
import static dev.driftless.presets.run.PresetWorld.states;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.emulator.Mode;
import dev.driftless.plan.PlanOptions;
import dev.driftless.plan.Reason;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * NamespaceSync in both directions with DELETE, KEEP and FAIL, protected {@code system}, a source
 * of truth per kind, child namespaces, and a namespace created in Kestra when Git is the source.
 *
 * <p>The starting point of every direction test: Git and Kestra both have flow {@code a} (with
 * different messages) and flow {@code shared} (equal); Git alone has the file {@code git_only.py};
 * Kestra alone has flow {@code old} and the file {@code k.txt}.
 */
@Timeout(60)
class NamespaceSyncEndToEndTest {

  private static final String NS = "company.team";
  private static final String A_IN_GIT = flow(NS, "a", "from Git");
  private static final String A_IN_KESTRA = flow(NS, "a", "from Kestra");
  private static final String SHARED = flow(NS, "shared", "same on both sides");
  private static final String OLD = flow(NS, "old", "only in Kestra");

  @TempDir
  Path dir;
  PresetWorld world;

  @AfterEach
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  private void startWithBothSides() {
    world = PresetWorld.start(dir);
    world.commit()
        .add(NS + "/flows/a.yaml", A_IN_GIT)
        .add(NS + "/flows/shared.yaml", SHARED)
        .add(NS + "/files/git_only.py", "print('git')\n")
        .add("README.md", "# platform\n")
        .push();
    world.putFlow(A_IN_KESTRA);
    world.putFlow(SHARED);
    world.putFlow(OLD);
    world.putFile(NS, "/k.txt", "kestra only\n");
  }

  private static String task(String sourceOfTruth, String whenMissing) {
    return """
        id: namespace
        type: io.kestra.plugin.git.NamespaceSync
        namespace: company.team
        branch: main
        sourceOfTruth: %s
        whenMissingInSource: %s
        protectedNamespaces:
          - system
        """.formatted(sourceOfTruth, whenMissing);
  }

  // ---- Git is the source of truth

  @Test
  void gitToKestra_delete_makesKestraEqualToGit() {
    startWithBothSides();
    Optional<ObjectId> head = world.head(MAIN);
    String task = task("GIT", "DELETE");

    PresetResult run = world.run(task);

    assertEquals(Map.of("company.team.a", "UPDATED", "company.team.shared", "UNCHANGED", "company.team.old", "DELETED",
        "company.team:/git_only.py", "ADDED", "company.team:/k.txt", "DELETED"), states(run, "key"));
    assertEquals(Optional.of(A_IN_GIT), world.flow(NS, "a"));
    assertTrue(world.flow(NS, "old").isEmpty());
    assertEquals(Optional.of("print('git')\n"), world.file(NS, "/git_only.py"));
    assertTrue(world.file(NS, "/k.txt").isEmpty());
    assertEquals(head, world.head(MAIN), "the source of truth is never written");
    Map<String, Object> row = row(run, "key", "company.team.a");
    assertEquals(List.of("file", "key", "kind", "action", "side"), List.copyOf(row.keySet()));
    assertEquals("company.team/flows/a.yaml", row.get("file"));
    assertEquals("FLOW", row.get("kind"));
    assertEquals("KESTRA", row.get("side"));
    assertEquals("FILE", row(run, "key", "company.team:/git_only.py").get("kind"));

    world.assertSecondRunIsNoOp(task, MAIN, "UNCHANGED");
  }

  @Test
  void gitToKestra_keep_keepsWhatGitDoesNotHave_andReportsItKept() {
    startWithBothSides();
    String task = task("GIT", "KEEP");

    PresetResult run = world.run(task);

    assertEquals("KEPT", row(run, "key", "company.team.old").get("action"));
    assertEquals("KEPT", row(run, "key", "company.team:/k.txt").get("action"));
    assertEquals(Optional.of(OLD), world.flow(NS, "old"));
    assertTrue(world.file(NS, "/k.txt").isPresent());
    assertEquals(Optional.of(A_IN_GIT), world.flow(NS, "a"));

    world.assertSecondRunIsNoOp(task, MAIN, "UNCHANGED", "KEPT");
  }

  @Test
  void gitToKestra_fail_writesNothingAtAll() {
    startWithBothSides();
    world.forgetRequests();

    PresetResult run = world.run(task("GIT", "FAIL"));

    assertFalse(run.plan().isApplyable());
    assertFalse(run.isSuccess());
    assertEquals("BLOCKED", row(run, "key", "company.team.old").get("action"));
    assertEquals("BLOCKED", row(run, "key", "company.team:/k.txt").get("action"));
    world.assertNoKestraWrite();
    assertEquals(Optional.of(A_IN_KESTRA), world.flow(NS, "a"), "not even the update is applied");
    assertTrue(world.file(NS, "/git_only.py").isEmpty());
    assertTrue(run.plan().errors().get(0).message().contains("whenMissingInSource is FAIL"));
  }

  // ---- Kestra is the source of truth (the plugin's default)

  @Test
  void kestraToGit_delete_makesGitEqualToKestra_inOneCommit() {
    startWithBothSides();
    ObjectId before = world.head(MAIN).orElseThrow();
    world.forgetRequests();
    String task = task("KESTRA", "DELETE");

    PresetResult run = world.run(task);

    assertEquals(Map.of("company.team.a", "UPDATED", "company.team.shared", "UNCHANGED", "company.team.old", "ADDED",
        "company.team:/git_only.py", "DELETED", "company.team:/k.txt", "ADDED"), states(run, "key"));
    assertEquals(Map.of("README.md", "# platform\n", NS + "/flows/a.yaml", A_IN_KESTRA, NS + "/flows/shared.yaml",
        SHARED, NS + "/flows/old.yaml", OLD, NS + "/files/k.txt", "kestra only\n"), world.gitFiles(MAIN));
    assertEquals(before, world.repo().log(MAIN).get(0).getParent(0).getId(), "one commit on top of the old head");
    assertEquals(world.head(MAIN).map(ObjectId::name), run.commitId());
    assertEquals("GIT", row(run, "key", "company.team.old").get("side"));
    world.assertNoKestraWrite();

    world.assertSecondRunIsNoOp(task, MAIN, "UNCHANGED");
  }

  @Test
  void kestraToGit_keep_keepsWhatKestraDoesNotHave() {
    startWithBothSides();
    String task = task("KESTRA", "KEEP");

    PresetResult run = world.run(task);

    assertEquals("KEPT", row(run, "key", "company.team:/git_only.py").get("action"));
    assertEquals(Optional.of("print('git')\n"), world.gitFile(MAIN, NS + "/files/git_only.py"));
    assertEquals(Optional.of(A_IN_KESTRA), world.gitFile(MAIN, NS + "/flows/a.yaml"));

    world.assertSecondRunIsNoOp(task, MAIN, "UNCHANGED", "KEPT");
  }

  @Test
  void kestraToGit_fail_writesNothingAtAll() {
    startWithBothSides();
    Optional<ObjectId> head = world.head(MAIN);

    PresetResult run = world.run(task("KESTRA", "FAIL"));

    assertFalse(run.plan().isApplyable());
    assertEquals("BLOCKED", row(run, "key", "company.team:/git_only.py").get("action"));
    assertEquals(head, world.head(MAIN));
    assertTrue(run.commitId().isEmpty());
  }

  // ---- protection, per-kind source of truth, children, namespace creation

  @Test
  void protectedSystem_isNeverDeleted_onEitherSide() {
    world = PresetWorld.start(dir);
    world.commit().add("system/flows/cleanup.yaml", flow("system", "cleanup", "purge"))
        .add("system/files/only_in_git.sh", "echo git\n").push();
    world.putFlow(flow("system", "cleanup", "purge"));
    world.putFlow(flow("system", "ui_only", "only in Kestra"));
    world.putFlow(flow("system.ops", "child", "only in Kestra, in a child"));
    String gitSource = """
        type: io.kestra.plugin.git.NamespaceSync
        namespace: system
        includeChildNamespaces: true
        branch: main
        sourceOfTruth: GIT
        """;

    PresetResult fromGit = world.run(gitSource);
    assertEquals("ADDED", row(fromGit, "key", "system:/only_in_git.sh").get("action"));

    assertEquals("PROTECTED", row(fromGit, "key", "system.ui_only").get("action"));
    assertEquals("PROTECTED", row(fromGit, "key", "system.ops.child").get("action"));
    assertTrue(world.flow("system", "ui_only").isPresent());
    assertTrue(world.flow("system.ops", "child").isPresent());

    world.commit().add("system/files/only_in_git_now.sh", "echo git\n").push();

    PresetResult fromKestra = world.run(gitSource.replace("sourceOfTruth: GIT", "sourceOfTruth: KESTRA"));

    assertEquals("PROTECTED", row(fromKestra, "key", "system:/only_in_git_now.sh").get("action"));
    assertEquals(Optional.of("echo git\n"), world.gitFile(MAIN, "system/files/only_in_git_now.sh"),
        "protection covers Git-side deletions too");
    assertEquals(Optional.of(flow("system.ops", "child", "only in Kestra, in a child")),
        world.gitFile(MAIN, "system.ops/flows/child.yaml"), "a child namespace has its own folder");
  }

  @Test
  void perKindSourceOfTruth_flowsFromKestra_filesFromGit_inOneRun() {
    startWithBothSides();
    world.commit().add(NS + "/files/same.txt", "same\n").push();
    world.putFile(NS, "/same.txt", "same\n");
    world.forgetRequests();
    String task = """
        type: io.kestra.plugin.git.NamespaceSync
        namespace: company.team
        branch: main
        sourceOfTruth: KESTRA
        sourceOfTruthByKind:
          namespace-file: GIT
        whenMissingInSource: DELETE
        """;

    PresetResult run = world.run(task);

    assertEquals(Optional.of(A_IN_KESTRA), world.gitFile(MAIN, NS + "/flows/a.yaml"), "flows went to Git");
    assertEquals(Optional.of(OLD), world.gitFile(MAIN, NS + "/flows/old.yaml"));
    assertEquals(Optional.of("print('git')\n"), world.file(NS, "/git_only.py"), "files went to Kestra");
    assertTrue(world.file(NS, "/k.txt").isEmpty(), "a file Git does not have is deleted from Kestra");
    assertTrue(world.gitFile(MAIN, NS + "/files/k.txt").isEmpty());
    assertEquals("GIT", row(run, "key", "company.team.a").get("side"));
    assertEquals("KESTRA", row(run, "key", "company.team:/git_only.py").get("side"));
    assertTrue(run.commitId().isPresent());
    assertFalse(world.kestraWrites().isEmpty());

    world.assertSecondRunIsNoOp(task, MAIN, "UNCHANGED");
  }

  @Test
  void aNamespaceMissingInEnterpriseKestra_isCreatedWhenApplying_neverInADryRun() {
    world = PresetWorld.start(dir, Mode.EE, "1.3.0");
    world.commit().add("brand.new/flows/first.yaml", flow("brand.new", "first", "hello")).push();
    world.forgetRequests();
    String task = """
        type: io.kestra.plugin.git.NamespaceSync
        namespace: brand.new
        branch: main
        sourceOfTruth: GIT
        """;

    PresetResult dry = world.run(task + "dryRun: true\n");

    assertEquals("ADDED", row(dry, "key", "brand.new.first").get("action"));
    world.assertNoKestraWrite();
    assertFalse(world.kestra().namespaces(TENANT).contains("brand.new"));

    world.run(task);

    assertTrue(world.kestra().namespaces(TENANT).contains("brand.new"));
    assertEquals(1, world.emulator().requests().count("POST", "/api/v1/main/namespaces"));
    assertTrue(world.flow("brand.new", "first").isPresent());
    world.assertSecondRunIsNoOp(task, MAIN, "UNCHANGED");
  }

  @Test
  void aNamespaceWithNothingInGit_emptiesKestraOnlyOnceThatPlanIsApproved() {
    world = PresetWorld.start(dir);
    world.commit().add("other/flows/x.yaml", flow("other", "x", "x")).push();
    world.putFlow(flow(NS, "a", "only in Kestra"));
    world.forgetRequests();

    PresetResult run = world.run(task("GIT", "DELETE"));

    assertEquals("BLOCKED", row(run, "key", "company.team.a").get("action"));
    assertEquals(Reason.GUARD_MASS_DELETE, run.plan().changes().get(0).reason());
    assertTrue(world.flow(NS, "a").isPresent());
    world.assertNoKestraWrite();

    world.runner(world.runner().withOptions(PlanOptions.builder()
        .approvedPlanId(run.plan().id()).build()));
    PresetResult approved = world.run(task("GIT", "DELETE"));

    assertEquals(run.plan().id(), approved.plan().id());
    assertEquals("DELETED", row(approved, "key", "company.team.a").get("action"));
    assertTrue(world.flow(NS, "a").isEmpty());
  }
}
