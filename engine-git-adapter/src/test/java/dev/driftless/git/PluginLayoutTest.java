package dev.driftless.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.git.layout.Layout;
import dev.driftless.git.servers.BareRepo;
import dev.driftless.git.servers.GitDaemonServer;
import dev.driftless.git.servers.PendingCommit;
import dev.driftless.git.servers.Repos;
import dev.driftless.plan.Plan;
import dev.driftless.policy.Policy;
import dev.driftless.resource.Content;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.testkit.fake.InMemorySide;
import dev.driftless.testkit.fixture.Flows;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository as the Kestra Git plugin writes it reads back and re-plans with no changes, in
 * both directions; and what Driftless writes into an empty repository has the plugin's paths.
 */
@Timeout(60)
class PluginLayoutTest {

  @TempDir
  static Path shared;

  static Repos repos;
  static GitDaemonServer daemon;

  @BeforeAll
  static void start() {
    repos = Repos.in(shared.resolve("served"));
    daemon = GitDaemonServer.start(repos.dir());
  }

  @AfterAll
  static void stop() {
    daemon.close();
  }

  /** The files PushFlows, PushNamespaceFiles and PushDashboards write, by path, with their keys. */
  private static Map<String, Map.Entry<ResourceKey, String>> pushTasksRepository() {
    Map<String, Map.Entry<ResourceKey, String>> files = new LinkedHashMap<>();
    files.put("_flows/hello.yml", Map.entry(ResourceKey.flow("company.team", "hello"),
        Flows.flow("company.team", "hello").comment("Says hello").input("name", "STRING", "world").yaml()));
    files.put("_flows/etl/load.yml", Map.entry(ResourceKey.flow("company.team.etl", "load"),
        Flows.flow("company.team.etl", "load").subflow("call", "company.team", "hello").crlf().yaml()));
    files.put("_files/scripts/run.py", Map.entry(ResourceKey.namespaceFile("company.team", "scripts/run.py"),
        "print('hi')\n"));
    files.put("_files/queries/daily.sql", Map.entry(ResourceKey.namespaceFile("company.team", "queries/daily.sql"),
        "select 1;\n"));
    files.put("_dashboards/overview.yml", Map.entry(ResourceKey.dashboard("overview"),
        "id: overview\ntitle: Overview\ncharts: []\n"));
    return files;
  }

  /** The files NamespaceSync and TenantSync write. */
  private static Map<String, Map.Entry<ResourceKey, String>> namespaceSyncRepository() {
    Map<String, Map.Entry<ResourceKey, String>> files = new LinkedHashMap<>();
    files.put("company.team/flows/hello.yaml", Map.entry(ResourceKey.flow("company.team", "hello"),
        Flows.flow("company.team", "hello").yaml()));
    files.put("company.team.etl/flows/load.yaml", Map.entry(ResourceKey.flow("company.team.etl", "load"),
        Flows.flow("company.team.etl", "load").triggeredBy("after", "company.team", "hello").yaml()));
    files.put("company.team/files/scripts/run.py", Map.entry(ResourceKey.namespaceFile("company.team", "scripts/run.py"),
        "print('hi')\n"));
    files.put("company.team/apps/form.yaml", Map.entry(ResourceKey.app("company.team", "form"),
        "id: form\ntype: io.kestra.plugin.ee.apps.Execution\nnamespace: company.team\nflowId: hello\n"));
    files.put("company.team/tests/smoke.yaml", Map.entry(ResourceKey.test("company.team", "smoke"),
        "id: smoke\nnamespace: company.team\nflowId: hello\ntestCases: []\n"));
    files.put("_global/dashboards/overview.yaml", Map.entry(ResourceKey.dashboard("overview"),
        "id: overview\ntitle: Overview\ncharts: []\n"));
    return files;
  }

  private static BareRepo repository(String name, Map<String, Map.Entry<ResourceKey, String>> files) {
    BareRepo repo = repos.bare(name);
    PendingCommit commit = repo.commit(Repos.MAIN).add("README.md", "synced by Kestra\n");
    files.forEach((path, resource) -> commit.add(path, resource.getValue()));
    commit.push();
    return repo;
  }

  private static InMemorySide kestraHolding(Map<String, Map.Entry<ResourceKey, String>> files) {
    InMemorySide kestra = InMemorySide.kestra();
    files.values().forEach(e -> kestra.put(e.getKey(), Content.ofText(e.getValue())));
    return kestra;
  }

  private static void assertNoWrites(GitSide git, InMemorySide kestra, Scope scope) {
    for (Side sourceOfTruth : Side.values()) {
      Policy policy = Sides.policy(sourceOfTruth).withIncludeChildNamespaces(true);
      Plan plan = Sides.plan(git, kestra, scope, policy);
      assertEquals(0, plan.summary().writes(), () -> sourceOfTruth + " as source of truth: " + plan.changes());
      assertTrue(plan.isApplyable(), plan.diagnostics().toString());
      assertTrue(plan.diagnostics().isEmpty(), plan.diagnostics().toString());
    }
  }

  @Test
  void syncFlowsAndPushTasksLayout_readsBack_withNoChanges() {
    Map<String, Map.Entry<ResourceKey, String>> files = pushTasksRepository();
    BareRepo repo = repository("push-tasks", files);
    InMemorySide kestra = kestraHolding(files);
    String url = daemon.url(repo.name());

    assertNoWrites(Sides.open(url, Layout.flows("company.team")), kestra,
        Scope.namespaces(List.of("company.team"), true, Set.of(ResourceKind.FLOW)));
    assertNoWrites(Sides.open(url, Layout.files("company.team")), kestra,
        Scope.namespace("company.team", Set.of(ResourceKind.NAMESPACE_FILE)));
    assertNoWrites(Sides.open(url, Layout.dashboards()), kestra, Scope.global(Set.of(ResourceKind.DASHBOARD)));
  }

  @Test
  void namespaceSyncLayout_readsBack_withNoChanges() {
    Map<String, Map.Entry<ResourceKey, String>> files = namespaceSyncRepository();
    BareRepo repo = repository("namespace-sync", files);

    assertNoWrites(Sides.open(daemon.url(repo.name()), Layout.namespaces()), kestraHolding(files), Sides.tenant());
    assertNoWrites(Sides.open(daemon.url(repo.name()), Layout.namespaces()), kestraHolding(files),
        Scope.namespaces(List.of("company.team"), true, Sides.NAMESPACE_KINDS));
  }

  @Test
  void whatDriftlessWrites_hasThePluginsPaths() {
    Map<String, Map.Entry<ResourceKey, String>> push = pushTasksRepository();
    Map<String, Map.Entry<ResourceKey, String>> sync = namespaceSyncRepository();
    BareRepo pushRepo = repository("written-push", Map.of());
    BareRepo syncRepo = repository("written-sync", Map.of());
    String pushUrl = daemon.url(pushRepo.name());
    Policy policy = Sides.policy(Side.KESTRA).withIncludeChildNamespaces(true);

    Sides.sync(Sides.open(pushUrl, Layout.flows("company.team"), b -> b.readMissingAsEmpty(true)), kestraHolding(push),
        Scope.namespaces(List.of("company.team"), true, Set.of(ResourceKind.FLOW)), policy).orThrow();
    Sides.sync(Sides.open(pushUrl, Layout.files("company.team"), b -> b.readMissingAsEmpty(true)), kestraHolding(push),
        Scope.namespace("company.team", Set.of(ResourceKind.NAMESPACE_FILE)), policy).orThrow();
    Sides.sync(Sides.open(pushUrl, Layout.dashboards(), b -> b.readMissingAsEmpty(true)), kestraHolding(push),
        Scope.global(Set.of(ResourceKind.DASHBOARD)), policy).orThrow();
    Sides.sync(Sides.open(daemon.url(syncRepo.name()), Layout.namespaces()), kestraHolding(sync), Sides.tenant(), policy)
        .orThrow();

    Set<String> pushPaths = new TreeSet<>(push.keySet());
    pushPaths.add("README.md");
    Set<String> syncPaths = new TreeSet<>(sync.keySet());
    syncPaths.add("README.md");
    assertEquals(pushPaths, pushRepo.files(Repos.MAIN).keySet());
    assertEquals(syncPaths, syncRepo.files(Repos.MAIN).keySet());
    push.forEach((path, e) -> assertEquals(e.getValue(), pushRepo.file(Repos.MAIN, path).orElseThrow()));
  }
}
