package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.core.codec.DiffRows;
import dev.driftless.emulator.Execution;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code driftless run task.yaml}: every Git plugin task, as a Kestra user writes it, against the
 * Kestra API emulator and a Git server. Each preset runs first with {@code --dry-run}, which writes
 * nothing, then for real. Secrets come from the environment: the Git token base64-encoded in
 * {@code SECRET_GIT_TOKEN}, Kestra's password plain in {@code KESTRA_PASSWORD}.
 */
@Timeout(60)
class RunCommandTest {

  private static final String FLOW_A = Sides.flow("dev", "a", "from Git");
  private static final String DASHBOARD = "id: overview\ntitle: Overview\ncharts: []\n";

  @TempDir
  Path dir;

  Sides sides;

  /** How the command runs: in this process here, as the built jar in {@link RunCommandJarIT}. */
  Driftless driftless() {
    return Driftless.IN_PROCESS;
  }

  @BeforeEach
  void start() {
    sides = Sides.start(dir, driftless());
  }

  @AfterEach
  void stop() {
    sides.close();
  }

  @Test
  void namespaceSync_dryRunWritesNothing_thenTheRunApplies_andRowsAreWrittenAsIon() throws IOException {
    sides.commit().add("dev/flows/a.yaml", FLOW_A).add("dev/files/run.py", "print('hi')\n").push();
    Path task = task("NamespaceSync", """
        namespace: dev
        branch: main
        sourceOfTruth: GIT
        whenMissingInSource: KEEP
        """);

    Cli.Result dry = run(task, "--dry-run").assertExit(0);
    assertTrue(dry.out().startsWith("== io.kestra.plugin.git.NamespaceSync 'task'\n"), dry.out());
    assertTrue(dry.out().contains("+ flow dev/a"), dry.out());
    assertTrue(dry.err().contains("Dry run: nothing was written."), dry.err());
    assertEquals(Optional.empty(), sides.flowInKestra("dev", "a"));

    Path rows = dir.resolve("rows.ion");
    Cli.Result applied = run(task, "--rows", rows.toString()).assertExit(0);
    assertTrue(applied.out().contains("Apply complete! 2 changes applied"), applied.out());
    assertEquals(Optional.of(FLOW_A), sides.flowInKestra("dev", "a"));
    assertTrue(sides.state().namespaceFile(Sides.TENANT, "dev", "/run.py").isPresent());

    List<Map<String, Object>> written = DiffRows.fromIon(Files.readAllBytes(rows));
    assertEquals(2, written.size(), written::toString);
    assertTrue(applied.out().contains("rows: 2\n"), applied.out());
    assertTrue(written.toString().contains("a"), written::toString);

    Cli.Result again = run(task).assertExit(0);
    assertFalse(again.out().contains("Apply complete!"), "a second run writes nothing: " + again.out());
  }

  /**
   * A NamespaceSync both ways: the first run finds the sides differing with no baseline to say which
   * changed, applies nothing of it, says why and fails; onConflict: GIT settles it.
   */
  @Test
  void namespaceSync_bothWays_aConflictLeftSaysWhy_andFails_untilOnConflictPicksASide() throws IOException {
    sides.commit().add("dev/flows/a.yaml", FLOW_A).push();
    sides.state().putFlowSource(Sides.TENANT, FLOW_A.replace("id: a", "id: a\ndescription: edited in the UI"));
    Path task = task("NamespaceSync", """
        namespace: dev
        branch: main
        sourceOfTruth: BOTH
        """);

    Cli.Result dry = run(task, "--dry-run").assertExit(0).assertNoStackTrace();
    assertTrue(dry.err().contains("Warning: 1 conflict: flow dev/a. This is the first two-way sync"), dry.err());

    Cli.Result failed = run(task).assertExit(1).assertNoStackTrace();
    assertTrue(failed.err().contains("1 conflict: flow dev/a. This is the first two-way sync"), failed.err());
    assertTrue(failed.err().contains("set onConflict: GIT or KESTRA"), failed.err());
    assertEquals(Optional.of(FLOW_A), sides.repo.file("main", "dev/flows/a.yaml"), "nothing of it is written");

    Path settled = task("NamespaceSync", """
        namespace: dev
        branch: main
        sourceOfTruth: BOTH
        onConflict: GIT
        """);
    run(settled).assertExit(0).assertNoStackTrace();
    assertEquals(Optional.of(FLOW_A), sides.flowInKestra("dev", "a"));
  }

  /** The plugin's rows by default (no row for a flow kept); {@code --row-detail DETAILED} adds Driftless's. */
  @Test
  void rows_areThePluginsByDefault_andDriftlesssWithRowDetailDetailed() throws IOException {
    sides.commit().add("_flows/a.yml", FLOW_A).push();
    sides.state().putFlowSource(Sides.TENANT, Sides.flow("dev", "k", "only in Kestra"));
    Path task = task("SyncFlows", "targetNamespace: dev\n");
    Path plugin = dir.resolve("plugin.ion");
    Path detailed = dir.resolve("detailed.ion");

    run(task, "--dry-run", "--rows", plugin.toString()).assertExit(0);
    run(task, "--dry-run", "--rows", detailed.toString(), "--row-detail", "DETAILED").assertExit(0);

    List<Map<String, Object>> pluginRows = DiffRows.fromIon(Files.readAllBytes(plugin));
    assertEquals(1, pluginRows.size(), pluginRows::toString);
    assertEquals(List.of("ADDED", "a", 1), List.of(pluginRows.get(0).get("syncState"), pluginRows.get(0).get("flowId"),
        ((Number) pluginRows.get(0).get("revision")).intValue()), "the revision the import would make, as the plugin");
    List<Map<String, Object>> detailedRows = DiffRows.fromIon(Files.readAllBytes(detailed));
    assertEquals(List.of("ADDED", "KEPT"), detailedRows.stream().map(r -> r.get("syncState")).sorted().toList());
  }

  @Test
  void syncFlows() {
    sides.commit().add("_flows/a.yml", FLOW_A).push();
    Path task = task("SyncFlows", "targetNamespace: dev\n");

    dryRunThenRun(task, () -> assertEquals(Optional.of(FLOW_A), sides.flowInKestra("dev", "a")));
  }

  @Test
  void syncFlow() {
    sides.commit().add("_flows/a.yml", FLOW_A).add("_flows/b.yml", Sides.flow("dev", "b", "not this one")).push();
    Path task = task("SyncFlow", "targetNamespace: dev\nflowPath: _flows/a.yml\n");

    dryRunThenRun(task, () -> {
      assertEquals(Optional.of(FLOW_A), sides.flowInKestra("dev", "a"));
      assertEquals(Optional.empty(), sides.flowInKestra("dev", "b"));
    });
  }

  @Test
  void syncNamespaceFiles() {
    sides.commit().add("_files/scripts/run.py", "print('hi')\n").push();
    Path task = task("SyncNamespaceFiles", "namespace: dev\n");

    dryRunThenRun(task, () -> assertEquals("print('hi')\n", new String(
        sides.state().namespaceFile(Sides.TENANT, "dev", "/scripts/run.py").orElseThrow(), StandardCharsets.UTF_8)));
  }

  @Test
  void syncDashboards() {
    sides.commit().add("_dashboards/overview.yml", DASHBOARD).push();
    Path task = task("SyncDashboards", "");

    dryRunThenRun(task, () -> {
      List<String> ids = sides.state().dashboardIds(Sides.TENANT);
      assertEquals(1, ids.size());
      assertEquals(Optional.of(DASHBOARD), sides.state().dashboardSource(Sides.TENANT, ids.get(0)));
    });
  }

  @Test
  void pushFlows() {
    sides.state().putFlowSource(Sides.TENANT, FLOW_A);
    Path task = task("PushFlows", "sourceNamespace: dev\n");

    Cli.Result applied = dryRunThenPush(task);
    assertEquals(Optional.of(FLOW_A), sides.repo.file("main", "_flows/a.yml"));
    assertCommitReported(applied);
  }

  @Test
  void pushNamespaceFiles() {
    sides.state().putNamespaceFile(Sides.TENANT, "dev", "/scripts/run.py", "print('hi')\n".getBytes(StandardCharsets.UTF_8));
    Path task = task("PushNamespaceFiles", "namespace: dev\n");

    Cli.Result applied = dryRunThenPush(task);
    assertEquals(Optional.of("print('hi')\n"), sides.repo.file("main", "_files/scripts/run.py"));
    assertCommitReported(applied);
  }

  @Test
  void pushDashboards() {
    sides.state().putDashboard(Sides.TENANT, "overview", DASHBOARD);
    Path task = task("PushDashboards", "");

    Cli.Result applied = dryRunThenPush(task);
    assertEquals(Optional.of(DASHBOARD), sides.repo.file("main", "_dashboards/overview.yml"));
    assertCommitReported(applied);
  }

  @Test
  void pushExecutionFiles() {
    sides.state().putExecution(Sides.TENANT, Execution.of("exec1", "dev", "report")
        .withOutputFile("report.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)));
    Path task = task("PushExecutionFiles", "executionId: exec1\n");

    Cli.Result applied = dryRunThenPush(task);
    assertEquals(Optional.of("a,b\n1,2\n"), sides.repo.file("main", "_outputs/report.csv"));
    assertCommitReported(applied);
  }

  @Test
  void tenantSync() {
    sides.commit().add("dev/flows/a.yaml", FLOW_A).add("prod/flows/b.yaml", Sides.flow("prod", "b", "in prod")).push();
    Path task = task("TenantSync", "branch: main\nsourceOfTruth: GIT\nwhenMissingInSource: KEEP\n");

    dryRunThenRun(task, () -> {
      assertEquals(Optional.of(FLOW_A), sides.flowInKestra("dev", "a"));
      assertEquals(Optional.of(Sides.flow("prod", "b", "in prod")), sides.flowInKestra("prod", "b"));
    });
  }

  @Test
  void cloneChecksOutTheBranch() throws IOException {
    sides.commit().add("dev/flows/a.yaml", FLOW_A).push();
    Path into = dir.resolve("checkout");
    Path task = Files.writeString(dir.resolve("clone.yaml"), """
        id: clone
        type: io.kestra.plugin.git.Clone
        url: %s
        username: %s
        password: "{{ secret('GIT_TOKEN') }}"
        branch: main
        directory: %s
        """.formatted(sides.gitUrl(), sides.git.credentials().user(), into));

    Cli.Result cloned = run(task).assertExit(0);

    assertEquals(FLOW_A, Files.readString(into.resolve("dev/flows/a.yaml")));
    String head = sides.repo.head("main").map(ObjectId::name).orElseThrow();
    assertTrue(cloned.out().contains("Cloned into " + into + " at " + head), cloned.out());
  }

  @Test
  void aFlowOfSeveralGitTasks_runsThemInOrder() throws IOException {
    sides.commit().add("_flows/a.yml", FLOW_A).push();
    sides.state().putNamespaceFile(Sides.TENANT, "dev", "/run.py", "print('hi')\n".getBytes(StandardCharsets.UTF_8));
    Path flow = Files.writeString(dir.resolve("flow.yaml"), """
        id: git_sync
        namespace: ops
        tasks:
          - id: flows
            type: io.kestra.plugin.git.SyncFlows
            targetNamespace: dev
        %s
          - id: files
            type: io.kestra.plugin.git.PushNamespaceFiles
            namespace: dev
        %s
        """.formatted(connection("    "), connection("    ")));

    Cli.Result result = run(flow).assertExit(0);

    assertTrue(result.out().indexOf("== io.kestra.plugin.git.SyncFlows") < result.out()
        .indexOf("== io.kestra.plugin.git.PushNamespaceFiles"), result.out());
    assertEquals(Optional.of(FLOW_A), sides.flowInKestra("dev", "a"));
    assertEquals(Optional.of("print('hi')\n"), sides.repo.file("main", "_files/run.py"));
  }

  @Test
  void secrets_areReadFromSecretNameAsBase64_orFromName() throws IOException {
    sides.commit().add("_flows/a.yml", FLOW_A).push();
    Path task = task("SyncFlows", "targetNamespace: dev\n");
    Map<String, String> env = new HashMap<>(env());
    env.remove("KESTRA_PASSWORD");
    env.put("SECRET_KESTRA_PASSWORD", base64(sides.kestraPassword));
    env.remove("SECRET_GIT_TOKEN");
    env.put("GIT_TOKEN", sides.git.credentials().token());

    sides.cli(env, "run", task.toString()).assertExit(0);

    assertEquals(Optional.of(FLOW_A), sides.flowInKestra("dev", "a"));
  }

  @Test
  void aSecretThatIsNotSet_orNotBase64_isOneClearLine_beforeAnythingIsRead() throws IOException {
    Path task = task("SyncFlows", "targetNamespace: dev\n");
    Map<String, String> unset = new HashMap<>(env());
    unset.remove("SECRET_GIT_TOKEN");
    Map<String, String> notBase64 = new HashMap<>(env());
    notBase64.put("SECRET_GIT_TOKEN", "not base64!");

    sides.cli(unset, "run", task.toString()).assertOneErrorLine("driftless: " + task + ":5: password: secret "
        + "'GIT_TOKEN' is not set: set SECRET_GIT_TOKEN (base64, as Kestra does) or GIT_TOKEN in the environment");
    sides.cli(notBase64, "run", task.toString()).assertOneErrorLine("driftless: SECRET_GIT_TOKEN is not base64");
    assertEquals(0, sides.kestra.requests().size(), "nothing was read");
  }

  @Test
  void aLiteralCredential_isRefused_withoutEchoingIt_andNothingIsRead() throws IOException {
    String token = sides.git.credentials().token();
    Path task = Files.writeString(dir.resolve("literal.yaml"), """
        id: sync
        type: io.kestra.plugin.git.SyncFlows
        url: %s
        username: %s
        password: %s
        targetNamespace: dev
        kestraUrl: %s
        auth:
          username: %s
          password: "{{ secret('KESTRA_PASSWORD') }}"
        """.formatted(sides.gitUrl(), sides.git.credentials().user(), token, sides.kestraUrl(), Sides.KESTRA_USER));

    sides.cli(env(), "run", task.toString()).assertOneErrorLine("driftless: " + task + ":5: password: a literal "
        + "credential is refused: write \"{{ secret('NAME') }}\"");
    assertEquals(0, sides.kestra.requests().size(), "nothing was read");
  }

  /** A dry run leaves Kestra as it was; the run then writes what {@code written} checks. */
  private void dryRunThenRun(Path task, Runnable written) {
    int requests = sides.kestra.requests().size();
    Cli.Result dry = run(task, "--dry-run").assertExit(0);
    assertTrue(dry.err().contains("Dry run: nothing was written."), dry.err());
    // Reads, and Kestra's validation of the flows the plan would write, which stores nothing.
    assertEquals(0, sides.kestra.requests().all().stream().skip(requests)
        .filter(r -> !r.method().equals("GET") && !r.path().endsWith("/flows/validate")).count(),
        "a dry run only reads");

    Cli.Result applied = run(task).assertExit(0);
    assertTrue(applied.out().contains("Apply complete!"), applied.out());
    written.run();
  }

  /** A dry run leaves Git as it was; the push that follows makes one commit. */
  private Cli.Result dryRunThenPush(Path task) {
    Optional<ObjectId> before = sides.repo.head("main");
    run(task, "--dry-run").assertExit(0);
    assertEquals(before, sides.repo.head("main"), "a dry run pushes nothing");

    Cli.Result applied = run(task).assertExit(0);
    assertTrue(applied.out().contains("Apply complete!"), applied.out());
    assertEquals(before.isPresent() ? 2 : 1, sides.repo.log("main").size(), "one commit");
    return applied;
  }

  private void assertCommitReported(Cli.Result applied) {
    Matcher m = Pattern.compile("(?m)^commitId: ([0-9a-f]{40})$").matcher(applied.out());
    assertTrue(m.find(), applied.out());
    assertEquals(sides.repo.head("main").orElseThrow().name(), m.group(1));
  }

  private Cli.Result run(Path task, String... options) {
    String[] args = new String[options.length + 2];
    args[0] = "run";
    args[1] = task.toString();
    System.arraycopy(options, 0, args, 2, options.length);
    return sides.cli(env(), args);
  }

  /** A task of this type with these properties, connected to both sides. */
  private Path task(String type, String properties) {
    String yaml = "id: task\ntype: io.kestra.plugin.git." + type + "\n" + connection("") + "\n" + properties;
    try {
      return Files.writeString(dir.resolve(type + ".yaml"), yaml);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The connection properties, credentials as secrets, each line indented. */
  private String connection(String indent) {
    return String.join("\n", List.of(
        "url: " + sides.gitUrl(),
        "username: " + sides.git.credentials().user(),
        "password: \"{{ secret('GIT_TOKEN') }}\"",
        "kestraUrl: " + sides.kestraUrl(),
        "auth:",
        "  username: " + Sides.KESTRA_USER,
        "  password: \"{{ secret('KESTRA_PASSWORD') }}\"")).lines().map(l -> indent + l)
        .reduce((a, b) -> a + "\n" + b).orElse("");
  }

  private Map<String, String> env() {
    return Map.of("SECRET_GIT_TOKEN", base64(sides.git.credentials().token()), "KESTRA_PASSWORD", sides.kestraPassword);
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
