package dev.driftless.plugin;

import static dev.driftless.plugin.PluginWorld.MAIN;
import static dev.driftless.plugin.PluginWorld.TENANT;
import static dev.driftless.plugin.PluginWorld.rows;
import static dev.driftless.plugin.PluginWorld.states;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.emulator.Execution;
import io.kestra.core.context.TestRunContextFactory;
import io.kestra.core.junit.annotations.KestraTest;
import io.kestra.core.models.property.Property;
import io.kestra.core.runners.RunContext;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The push tasks (Kestra to Git) run with Kestra's own run context: one commit each, none the second time. */
@KestraTest
@Timeout(120)
class PushTasksTest {

  @Inject
  TestRunContextFactory runContextFactory;

  @TempDir
  Path dir;
  PluginWorld world;

  @BeforeEach
  void start() {
    world = PluginWorld.start(dir);
    world.commit().add("README.md", "# flows\n").push();
  }

  @AfterEach
  void stop() {
    world.close();
  }

  private static String flow(String namespace, String id) {
    return """
        id: %s
        namespace: %s
        tasks:
          - id: log
            type: io.kestra.plugin.core.log.Log
            message: hi from %s
        """.formatted(id, namespace, id);
  }

  /** A run context of flow {@code namespace.id}, with these inputs. */
  private RunContext context(String namespace, String id, Map<String, Object> inputs) {
    return runContextFactory.of(namespace, Map.of(
        "flow", Map.of("id", id, "namespace", namespace, "tenantId", PluginWorld.TENANT),
        "inputs", inputs));
  }

  // ---- PushFlows

  private PushFlows.PushFlowsBuilder<?, ?> pushFlows() {
    return world.connect(PushFlows.builder()).id("push_flows").type(PushFlows.class.getName());
  }

  @Test
  void pushFlows_devToProd_withFlowsAsAList_oneCommitOnANewBranch_andASecondRunCommitsNothing() throws Exception {
    world.putFlow(flow("dev", "hello_world"));
    world.putFlow(flow("dev", "flow1"));
    world.putFlow(flow("dev", "flow2"));
    PushFlows.PushFlowsBuilder<?, ?> task = pushFlows()
        .branch(Property.ofValue("develop"))
        .sourceNamespace(Property.ofValue("dev"))
        .targetNamespace(Property.ofValue("prod"))
        .gitDirectory(Property.ofValue("flows"))
        .flows(List.of("hello_world", "{{ inputs.also }}"))
        .commitMessage(Property.ofExpression("push from {{ flow.id }}"));

    RunContext context = context("system", "push_to_git", Map.of("also", "flow1"));
    PushFlows.Output out = task.build().run(context);

    assertEquals(Set.of("README.md", "flows/hello_world.yml", "flows/flow1.yml"), world.gitFiles("develop").keySet());
    assertEquals(flow("prod", "hello_world"), world.gitFile("develop", "flows/hello_world.yml").orElseThrow());
    assertEquals(world.head("develop").map(ObjectId::name).orElseThrow(), out.getCommitId());
    assertEquals(world.url().replaceAll("\\.git$", "") + "/commit/" + out.getCommitId(), out.getCommitURL(),
        "a loopback remote is on no known forge: <web address>/commit/<id>, as the plugin");
    assertEquals("push from push_to_git", world.repo().log("develop").get(0).getShortMessage());
    assertEquals(PluginWorld.GIT_USER, world.repo().log("develop").get(0).getAuthorIdent().getName());
    List<Map<String, Object>> rows = rows(context, out.getFlows());
    assertEquals(Map.of("flows/flow1.yml", "+6 -0 0", "flows/hello_world.yml", "+6 -0 0"), states(rows, "file"),
        "the plugin's rows: line counts as strings");
    assertEquals(Set.of("file", "additions", "deletions", "changes"), rows.get(0).keySet());
    world.assertNoKestraWrite();

    Optional<ObjectId> head = world.head("develop");
    RunContext again = context("system", "push_to_git", Map.of("also", "flow1"));
    PushFlows.Output second = task.build().run(again);
    assertEquals(head, world.head("develop"), "nothing to commit");
    assertNull(second.getCommitId());
    assertEquals(List.of(), rows(again, second.getFlows()), "as the plugin: no row for an unchanged file");
  }

  @Test
  void pushFlows_theRunningFlowPushesItself_fromItsNamespace_withFlowsAsAnExpression() throws Exception {
    world.putFlow(flow("company.team", "my_flow"));
    world.putFlow(flow("company.team", "other"));

    RunContext context = context("company.team", "my_flow", Map.of());
    PushFlows.Output out = pushFlows().flows("{{ flow.id }}").build().run(context);

    assertEquals(Set.of("README.md", "_flows/my_flow.yml"), world.gitFiles(MAIN).keySet(),
        "sourceNamespace is the flow's namespace, and only the flow itself is pushed");
    assertEquals(Map.of("_flows/my_flow.yml", "+" + lines(world, "_flows/my_flow.yml") + " -0 0"),
        states(rows(context, out.getFlows()), "file"));
  }

  @Test
  void pushFlows_flowsAsAnExpressionRenderingAJsonList() throws Exception {
    world.putFlow(flow("dev", "a"));
    world.putFlow(flow("dev", "b"));
    world.putFlow(flow("dev", "c"));

    RunContext context = context("dev", "push", Map.of("flows", List.of("a", "c")));
    pushFlows().flows("{{ inputs.flows }}").build().run(context);

    assertEquals(Set.of("README.md", "_flows/a.yml", "_flows/c.yml"), world.gitFiles(MAIN).keySet());
  }

  @Test
  void pushFlows_aDryRun_commitsNothing() throws Exception {
    world.putFlow(flow("dev", "hello_world"));
    Optional<ObjectId> head = world.head(MAIN);

    RunContext context = context("dev", "push", Map.of());
    PushFlows.Output out = pushFlows().dryRun(Property.ofValue(true)).build().run(context);

    assertEquals(head, world.head(MAIN));
    assertTrue(out.getDryRun());
    assertNull(out.getCommitId());
    assertEquals(Map.of("_flows/hello_world.yml", "+6 -0 0"), states(rows(context, out.getFlows()), "file"),
        "what the commit would change");
  }

  @Test
  void pushFlows_flowsOfAWrongType_failsNamingTheProperty() {
    Exception e = assertThrows(Exception.class,
        () -> pushFlows().flows(Map.of("a", "b")).build().run(context("dev", "push", Map.of())));

    assertTrue(e.getMessage().startsWith("flows: "), e.getMessage());
  }

  // ---- PushNamespaceFiles

  private PushNamespaceFiles.PushNamespaceFilesBuilder<?, ?> pushFiles() {
    return world.connect(PushNamespaceFiles.builder()).id("push_files").type(PushNamespaceFiles.class.getName());
  }

  @Test
  void pushNamespaceFiles_theFlowsNamespace_selectedByFiles_andASecondRunCommitsNothing() throws Exception {
    world.putFile("company.team", "/scripts/etl.py", "print('etl')\n");
    world.putFile("company.team", "/scripts/notes.txt", "notes\n");
    world.putFile("company.team", "/query.sql", "select 1\n");

    RunContext context = context("company.team", "push", Map.of());
    PushNamespaceFiles.Output out = pushFiles().files(List.of("scripts/*.py", "*.sql")).build().run(context);

    assertEquals(Set.of("README.md", "_files/scripts/etl.py", "_files/query.sql"), world.gitFiles(MAIN).keySet());
    assertEquals(Optional.of("print('etl')\n"), world.gitFile(MAIN, "_files/scripts/etl.py"));
    assertEquals(world.head(MAIN).map(ObjectId::name).orElseThrow(), out.getCommitId());
    assertEquals(Map.of("_files/query.sql", "+1 -0 0", "_files/scripts/etl.py", "+1 -0 0"),
        states(rows(context, out.getFiles()), "file"));

    Optional<ObjectId> head = world.head(MAIN);
    RunContext again = context("company.team", "push", Map.of());
    PushNamespaceFiles.Output second = pushFiles().files(List.of("scripts/*.py", "*.sql")).build().run(again);
    assertEquals(head, world.head(MAIN));
    assertEquals(List.of(), rows(again, second.getFiles()), "as the plugin: no row for an unchanged file");
  }

  @Test
  void pushNamespaceFiles_errorOnMissing_failsWhenNothingMatches_andCommitsNothing() {
    world.putFile("dev", "/a.txt", "a\n");
    Optional<ObjectId> head = world.head(MAIN);

    Exception e = assertThrows(Exception.class, () -> pushFiles().namespace(Property.ofValue("dev"))
        .files("*.parquet").errorOnMissing(Property.ofValue(true)).build().run(context("system", "push", Map.of())));

    assertTrue(e.getMessage().contains("*.parquet"), e.getMessage());
    assertEquals(head, world.head(MAIN));
  }

  // ---- PushDashboards

  private static String dashboard(String id, String title) {
    return "id: " + id + "\ntitle: " + title + "\ncharts: []\n";
  }

  private PushDashboards.PushDashboardsBuilder<?, ?> pushDashboards() {
    return world.connect(PushDashboards.builder()).id("push_dashboards").type(PushDashboards.class.getName());
  }

  @Test
  void pushDashboards_theSelectedOnes_onePerId_andASecondRunCommitsNothing() throws Exception {
    world.state().putDashboard(TENANT, "overview", dashboard("overview", "Overview"));
    world.state().putDashboard(TENANT, "errors", dashboard("errors", "Overview"));
    world.state().putDashboard(TENANT, "latency", dashboard("latency", "Latency"));

    RunContext context = context("system", "push", Map.of());
    PushDashboards.Output out = pushDashboards().dashboards(List.of("overview", "errors")).build().run(context);

    assertEquals(Set.of("README.md", "_dashboards/overview.yml", "_dashboards/errors.yml"), world.gitFiles(MAIN).keySet());
    assertEquals(Optional.of(dashboard("errors", "Overview")), world.gitFile(MAIN, "_dashboards/errors.yml"));
    assertEquals(world.head(MAIN).map(ObjectId::name).orElseThrow(), out.getCommitId());
    assertEquals(Map.of("_dashboards/errors.yml", "+3 -0 0", "_dashboards/overview.yml", "+3 -0 0"),
        states(rows(context, out.getDashboards()), "file"));
    assertEquals(out.getDashboards(), out.getFlows(), "the plugin's name for the same rows");
    assertEquals("Add dashboards from flow: push", world.repo().log(MAIN).get(0).getFullMessage().strip(),
        "the plugin's default message, naming the flow running the task");

    Optional<ObjectId> head = world.head(MAIN);
    RunContext again = context("system", "push", Map.of());
    PushDashboards.Output second = pushDashboards().dashboards(List.of("overview", "errors")).build().run(again);
    assertEquals(head, world.head(MAIN));
    assertEquals(List.of(), rows(again, second.getDashboards()), "as the plugin: no row for an unchanged file");
  }

  // ---- PushExecutionFiles

  private static final Execution EXECUTION = Execution.of("5nBp7XkrxG2vQ3aN7CnRlS", "company.team", "report")
      .withOutputFile("report.csv", bytes("id,total\n1,42\n"))
      .withOutputFile("summary.json", bytes("{\"total\": 42}\n"))
      .withOutputFile("debug.log", bytes("noise\n"));

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A run context of a task in the execution {@link #EXECUTION}. */
  private RunContext inExecution(Map<String, Object> inputs) {
    world.state().putExecution(TENANT, EXECUTION);
    return runContextFactory.of("company.team", Map.of(
        "flow", Map.of("id", "report", "namespace", "company.team", "tenantId", TENANT),
        "execution", Map.of("id", EXECUTION.id()),
        "inputs", inputs));
  }

  private PushExecutionFiles.PushExecutionFilesBuilder<?, ?> pushOutputs() {
    return world.connect(PushExecutionFiles.builder()).id("push_outputs").type(PushExecutionFiles.class.getName());
  }

  @Test
  void pushExecutionFiles_theRunningExecutionsFiles_selectedByFiles_andASecondRunCommitsNothing() throws Exception {
    RunContext context = inExecution(Map.of());
    PushExecutionFiles.Output out = pushOutputs().files(List.of("*.csv", "*.json"))
        .commitMessage(Property.ofExpression("outputs of {{ execution.id }}")).build().run(context);

    assertEquals(Set.of("README.md", "_outputs/report.csv", "_outputs/summary.json"), world.gitFiles(MAIN).keySet());
    assertEquals(Optional.of("id,total\n1,42\n"), world.gitFile(MAIN, "_outputs/report.csv"));
    assertEquals("outputs of " + EXECUTION.id(), world.repo().log(MAIN).get(0).getShortMessage());
    assertEquals(world.head(MAIN).map(ObjectId::name).orElseThrow(), out.getCommitId());
    assertEquals(Map.of("_outputs/report.csv", "+2 -0 0", "_outputs/summary.json", "+1 -0 0"),
        states(rows(context, out.getFiles()), "file"));
    world.assertNoKestraWrite();

    Optional<ObjectId> head = world.head(MAIN);
    RunContext again = inExecution(Map.of());
    PushExecutionFiles.Output second = pushOutputs().files(List.of("*.csv", "*.json")).build().run(again);
    assertEquals(head, world.head(MAIN));
    assertEquals(List.of(), rows(again, second.getFiles()), "as the plugin: no row for an unchanged file");
  }

  @Test
  void pushExecutionFiles_filesMap_namesTheFilesInGit_withRenderedKeysAndValues() throws Exception {
    RunContext context = inExecution(Map.of("day", "2026-12-04", "uri", EXECUTION.outputFileUri("report.csv")));

    pushOutputs().gitDirectory(Property.ofValue("reports"))
        .filesMap(Map.of("{{ inputs.day }}.csv", "{{ inputs.uri }}")).build().run(context);

    assertEquals(Set.of("README.md", "reports/2026-12-04.csv"), world.gitFiles(MAIN).keySet());
    assertEquals(Optional.of("id,total\n1,42\n"), world.gitFile(MAIN, "reports/2026-12-04.csv"));
  }

  @Test
  void pushExecutionFiles_filesMap_asAnExpressionRenderingAJsonObject() throws Exception {
    RunContext context = inExecution(Map.of("map", Map.of("latest.json", EXECUTION.outputFileUri("summary.json"))));

    pushOutputs().filesMap("{{ inputs.map }}").build().run(context);

    assertEquals(Set.of("README.md", "_outputs/latest.json"), world.gitFiles(MAIN).keySet());
  }

  @Test
  void pushExecutionFiles_outsideAnExecution_failsSayingSo_andCommitsNothing() {
    Optional<ObjectId> head = world.head(MAIN);

    Exception e = assertThrows(Exception.class, () -> pushOutputs().build().run(runContextFactory.of("dev", Map.of())));

    assertTrue(e.getMessage().contains("outside an execution"), e.getMessage());
    assertEquals(head, world.head(MAIN));
  }

  /** The lines of a file on main, as its row counts them. */
  private static long lines(PluginWorld world, String path) {
    return world.gitFile(MAIN, path).orElseThrow().lines().count();
  }
}
