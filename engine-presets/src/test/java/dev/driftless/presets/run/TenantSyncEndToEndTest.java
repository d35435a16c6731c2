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
 * TenantSync against an Enterprise emulator (explicit namespaces, apps, tests, dashboards) in both
 * directions with DELETE, KEEP and FAIL, protected {@code system} (and {@code _global} for
 * dashboards), and on an open-source server, which has no apps or tests.
 *
 * <p>The starting point: flow {@code company.team.a} differs between the sides; flow
 * {@code company.team.shared} and dashboard {@code same} are equal; Git alone has
 * {@code newns.n} (a namespace Kestra does not have); Kestra alone has flow
 * {@code company.team.old}, flow {@code system.cleanup} and dashboard {@code retired}; dashboard
 * {@code overview} differs.
 */
@Timeout(60)
class TenantSyncEndToEndTest {

  private static final String A_IN_GIT = flow("company.team", "a", "from Git");
  private static final String A_IN_KESTRA = flow("company.team", "a", "from Kestra");
  private static final String SHARED = flow("company.team", "shared", "same");
  private static final String N = flow("newns", "n", "only in Git");
  private static final String OLD = flow("company.team", "old", "only in Kestra");
  private static final String CLEANUP = flow("system", "cleanup", "only in Kestra, protected");

  @TempDir
  Path dir;
  PresetWorld world;

  @AfterEach
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  private static String dashboard(String id, String title) {
    return "id: " + id + "\ntitle: " + title + "\ncharts: []\n";
  }

  private void startWithBothSides(Mode mode) {
    world = PresetWorld.start(dir, mode, "1.3.0");
    world.commit()
        .add("company.team/flows/a.yaml", A_IN_GIT)
        .add("company.team/flows/shared.yaml", SHARED)
        .add("newns/flows/n.yaml", N)
        .add("_global/dashboards/overview.yaml", dashboard("overview", "From Git"))
        .add("_global/dashboards/same.yaml", dashboard("same", "Same"))
        .add("README.md", "# tenant\n")
        .push();
    world.kestra().putNamespace(TENANT, "company.team");
    world.kestra().putNamespace(TENANT, "system");
    world.putFlow(A_IN_KESTRA);
    world.putFlow(SHARED);
    world.putFlow(OLD);
    world.putFlow(CLEANUP);
    world.kestra().putDashboard(TENANT, "overview", dashboard("overview", "From Kestra"));
    world.kestra().putDashboard(TENANT, "same", dashboard("same", "Same"));
    world.kestra().putDashboard(TENANT, "retired", dashboard("retired", "Retired"));
    world.forgetRequests();
  }

  private static String task(String sourceOfTruth, String whenMissing) {
    return """
        id: tenant
        type: io.kestra.plugin.git.TenantSync
        sourceOfTruth: %s
        whenMissingInSource: %s
        branch: main
        protectedNamespaces:
          - system
        """.formatted(sourceOfTruth, whenMissing);
  }

  // ---- Git is the source of truth

  @Test
  void gitToKestra_delete_makesKestraEqualToGit_exceptProtectedSystem() {
    startWithBothSides(Mode.EE);
    Optional<ObjectId> head = world.head(MAIN);
    String task = task("GIT", "DELETE");

    PresetResult run = world.run(task);

    assertEquals(Map.of("company.team.a", "UPDATED", "company.team.shared", "UNCHANGED", "newns.n", "ADDED",
        "company.team.old", "DELETED", "system.cleanup", "PROTECTED", "overview", "UPDATED", "same", "UNCHANGED",
        "retired", "DELETED"), states(run, "key"));
    assertEquals(Optional.of(A_IN_GIT), world.flow("company.team", "a"));
    assertEquals(Optional.of(N), world.flow("newns", "n"));
    assertTrue(world.kestra().namespaces(TENANT).contains("newns"), "the namespace was created while applying");
    assertTrue(world.flow("company.team", "old").isEmpty());
    assertEquals(Optional.of(CLEANUP), world.flow("system", "cleanup"));
    assertEquals(Optional.of(dashboard("overview", "From Git")), world.kestra().dashboardSource(TENANT, "overview"));
    assertFalse(world.kestra().dashboardIds(TENANT).contains("retired"));
    assertEquals("_global/dashboards/overview.yaml", row(run, "key", "overview").get("file"));
    assertEquals("DASHBOARD", row(run, "key", "overview").get("kind"));
    assertEquals(head, world.head(MAIN));

    world.assertSecondRunIsNoOp(task, MAIN, "UNCHANGED", "PROTECTED");
  }

  @Test
  void gitToKestra_keep_keepsWhatGitDoesNotHave() {
    startWithBothSides(Mode.EE);
    String task = task("GIT", "KEEP");

    PresetResult run = world.run(task);

    assertEquals("KEPT", row(run, "key", "company.team.old").get("action"));
    assertEquals("KEPT", row(run, "key", "retired").get("action"));
    assertTrue(world.flow("company.team", "old").isPresent());
    assertTrue(world.kestra().dashboardIds(TENANT).contains("retired"));
    assertEquals(Optional.of(N), world.flow("newns", "n"));

    world.assertSecondRunIsNoOp(task, MAIN, "UNCHANGED", "KEPT", "PROTECTED");
  }

  @Test
  void gitToKestra_fail_writesNothing_andCreatesNoNamespace() {
    startWithBothSides(Mode.EE);

    PresetResult run = world.run(task("GIT", "FAIL"));

    assertFalse(run.plan().isApplyable());
    assertEquals("BLOCKED", row(run, "key", "company.team.old").get("action"));
    assertEquals("BLOCKED", row(run, "key", "retired").get("action"));
    world.assertNoKestraWrite();
    assertFalse(world.kestra().namespaces(TENANT).contains("newns"), "planning creates no namespace");
    assertEquals(Optional.of(A_IN_KESTRA), world.flow("company.team", "a"));
  }

  @Test
  void gitToKestra_dryRun_writesNothingAnywhere() {
    startWithBothSides(Mode.EE);
    Optional<ObjectId> head = world.head(MAIN);

    PresetResult run = world.run(task("GIT", "DELETE") + "dryRun: true\n");

    assertEquals("ADDED", row(run, "key", "newns.n").get("action"));
    assertTrue(run.result().isEmpty());
    world.assertNoKestraWrite();
    assertFalse(world.kestra().namespaces(TENANT).contains("newns"));
    assertEquals(head, world.head(MAIN));
  }

  @Test
  void protectedGlobal_protectsDashboards() {
    startWithBothSides(Mode.EE);

    PresetResult run = world.run(task("GIT", "DELETE") + "  - _global\n");

    assertEquals("PROTECTED", row(run, "key", "retired").get("action"));
    assertTrue(world.kestra().dashboardIds(TENANT).contains("retired"));
    assertEquals("DELETED", row(run, "key", "company.team.old").get("action"));
  }

  // ---- Kestra is the source of truth (the plugin's default)

  @Test
  void kestraToGit_delete_makesGitEqualToKestra_exceptProtectedSystem() {
    startWithBothSides(Mode.EE);
    world.commit().add("system/flows/git_only.yaml", flow("system", "git_only", "only in Git, protected")).push();
    String task = task("KESTRA", "DELETE");

    PresetResult run = world.run(task);

    assertEquals("DELETED", row(run, "key", "newns.n").get("action"));
    assertEquals("PROTECTED", row(run, "key", "system.git_only").get("action"));
    assertEquals(Map.of(
        "README.md", "# tenant\n",
        "company.team/flows/a.yaml", A_IN_KESTRA,
        "company.team/flows/shared.yaml", SHARED,
        "company.team/flows/old.yaml", OLD,
        "system/flows/cleanup.yaml", CLEANUP,
        "system/flows/git_only.yaml", flow("system", "git_only", "only in Git, protected"),
        "_global/dashboards/overview.yaml", dashboard("overview", "From Kestra"),
        "_global/dashboards/same.yaml", dashboard("same", "Same"),
        "_global/dashboards/retired.yaml", dashboard("retired", "Retired")), world.gitFiles(MAIN));
    assertEquals(world.head(MAIN).map(ObjectId::name), run.commitId());
    world.assertNoKestraWrite();

    world.assertSecondRunIsNoOp(task, MAIN, "UNCHANGED", "PROTECTED");
  }

  @Test
  void kestraToGit_keep_keepsWhatKestraDoesNotHave() {
    startWithBothSides(Mode.EE);
    String task = task("KESTRA", "KEEP");

    PresetResult run = world.run(task);

    assertEquals("KEPT", row(run, "key", "newns.n").get("action"));
    assertEquals(Optional.of(N), world.gitFile(MAIN, "newns/flows/n.yaml"));
    assertEquals(Optional.of(OLD), world.gitFile(MAIN, "company.team/flows/old.yaml"));

    world.assertSecondRunIsNoOp(task, MAIN, "UNCHANGED", "KEPT");
  }

  @Test
  void kestraToGit_fail_writesNothing() {
    startWithBothSides(Mode.EE);
    Optional<ObjectId> head = world.head(MAIN);

    PresetResult run = world.run(task("KESTRA", "FAIL"));

    assertFalse(run.plan().isApplyable());
    assertEquals("BLOCKED", row(run, "key", "newns.n").get("action"));
    assertEquals(head, world.head(MAIN));
  }

  @Test
  void kestraToGit_onEnterprise_pushesAppsAndTestsInTheirFolders() {
    startWithBothSides(Mode.EE);
    String app = "id: form\ntype: io.kestra.plugin.ee.apps.Execution\nnamespace: company.team\nflowId: a\n";
    String test = "id: suite\nnamespace: company.team\nflowId: a\n";
    world.kestra().putApp(TENANT, "u-1", app);
    world.kestra().putTest(TENANT, "company.team", "suite", test);

    PresetResult run = world.run(task("KESTRA", "KEEP"));

    assertEquals(Optional.of(app), world.gitFile(MAIN, "company.team/apps/form.yaml"));
    assertEquals(Optional.of(test), world.gitFile(MAIN, "company.team/tests/suite.yaml"));
    assertEquals("APP", row(run, "key", "company.team.form").get("kind"));
    assertEquals("TEST", row(run, "key", "company.team.suite").get("kind"));
    world.assertSecondRunIsNoOp(task("KESTRA", "KEEP"), MAIN, "UNCHANGED", "KEPT");
  }

  @Test
  void onOpenSource_appsAndTestsAreLeftOutWithAWarning_andTheRestSyncs() {
    startWithBothSides(Mode.OSS);
    String task = task("GIT", "KEEP");

    PresetResult run = world.run(task);

    assertTrue(run.isSuccess());
    assertTrue(run.plan().diagnostics().stream().anyMatch(d -> d.message().contains("has no apps")),
        run.plan().diagnostics()::toString);
    assertEquals(Optional.of(N), world.flow("newns", "n"), "OSS namespaces exist implicitly");
    assertEquals(List.of(), world.emulator().requests().all().stream()
        .filter(r -> r.path().contains("/namespaces") && r.method().equals("POST") && !r.path().contains("/files"))
        .toList());
    world.assertSecondRunIsNoOp(task, MAIN, "UNCHANGED", "KEPT", "PROTECTED");
  }
}
