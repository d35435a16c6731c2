package dev.driftless.presets.run;

import static dev.driftless.presets.run.GuideFlows.flow;
import static dev.driftless.presets.run.PresetWorld.MAIN;
import static dev.driftless.presets.run.PresetWorld.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.core.codec.DiffRows;
import dev.driftless.emulator.Execution;
import dev.driftless.emulator.Mode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rows of every task, by default exactly the Git plugin's (v3.0.0), field for field and value
 * for value, for a resource created, updated, deleted and left unchanged; and Driftless's detailed
 * rows on request. The plugin's rows per task:
 *
 * <table>
 * <caption>The plugin's rows</caption>
 * <tr><th>task</th><th>fields</th><th>values</th><th>unchanged</th></tr>
 * <tr><td>SyncFlows</td><td>gitPath, syncState, flowId, namespace, revision</td>
 *     <td>ADDED, UPDATED, UNCHANGED, DELETED (gitPath null); revision after the run (a dry run: 1 for a
 *     new flow, the next for an update)</td><td>a row</td></tr>
 * <tr><td>SyncNamespaceFiles</td><td>gitPath, syncState, kestraPath</td>
 *     <td>ADDED, OVERWRITTEN, UNCHANGED, DELETED; kestraPath {@code /company/team/_files/<path>}</td><td>a row</td></tr>
 * <tr><td>SyncDashboards</td><td>gitPath, syncState, dashboardId, updated</td>
 *     <td>ADDED, UPDATED, UNCHANGED, DELETED; updated null (not read)</td><td>a row</td></tr>
 * <tr><td>PushFlows, PushNamespaceFiles, PushDashboards, PushExecutionFiles</td>
 *     <td>file, additions, deletions, changes</td><td>strings "+N", "-N", "N"</td><td>no row</td></tr>
 * <tr><td>NamespaceSync</td><td>file, key, kind, action</td><td>file under gitDirectory, key
 *     {@code ns:id}, FLOW/FILE, ADDED, UPDATED_GIT, UPDATED_KES, DELETED_GIT, DELETED_KES</td><td>no row</td></tr>
 * <tr><td>TenantSync</td><td>file, key, kind, action</td><td>file in the repository, key the bare id,
 *     FLOW/FILE/DASHBOARD, as NamespaceSync</td><td>no row</td></tr>
 * <tr><td>NamespaceSync, TenantSync from Kestra, real run</td><td>file, additions, deletions, changes</td>
 *     <td>numbers</td><td>no row</td></tr>
 * </table>
 */
@Timeout(90)
class PluginRowsTest {

  @TempDir
  Path dir;

  /** A world whose runner gives each task's own rows (the other end-to-end tests ask for detailed ones). */
  private PresetWorld start(Mode mode) {
    PresetWorld world = mode == Mode.EE ? PresetWorld.start(dir, Mode.EE, "2.0.1") : PresetWorld.start(dir);
    world.runner(PresetRunner.create());
    return world;
  }

  private static Map<String, Object> row(Object... fieldsAndValues) {
    Map<String, Object> row = new HashMap<>();
    for (int i = 0; i < fieldsAndValues.length; i += 2) {
      row.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
    }
    return row;
  }

  private static void assertRows(List<Map<String, Object>> expected, PresetResult run) {
    assertEquals(sorted(expected), sorted(run.rows()), run.type().toString());
    assertEquals(sorted(run.rows()), sorted(DiffRows.fromIon(run.ion())), "the Ion file holds the same rows");
  }

  /** Rows compared field by field, whatever their order. */
  private static List<Map<String, Object>> sorted(List<Map<String, Object>> rows) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      Map<String, Object> copy = new HashMap<>();
      row.forEach((k, v) -> copy.put(k, v instanceof Number n ? (Object) n.intValue() : v));
      out.add(copy);
    }
    out.sort(Comparator.comparing(Object::toString));
    return out;
  }

  private static int lines(String text) {
    return (int) text.lines().count();
  }

  @ParameterizedTest(name = "dryRun {0}")
  @ValueSource(booleans = {false, true})
  void syncFlows(boolean dryRun) {
    try (PresetWorld world = start(Mode.OSS)) {
      world.commit().add("flows/a.yml", flow("prod", "a", "new")).add("flows/b.yml", flow("prod", "b", "same"))
          .add("flows/c.yml", flow("prod", "c", "new")).push();
      world.putFlow(flow("prod", "b", "same"));
      world.putFlow(flow("prod", "c", "old"));
      world.putFlow(flow("prod", "d", "not in Git"));

      PresetResult run = world.run("type: io.kestra.plugin.git.SyncFlows\ntargetNamespace: prod\ngitDirectory: flows\n"
          + "delete: true\ndryRun: " + dryRun + "\n");

      assertRows(List.of(
          row("gitPath", null, "syncState", "DELETED", "flowId", "d", "namespace", "prod", "revision", 1),
          row("gitPath", "flows/a.yml", "syncState", "ADDED", "flowId", "a", "namespace", "prod", "revision", 1),
          row("gitPath", "flows/b.yml", "syncState", "UNCHANGED", "flowId", "b", "namespace", "prod", "revision", 1),
          row("gitPath", "flows/c.yml", "syncState", "UPDATED", "flowId", "c", "namespace", "prod", "revision", 2)),
          run);
      assertEquals(null, run.rows().get(0).get("gitPath"), "deletions first, then by gitPath, as the plugin sorts");
    }
  }

  @ParameterizedTest(name = "dryRun {0}")
  @ValueSource(booleans = {false, true})
  void syncNamespaceFiles(boolean dryRun) {
    try (PresetWorld world = start(Mode.OSS)) {
      world.commit().add("_files/new.sql", "select 1;\n").add("_files/same.sql", "select 2;\n")
          .add("_files/q/changed.sql", "select 3;\n").push();
      world.putFile("company.team", "same.sql", "select 2;\n");
      world.putFile("company.team", "q/changed.sql", "select 0;\n");
      world.putFile("company.team", "gone.txt", "not in Git\n");

      PresetResult run = world.run("type: io.kestra.plugin.git.SyncNamespaceFiles\nnamespace: company.team\n"
          + "delete: true\ndryRun: " + dryRun + "\n");

      assertRows(List.of(
          row("gitPath", null, "syncState", "DELETED", "kestraPath", "/company/team/_files/gone.txt"),
          row("gitPath", "_files/new.sql", "syncState", "ADDED", "kestraPath", "/company/team/_files/new.sql"),
          row("gitPath", "_files/same.sql", "syncState", "UNCHANGED", "kestraPath", "/company/team/_files/same.sql"),
          row("gitPath", "_files/q/changed.sql", "syncState", "OVERWRITTEN",
              "kestraPath", "/company/team/_files/q/changed.sql")),
          run);
    }
  }

  private static String dashboard(String id, String title) {
    return "id: " + id + "\ntitle: " + title + "\ncharts: []\n";
  }

  @ParameterizedTest(name = "dryRun {0}")
  @ValueSource(booleans = {false, true})
  void syncDashboards(boolean dryRun) {
    try (PresetWorld world = start(Mode.EE)) {
      world.commit().add("_dashboards/new.yml", dashboard("new", "New")).add("_dashboards/same.yml", dashboard("same", "Same"))
          .add("_dashboards/changed.yml", dashboard("changed", "New title")).push();
      world.kestra().putDashboard(TENANT, "same", dashboard("same", "Same"));
      world.kestra().putDashboard(TENANT, "changed", dashboard("changed", "Old title"));
      world.kestra().putDashboard(TENANT, "gone", dashboard("gone", "Gone"));

      PresetResult run = world.run("type: io.kestra.plugin.git.SyncDashboards\ndelete: true\ndryRun: " + dryRun + "\n");

      assertRows(List.of(
          row("gitPath", null, "syncState", "DELETED", "dashboardId", "gone", "updated", null),
          row("gitPath", "_dashboards/new.yml", "syncState", "ADDED", "dashboardId", "new", "updated", null),
          row("gitPath", "_dashboards/same.yml", "syncState", "UNCHANGED", "dashboardId", "same", "updated", null),
          row("gitPath", "_dashboards/changed.yml", "syncState", "UPDATED", "dashboardId", "changed", "updated", null)),
          run);
    }
  }

  @ParameterizedTest(name = "dryRun {0}")
  @ValueSource(booleans = {false, true})
  void pushFlows(boolean dryRun) {
    try (PresetWorld world = start(Mode.OSS)) {
      world.commit().add("_flows/same.yml", flow("dev", "same", "same")).add("_flows/changed.yml", flow("dev", "changed", "old"))
          .add("_flows/gone.yml", flow("dev", "gone", "not in Kestra")).push();
      world.putFlow(flow("dev", "new", "new"));
      world.putFlow(flow("dev", "same", "same"));
      world.putFlow(flow("dev", "changed", "new"));

      PresetResult run = world.run("type: io.kestra.plugin.git.PushFlows\nsourceNamespace: dev\ndryRun: " + dryRun + "\n");

      int flowLines = lines(flow("dev", "new", "new"));
      assertRows(List.of(
          row("file", "_flows/changed.yml", "additions", "+0", "deletions", "-0", "changes", "1"),
          row("file", "_flows/gone.yml", "additions", "+0", "deletions", "-" + flowLines, "changes", "0"),
          row("file", "_flows/new.yml", "additions", "+" + flowLines, "deletions", "-0", "changes", "0")),
          run);
      assertEquals("_flows/changed.yml", run.rows().get(0).get("file"), "ordered by file, as the plugin's");
    }
  }

  @ParameterizedTest(name = "dryRun {0}")
  @ValueSource(booleans = {false, true})
  void pushNamespaceFiles(boolean dryRun) {
    try (PresetWorld world = start(Mode.OSS)) {
      world.commit().add("_files/same.txt", "a\n").add("_files/changed.txt", "x\ny\nz\n").add("_files/gone.txt", "1\n2\n")
          .push();
      world.putFile("dev", "new.txt", "n\n");
      world.putFile("dev", "same.txt", "a\n");
      world.putFile("dev", "changed.txt", "x\nY\nZ\nW\n");

      PresetResult run = world.run("type: io.kestra.plugin.git.PushNamespaceFiles\nnamespace: dev\ndryRun: " + dryRun + "\n");

      assertRows(List.of(
          row("file", "_files/changed.txt", "additions", "+1", "deletions", "-0", "changes", "0"),
          row("file", "_files/gone.txt", "additions", "+0", "deletions", "-2", "changes", "0"),
          row("file", "_files/new.txt", "additions", "+1", "deletions", "-0", "changes", "0")),
          run);
    }
  }

  @Test
  void pushNamespaceFiles_countsLinesReplacedOneForOne_asChanges() {
    try (PresetWorld world = start(Mode.OSS)) {
      world.commit().add("_files/a.txt", "1\n2\n3\n4\n5\n6\n").push();
      world.putFile("dev", "a.txt", "1\nTWO\n3\n4\n5\nSIX\nseven\n");

      PresetResult run = world.run("type: io.kestra.plugin.git.PushNamespaceFiles\nnamespace: dev\n");

      assertRows(List.of(row("file", "_files/a.txt", "additions", "+1", "deletions", "-0", "changes", "1")), run);
    }
  }

  @ParameterizedTest(name = "dryRun {0}")
  @ValueSource(booleans = {false, true})
  void pushDashboards(boolean dryRun) {
    try (PresetWorld world = start(Mode.EE)) {
      world.commit().add("_dashboards/same.yml", dashboard("same", "Same"))
          .add("_dashboards/changed.yml", dashboard("changed", "Old title")).add("_dashboards/gone.yml", dashboard("gone", "Gone"))
          .push();
      world.kestra().putDashboard(TENANT, "new", dashboard("new", "New"));
      world.kestra().putDashboard(TENANT, "same", dashboard("same", "Same"));
      world.kestra().putDashboard(TENANT, "changed", dashboard("changed", "New title"));

      PresetResult run = world.run("type: io.kestra.plugin.git.PushDashboards\ndryRun: " + dryRun + "\n");

      assertRows(List.of(
          row("file", "_dashboards/changed.yml", "additions", "+0", "deletions", "-0", "changes", "1"),
          row("file", "_dashboards/gone.yml", "additions", "+0", "deletions", "-3", "changes", "0"),
          row("file", "_dashboards/new.yml", "additions", "+3", "deletions", "-0", "changes", "0")),
          run);
    }
  }

  @ParameterizedTest(name = "dryRun {0}")
  @ValueSource(booleans = {false, true})
  void pushExecutionFiles(boolean dryRun) {
    try (PresetWorld world = start(Mode.OSS)) {
      world.commit().add("_outputs/same.csv", "id\n1\n").add("_outputs/changed.csv", "id\n1\n")
          .add("_outputs/old.csv", "from an earlier execution\n").push();
      world.kestra().putExecution(TENANT, Execution.of("5nBp7XkrxG2vQ3aN7CnRlS", "company.team", "report")
          .withOutputFile("new.csv", bytes("id\n"))
          .withOutputFile("same.csv", bytes("id\n1\n"))
          .withOutputFile("changed.csv", bytes("id\n2\n")));

      PresetResult run = world.run("type: io.kestra.plugin.git.PushExecutionFiles\nexecutionId: 5nBp7XkrxG2vQ3aN7CnRlS\n"
          + "files:\n  - \"*.csv\"\ndryRun: " + dryRun + "\n");

      assertRows(List.of(
          row("file", "_outputs/changed.csv", "additions", "+0", "deletions", "-0", "changes", "1"),
          row("file", "_outputs/new.csv", "additions", "+1", "deletions", "-0", "changes", "0")),
          run);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Git holds new, changed and a file; Kestra holds changed (otherwise), gone and same. */
  private static PresetWorld twoWayWorld(PresetWorld world) {
    world.commit()
        .add("kestra/dev/flows/new.yaml", flow("dev", "new", "new"))
        .add("kestra/dev/flows/same.yaml", flow("dev", "same", "same"))
        .add("kestra/dev/flows/changed.yaml", flow("dev", "changed", "in Git"))
        .add("kestra/dev/files/q.sql", "select 1;\n")
        .push();
    world.kestra().putNamespace(TENANT, "dev");
    world.putFlow(flow("dev", "same", "same"));
    world.putFlow(flow("dev", "changed", "in Kestra"));
    world.putFlow(flow("dev", "gone", "in Kestra only"));
    return world;
  }

  @ParameterizedTest(name = "dryRun {0}")
  @ValueSource(booleans = {false, true})
  void namespaceSync_fromGit(boolean dryRun) {
    try (PresetWorld world = twoWayWorld(start(Mode.OSS))) {
      PresetResult run = world.run("type: io.kestra.plugin.git.NamespaceSync\nnamespace: dev\nbranch: main\n"
          + "gitDirectory: kestra\nsourceOfTruth: GIT\ndryRun: " + dryRun + "\n");

      assertRows(List.of(
          row("file", "dev/flows/new.yaml", "key", "dev:new", "kind", "FLOW", "action", "ADDED"),
          row("file", "dev/flows/changed.yaml", "key", "dev:changed", "kind", "FLOW", "action", "UPDATED_KES"),
          row("file", "dev/flows/gone.yaml", "key", "dev:gone", "kind", "FLOW", "action", "DELETED_KES"),
          row("file", "dev/files/q.sql", "key", "dev:q.sql", "kind", "FILE", "action", "ADDED")),
          run);
    }
  }

  @Test
  void namespaceSync_fromKestra_dryRun_saysWhatGitWouldGet() {
    try (PresetWorld world = twoWayWorld(start(Mode.OSS))) {
      PresetResult run = world.run("type: io.kestra.plugin.git.NamespaceSync\nnamespace: dev\nbranch: main\n"
          + "gitDirectory: kestra\ndryRun: true\n");

      assertRows(List.of(
          row("file", "dev/flows/new.yaml", "key", "dev:new", "kind", "FLOW", "action", "DELETED_GIT"),
          row("file", "dev/flows/changed.yaml", "key", "dev:changed", "kind", "FLOW", "action", "UPDATED_GIT"),
          row("file", "dev/flows/gone.yaml", "key", "dev:gone", "kind", "FLOW", "action", "ADDED"),
          row("file", "dev/files/q.sql", "key", "dev:q.sql", "kind", "FILE", "action", "DELETED_GIT")),
          run);
    }
  }

  @Test
  void namespaceSync_fromKestra_realRun_outputsTheCommitsLineCounts() {
    try (PresetWorld world = twoWayWorld(start(Mode.OSS))) {
      PresetResult run = world.run("type: io.kestra.plugin.git.NamespaceSync\nnamespace: dev\nbranch: main\n"
          + "gitDirectory: kestra\n");

      int flowLines = lines(flow("dev", "gone", "in Kestra only"));
      assertRows(List.of(
          row("file", "kestra/dev/flows/new.yaml", "additions", 0, "deletions", flowLines, "changes", 0),
          row("file", "kestra/dev/flows/changed.yaml", "additions", 0, "deletions", 0, "changes", 1),
          row("file", "kestra/dev/flows/gone.yaml", "additions", flowLines, "deletions", 0, "changes", 0),
          row("file", "kestra/dev/files/q.sql", "additions", 0, "deletions", 1, "changes", 0)),
          run);
      assertTrue(run.commitId().isPresent());
    }
  }

  @Test
  void tenantSync_fromGit_keysAreBareIds_andFilesAreInTheRepository() {
    try (PresetWorld world = twoWayWorld(start(Mode.EE))) {
      world.commit().add("kestra/_global/dashboards/overview.yaml", dashboard("overview", "Overview")).push();

      PresetResult run = world.run("type: io.kestra.plugin.git.TenantSync\nbranch: main\ngitDirectory: kestra\n"
          + "sourceOfTruth: GIT\ndryRun: true\n");

      assertRows(List.of(
          row("file", "kestra/dev/flows/new.yaml", "key", "new", "kind", "FLOW", "action", "ADDED"),
          row("file", "kestra/dev/flows/changed.yaml", "key", "changed", "kind", "FLOW", "action", "UPDATED_KES"),
          row("file", "kestra/dev/flows/gone.yaml", "key", "gone", "kind", "FLOW", "action", "DELETED_KES"),
          row("file", "kestra/dev/files/q.sql", "key", "q.sql", "kind", "FILE", "action", "ADDED"),
          row("file", "kestra/_global/dashboards/overview.yaml", "key", "overview", "kind", "DASHBOARD", "action", "ADDED")),
          run);
    }
  }

  /** What the plugin cannot say has no plugin row: a kept flow, the guard's blocked deletions. */
  @Test
  void keptAndBlocked_haveNoPluginRow_butDetailedRowsShowThem() {
    try (PresetWorld world = start(Mode.OSS)) {
      world.commit().add("flows/a.yml", flow("prod", "a", "same")).push();
      world.putFlow(flow("prod", "a", "same"));
      world.putFlow(flow("prod", "k", "only in Kestra"));
      String task = "type: io.kestra.plugin.git.SyncFlows\ntargetNamespace: prod\ngitDirectory: flows\n";

      PresetResult plugin = world.run(task);
      PresetResult detailed = world.run(task + "rows: DETAILED\n");

      assertRows(List.of(
          row("gitPath", "flows/a.yml", "syncState", "UNCHANGED", "flowId", "a", "namespace", "prod", "revision", 1)),
          plugin);
      assertEquals(Map.of("a", "UNCHANGED", "k", "KEPT"), PresetWorld.states(detailed, "flowId"));
      assertEquals(Arrays.asList("gitPath", "syncState", "flowId", "namespace", "revision"),
          List.copyOf(plugin.rows().get(0).keySet()));
    }
  }

  /** {@code rows: DETAILED} keeps Driftless's rows: the plugin's names plus action, side, namespace, line counts. */
  @Test
  void detailedRows_areDriftlesssRows_forATaskFile_andForTheRunner() {
    try (PresetWorld world = start(Mode.OSS)) {
      world.putFlow(flow("dev", "new", "new"));
      String task = "type: io.kestra.plugin.git.PushFlows\nsourceNamespace: dev\ndryRun: true\n";

      PresetResult fromFile = world.run(task + "rows: DETAILED\n");
      world.runner(world.runner().withRowDetail(dev.driftless.presets.RowDetail.DETAILED));
      PresetResult fromRunner = world.run(task);

      Map<String, Object> expected = row("file", "_flows/new.yml", "additions", lines(flow("dev", "new", "new")),
          "deletions", 0, "changes", lines(flow("dev", "new", "new")), "action", "ADDED");
      assertRows(List.of(expected), fromFile);
      assertRows(List.of(expected), fromRunner);
      assertEquals(Optional.of("ADDED"), Optional.ofNullable(fromFile.rows().get(0).get("action")));
    }
  }

  @Test
  void commitUrl_onALoopbackServer_isTheWebAddressSlashCommit() {
    try (PresetWorld world = start(Mode.OSS)) {
      world.putFlow(flow("dev", "new", "new"));

      PresetResult run = world.run("type: io.kestra.plugin.git.PushFlows\nsourceNamespace: dev\n");

      String id = world.head(MAIN).orElseThrow().name();
      assertEquals(Optional.of(world.url().replaceAll("\\.git$", "") + "/commit/" + id), run.commitUrl());
    }
  }
}
