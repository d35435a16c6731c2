package dev.driftless.presets.run;

import static dev.driftless.presets.run.PresetWorld.MAIN;
import static dev.driftless.presets.run.PresetWorld.TENANT;
import static dev.driftless.presets.run.PresetWorld.row;
import static dev.driftless.presets.run.PresetWorld.states;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.emulator.Mode;
import dev.driftless.port.SourceNotFoundException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * PushDashboards and SyncDashboards against a real Git server and the emulator, on servers where
 * dashboard writes work: Kestra 1.x (the server makes dashboard ids; OSS and Enterprise) and
 * Enterprise 2.x (ids from the YAML). On OSS 2.x, where Kestra refuses dashboard writes, a sync is
 * refused before anything is written.
 */
@Timeout(60)
class DashboardsEndToEndTest {

  private static final String PUSH = "type: io.kestra.plugin.git.PushDashboards\n";
  private static final String SYNC = "type: io.kestra.plugin.git.SyncDashboards\n";

  @TempDir
  Path dir;

  private static String dashboard(String id, String title) {
    return "id: " + id + "\ntitle: " + title + "\ncharts: []\n";
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"OSS, 1.3.0", "EE, 1.3.0", "EE, 2.0.1"})
  void pushDashboards_onePerIdInGit_andASecondRunChangesNothing(Mode mode, String version) {
    try (PresetWorld world = PresetWorld.start(dir, mode, version)) {
      world.kestra().putDashboard(TENANT, "overview", dashboard("overview", "Overview"));
      world.kestra().putDashboard(TENANT, "errors", dashboard("errors", "Overview"));
      world.kestra().putDashboard(TENANT, "latency", dashboard("latency", "Latency"));

      PresetResult run = world.run(PUSH + "dashboards:\n  - overview\n  - errors\n");

      assertEquals(Map.of("_dashboards/overview.yml", "ADDED", "_dashboards/errors.yml", "ADDED"), states(run, "file"),
          "two dashboards with one title are two files: dashboards are keyed by id");
      assertEquals(dashboard("errors", "Overview"), world.gitFile(MAIN, "_dashboards/errors.yml").orElseThrow());
      assertEquals(world.head(MAIN).map(ObjectId::name), run.commitId());
      world.assertSecondRunIsNoOp(PUSH + "dashboards:\n  - overview\n  - errors\n", MAIN, "UNCHANGED");
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"OSS, 1.3.0", "EE, 1.3.0", "EE, 2.0.1"})
  void syncDashboards_createsAndUpdatesByIdInKestra_andASecondRunChangesNothing(Mode mode, String version) {
    try (PresetWorld world = PresetWorld.start(dir, mode, version)) {
      world.kestra().putDashboard(TENANT, "overview", dashboard("overview", "Old title"));
      world.commit()
          .add("_dashboards/overview.yml", dashboard("overview", "Overview"))
          .add("_dashboards/errors.yml", dashboard("errors", "Overview"))
          .push();

      PresetResult run = world.run(SYNC);

      assertEquals(Map.of("overview", "UPDATED", "errors", "ADDED"), states(run, "dashboardId"));
      assertEquals(List.of("gitPath", "syncState", "dashboardId"), List.copyOf(run.rows().get(0).keySet()),
          "the plugin's SyncDashboards row shape");
      assertEquals("_dashboards/errors.yml", row(run, "dashboardId", "errors").get("gitPath"));
      assertEquals(2, world.kestra().dashboardIds(TENANT).size(), "two ids, one title: two dashboards");
      assertTrue(world.kestra().dashboardIds(TENANT).stream().map(id -> world.kestra().dashboardSource(TENANT, id)
          .orElseThrow()).toList().contains(dashboard("errors", "Overview")), "Kestra holds the exact source");
      assertEquals(dashboard("overview", "Overview"), world.kestra().dashboardSource(TENANT, "overview").orElseThrow());

      world.assertSecondRunIsNoOp(SYNC, MAIN, "UNCHANGED");
    }
  }

  @Test
  void syncDashboards_deleteTrue_deletesDashboardsGitDoesNotHave() {
    try (PresetWorld world = PresetWorld.start(dir, Mode.EE, "2.0.1")) {
      world.kestra().putDashboard(TENANT, "overview", dashboard("overview", "Overview"));
      world.kestra().putDashboard(TENANT, "retired", dashboard("retired", "Retired"));
      world.commit().add("_dashboards/overview.yml", dashboard("overview", "Overview")).push();

      PresetResult keeping = world.run(SYNC);
      assertEquals("KEPT", row(keeping, "dashboardId", "retired").get("syncState"));

      PresetResult deleting = world.run(SYNC + "delete: true\n");

      assertEquals("DELETED", row(deleting, "dashboardId", "retired").get("syncState"));
      assertEquals(List.of("overview"), world.kestra().dashboardIds(TENANT));
    }
  }

  @Test
  void syncDashboards_onOss2_failsWithTheWarning_andWritesNothing() {
    try (PresetWorld world = PresetWorld.start(dir, Mode.OSS, "2.0.1")) {
      world.commit().add("_dashboards/overview.yml", dashboard("overview", "Overview")).push();
      world.forgetRequests();

      PresetResult run = world.run(SYNC);

      assertFalse(run.isSuccess(), "a task that can sync none of its kinds fails, as the plugin's does on a 405");
      world.assertNoKestraWrite();
      assertTrue(world.kestra().dashboardIds(TENANT).isEmpty());
      String said = run.plan().errors().toString();
      assertTrue(said.contains("does not let dashboards be written")
          && said.contains("cannot run against this server"), said);
    }
  }

  @Test
  void tenantSync_onOss2_syncsTheRest_andWarnsAboutDashboards() {
    try (PresetWorld world = PresetWorld.start(dir, Mode.OSS, "2.0.1")) {
      world.commit().add("dev/flows/a.yaml", "id: a\nnamespace: dev\ntasks:\n  - id: hi\n"
          + "    type: io.kestra.plugin.core.log.Log\n    message: hi\n")
          .add("_global/dashboards/overview.yaml", dashboard("overview", "Overview")).push();

      PresetResult run = world.run("type: io.kestra.plugin.git.TenantSync\nbranch: main\n"
          + "sourceOfTruth: GIT\nwhenMissingInSource: KEEP\n");

      assertTrue(run.isSuccess(), run.plan().diagnostics().toString());
      assertTrue(world.flow("dev", "a").isPresent(), "the flow is synced: " + run.rows());
      String said = run.plan().diagnostics().toString();
      assertTrue(said.contains("does not let dashboards be written") && said.contains("the rest is"), said);
      assertTrue(run.plan().errors().isEmpty(), run.plan().errors().toString());
    }
  }

  @Test
  void syncDashboards_failOnMissingDirectoryFalse_readsAMissingDirectoryAsEmpty() {
    try (PresetWorld world = PresetWorld.start(dir, Mode.EE, "2.0.1")) {
      world.commit().add("README.md", "hi\n").push();
      world.kestra().putDashboard(TENANT, "overview", dashboard("overview", "Overview"));

      SourceNotFoundException strict = assertThrows(SourceNotFoundException.class, () -> world.run(SYNC));
      PresetResult lenient = world.run(SYNC + "failOnMissingDirectory: false\n");

      assertTrue(strict.getMessage().contains("_dashboards"), "a missing directory is an error by default: "
          + strict.getMessage());
      assertTrue(lenient.isSuccess(), lenient.plan().diagnostics().toString());
      assertEquals("KEPT", row(lenient, "dashboardId", "overview").get("syncState"));
    }
  }
}
