package dev.driftless.plugin;

import static dev.driftless.plugin.PluginWorld.MAIN;
import static dev.driftless.plugin.PluginWorld.TENANT;
import static dev.driftless.plugin.PluginWorld.rows;
import static dev.driftless.plugin.PluginWorld.states;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kestra.core.context.TestRunContextFactory;
import io.kestra.core.junit.annotations.KestraTest;
import io.kestra.core.models.property.Property;
import io.kestra.core.runners.RunContext;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SyncFlow, SyncNamespaceFiles and SyncDashboards (Git to Kestra) run with Kestra's own run context. */
@KestraTest
@Timeout(120)
class SyncTasksTest {

  private static final String HELLO_IN_DEV = """
      id: hello
      namespace: dev
      tasks:
        - id: log
          type: io.kestra.plugin.core.log.Log
          message: hello
      """;
  private static final String OVERVIEW = "id: overview\ntitle: Overview\ncharts: []\n";

  @Inject
  TestRunContextFactory runContextFactory;

  @TempDir
  Path dir;
  PluginWorld world;

  @BeforeEach
  void start() {
    world = PluginWorld.start(dir);
  }

  @AfterEach
  void stop() {
    world.close();
  }

  /** A run context of a flow in this namespace. */
  private RunContext context(String namespace) {
    return runContextFactory.of(namespace, Map.of());
  }

  // ---- SyncFlow

  private SyncFlow.SyncFlowBuilder<?, ?> syncFlow() {
    return world.connect(SyncFlow.builder()).id("sync_flow").type(SyncFlow.class.getName())
        .targetNamespace(Property.ofValue("prod"))
        .flowPath(Property.ofValue("flows/hello.yml"));
  }

  @Test
  void syncFlow_createsTheFlowInTheTargetNamespace_andASecondRunWritesNothing() throws Exception {
    world.commit().add("flows/hello.yml", HELLO_IN_DEV).add("flows/other.yml", HELLO_IN_DEV.replace("hello", "other"))
        .push();

    RunContext context = context("system");
    SyncFlow.Output out = syncFlow().build().run(context);

    assertEquals(Optional.of(HELLO_IN_DEV.replace("namespace: dev", "namespace: prod")), world.flow("prod", "hello"));
    assertTrue(world.flow("prod", "other").isEmpty(), "only the one file");
    assertEquals("hello", out.getFlowId());
    assertEquals("prod", out.getNamespace());
    assertEquals(1, out.getRevision());
    assertNull(out.getCommitId());
    List<Map<String, Object>> rows = rows(context, out.getFlows());
    assertEquals(Map.of("hello", "ADDED"), states(rows, "flowId"));
    assertEquals("flows/hello.yml", rows.get(0).get("gitPath"));

    world.forgetRequests();
    RunContext again = context("system");
    SyncFlow.Output second = syncFlow().build().run(again);
    world.assertNoKestraWrite();
    assertEquals(Map.of("hello", "UNCHANGED"), states(rows(again, second.getFlows()), "flowId"));
    assertEquals(1, second.getRevision());
  }

  @Test
  void syncFlow_aFlowPathThatIsNoFlowFile_failsNamingIt_andWritesNothing() {
    world.commit().add("flows/hello.yml", HELLO_IN_DEV).push();
    world.forgetRequests();

    Exception e = assertThrows(Exception.class,
        () -> syncFlow().flowPath(Property.ofValue("flows/missing.yml")).build().run(context("system")));

    assertTrue(e.getMessage().contains("flows/missing.yml"), e.getMessage());
    world.assertNoKestraWrite();
  }

  // ---- SyncNamespaceFiles

  private SyncNamespaceFiles.SyncNamespaceFilesBuilder<?, ?> syncFiles() {
    return world.connect(SyncNamespaceFiles.builder()).id("sync_files").type(SyncNamespaceFiles.class.getName());
  }

  @Test
  void syncNamespaceFiles_intoTheFlowsNamespace_aDryRunWritesNothing_thenARunWrites_andASecondRunWritesNothing()
      throws Exception {
    world.commit().add("_files/scripts/etl.py", "print('etl')\n").add("_files/README.txt", "hi\n").push();
    world.forgetRequests();

    RunContext dry = context("company.team");
    SyncNamespaceFiles.Output planned = syncFiles().dryRun(Property.ofValue(true)).build().run(dry);
    world.assertNoKestraWrite();
    assertTrue(world.file("company.team", "/scripts/etl.py").isEmpty());
    assertTrue(planned.getDryRun());
    assertEquals(Map.of("/company/team/_files/README.txt", "ADDED", "/company/team/_files/scripts/etl.py", "ADDED"),
        states(rows(dry, planned.getFiles()), "kestraPath"), "the plugin's kestraPath: the namespace's folders, _files");

    RunContext context = context("company.team");
    SyncNamespaceFiles.Output out = syncFiles().build().run(context);
    assertEquals(Optional.of("print('etl')\n"), world.file("company.team", "/scripts/etl.py"),
        "the namespace is the flow's by default");
    List<Map<String, Object>> rows = rows(context, out.getFiles());
    assertEquals(Map.of("/company/team/_files/README.txt", "ADDED", "/company/team/_files/scripts/etl.py", "ADDED"),
        states(rows, "kestraPath"));
    assertEquals(java.util.Set.of("gitPath", "syncState", "kestraPath"), rows.get(0).keySet(), "the plugin's row shape");

    world.forgetRequests();
    RunContext again = context("company.team");
    SyncNamespaceFiles.Output second = syncFiles().build().run(again);
    world.assertNoKestraWrite();
    assertEquals(Map.of("/company/team/_files/README.txt", "UNCHANGED", "/company/team/_files/scripts/etl.py", "UNCHANGED"),
        states(rows(again, second.getFiles()), "kestraPath"));
  }

  @Test
  void syncNamespaceFiles_deleteTrue_deletesWhatGitDoesNotHave_inTheNamespaceGiven() throws Exception {
    world.commit().add("_files/a.txt", "a\n").add("_files/kept.txt", "kept\n").push();
    world.putFile("prod", "/kept.txt", "kept\n");
    world.putFile("prod", "/old.txt", "old\n");

    RunContext context = context("system");
    SyncNamespaceFiles.Output out = syncFiles().namespace(Property.ofValue("prod")).delete(Property.ofValue(true))
        .build().run(context);

    assertEquals(Map.of("/prod/_files/a.txt", "ADDED", "/prod/_files/kept.txt", "UNCHANGED", "/prod/_files/old.txt", "DELETED"),
        states(rows(context, out.getFiles()), "kestraPath"));
    assertTrue(world.file("prod", "/old.txt").isEmpty());
    assertEquals(Optional.of("a\n"), world.file("prod", "/a.txt"));
  }

  // ---- SyncDashboards

  private SyncDashboards.SyncDashboardsBuilder<?, ?> syncDashboards() {
    return world.connect(SyncDashboards.builder()).id("sync_dashboards").type(SyncDashboards.class.getName());
  }

  @Test
  void syncDashboards_createsTheDashboardsGitHas_andASecondRunWritesNothing() throws Exception {
    world.commit().add("_dashboards/overview.yml", OVERVIEW).push();

    RunContext context = context("system");
    SyncDashboards.Output out = syncDashboards().build().run(context);

    assertEquals(1, world.state().dashboardIds(TENANT).size());
    assertEquals(OVERVIEW, world.state().dashboardSource(TENANT, world.state().dashboardIds(TENANT).get(0)).orElseThrow());
    List<Map<String, Object>> rows = rows(context, out.getDashboards());
    assertEquals(Map.of("overview", "ADDED"), states(rows, "dashboardId"));
    assertEquals("_dashboards/overview.yml", rows.get(0).get("gitPath"));

    world.forgetRequests();
    RunContext again = context("system");
    SyncDashboards.Output second = syncDashboards().build().run(again);
    world.assertNoKestraWrite();
    assertEquals(Map.of("overview", "UNCHANGED"), states(rows(again, second.getDashboards()), "dashboardId"));
    assertFalse(second.getSummary().isBlank());
    assertEquals(Optional.empty(), world.head("other"));
    assertTrue(world.head(MAIN).isPresent());
  }
}
