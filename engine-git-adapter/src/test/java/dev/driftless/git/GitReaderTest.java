package dev.driftless.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.git.layout.Layout;
import dev.driftless.git.servers.BareRepo;
import dev.driftless.git.servers.GitDaemonServer;
import dev.driftless.git.servers.Repos;
import dev.driftless.plan.Plan;
import dev.driftless.plan.Reason;
import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.snapshot.SnapshotEntry;
import dev.driftless.testkit.fake.InMemorySide;
import dev.driftless.testkit.fixture.Flows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Reading snapshots from a branch served by C git's {@code git daemon}. */
@Timeout(60)
class GitReaderTest {

  private static final Set<ResourceKind> FLOW = Set.of(ResourceKind.FLOW);

  @TempDir
  static Path shared;

  static Repos repos;
  static GitDaemonServer daemon;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    repos = Repos.in(shared.resolve("served"));
    daemon = GitDaemonServer.start(repos.dir());
  }

  @AfterAll
  static void stop() {
    daemon.close();
  }

  private static BareRepo tenantRepo(String name) {
    BareRepo repo = repos.bare(name);
    repo.commit(Repos.MAIN)
        .add("README.md", "# flows\n")
        .add("dev/flows/a.yaml", Flows.flow("dev", "a").yaml())
        .add("dev/files/scripts/run.sh", "echo hi\n")
        .add("dev/apps/form.yaml", "id: form\nnamespace: dev\ntype: io.kestra.plugin.ee.apps.Execution\nflowId: a\n")
        .add("dev/tests/smoke.yaml", "id: smoke\nnamespace: dev\nflowId: a\n")
        .add("dev.team/flows/b.yaml", Flows.flow("dev.team", "b").yaml())
        .add("devops/flows/c.yaml", Flows.flow("devops", "c").yaml())
        .add("_global/dashboards/overview.yaml", "id: overview\ntitle: Overview\ncharts: []\n")
        .push();
    return repo;
  }

  private static Set<String> addresses(Snapshot snapshot) {
    return snapshot.entries().stream().map(e -> e.key().orElseThrow().address()).collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void read_isScopedToNamespacesChildrenAndKinds() {
    BareRepo repo = tenantRepo("scoped");
    GitSide git = Sides.open(daemon.url(repo.name()), Layout.namespaces());

    assertEquals(Set.of("flow dev/a"), addresses(git.reader().read(Scope.namespace("dev", FLOW))));
    assertEquals(Set.of("flow dev.team/b", "flow dev/a"),
        addresses(git.reader().read(Scope.namespaces(List.of("dev"), true, FLOW))));
    assertEquals(Set.of("app dev/form", "dashboard overview", "flow dev/a", "namespace-file dev:/scripts/run.sh",
        "test dev/smoke"), addresses(git.reader().read(Scope.namespace("dev", Sides.NAMESPACE_KINDS))));
    assertEquals(Set.of("dashboard overview", "flow dev.team/b", "flow dev/a", "flow devops/c"),
        addresses(git.reader().read(Scope.tenant(Set.of(ResourceKind.FLOW, ResourceKind.DASHBOARD)))));
  }

  @Test
  void read_identityIsTheCommitId_andResourcesCarryBlobIdAndPath() {
    BareRepo repo = tenantRepo("identity");
    Snapshot snapshot = Sides.open(daemon.url(repo.name()), Layout.namespaces()).reader().read(Scope.namespace("dev", FLOW));

    assertEquals(repo.head(Repos.MAIN).orElseThrow().name(), snapshot.identity());
    Resource a = snapshot.resource(ResourceKey.flow("dev", "a")).orElseThrow();
    assertEquals(Optional.of("dev/flows/a.yaml"), a.origin());
    try (var db = repo.open()) {
      assertEquals(Optional.of(db.resolve("main:dev/flows/a.yaml").name()), a.version());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    assertEquals(Flows.flow("dev", "a").yaml(), a.content().text().orElseThrow());
  }

  @Test
  void read_flowsLayout_readsChildFoldersAsChildNamespaces_andNeverReadsOtherFiles() {
    BareRepo repo = repos.bare("flows-layout");
    repo.commit(Repos.MAIN)
        .add("_flows/hello.yml", Flows.flow("company.team", "hello").yaml())
        .add("_flows/etl/load.yaml", Flows.flow("company.team.etl", "load").yaml())
        .add("_flows/README.md", "how to edit these flows\n")
        .add("_flows/etl/notes.txt", "notes\n")
        .add("src/app.py", "print('x')\n")
        .push();
    GitSide git = Sides.open(daemon.url(repo.name()), Layout.flows("company.team"));

    Snapshot snapshot = git.reader().read(Scope.namespaces(List.of("company.team"), true, FLOW));

    assertEquals(Set.of("flow company.team.etl/load", "flow company.team/hello"), addresses(snapshot));
    assertEquals(List.of(), snapshot.diagnostics());
  }

  @Test
  void read_keysAFlowByItsId_andFolder_warningWhereFileNameOrNamespaceDisagree() {
    BareRepo repo = repos.bare("mismatch");
    repo.commit(Repos.MAIN)
        .add("_flows/old_name.yml", Flows.flow("company.team", "hello").yaml())
        .add("_flows/etl/load.yml", Flows.flow("somewhere.else", "load").yaml())
        .push();
    GitSide git = Sides.open(daemon.url(repo.name()), Layout.flows("company.team"));

    Snapshot snapshot = git.reader().read(Scope.namespaces(List.of("company.team"), true, FLOW));

    assertEquals(Set.of("flow company.team.etl/load", "flow company.team/hello"), addresses(snapshot));
    List<String> warnings = snapshot.diagnostics().stream().map(Diagnostic::render).toList();
    assertEquals(2, warnings.size(), warnings.toString());
    assertTrue(warnings.stream().anyMatch(w -> w.contains("_flows/old_name.yml") && w.contains("declares id 'hello'")),
        warnings.toString());
    assertTrue(warnings.stream().anyMatch(w -> w.contains("_flows/etl/load.yml")
        && w.contains("declares namespace 'somewhere.else'") && w.contains("company.team.etl")), warnings.toString());
  }

  @Test
  void read_namespaceFromTheFolder_isWhatThePlannerCopiesToKestra() {
    BareRepo repo = repos.bare("rewrite");
    repo.commit(Repos.MAIN).add("_flows/etl/load.yml", Flows.flow("somewhere.else", "load").yaml()).push();
    GitSide git = Sides.open(daemon.url(repo.name()), Layout.flows("company.team"));
    InMemorySide kestra = InMemorySide.kestra();
    Scope scope = Scope.namespaces(List.of("company.team"), true, FLOW);

    Sides.sync(git, kestra, scope, Sides.policy(Side.GIT).withIncludeChildNamespaces(true)).orThrow();

    String copied = kestra.get(ResourceKey.flow("company.team.etl", "load")).orElseThrow().content().text().orElseThrow();
    assertTrue(copied.contains("namespace: company.team.etl\n"), copied);
  }

  @Test
  void read_returnsBothFiles_whenTwoClaimOneKey_andThePlanBlocksIt() {
    BareRepo repo = repos.bare("conflict");
    repo.commit(Repos.MAIN)
        .add("dev/flows/a.yml", Flows.flow("dev", "a").yaml())
        .add("dev/flows/a.yaml", Flows.flow("dev", "a").comment("copy").yaml())
        .add("dev/flows/b.yaml", Flows.flow("dev", "b").yaml())
        .add("dev/flows/b_copy.yaml", Flows.flow("dev", "b").comment("copy").yaml())
        .push();
    GitSide git = Sides.open(daemon.url(repo.name()), Layout.namespaces());
    Scope scope = Scope.namespace("dev", FLOW);

    Snapshot snapshot = git.reader().read(scope);
    assertEquals(4, snapshot.entries().size());
    Plan plan = Sides.plan(git, InMemorySide.kestra(), scope, Sides.policy(Side.GIT));

    assertEquals(Set.of(Reason.IDENTITY_CONFLICT), plan.changes().stream().map(c -> c.reason()).collect(Collectors.toSet()));
    assertFalse(plan.isApplyable());
  }

  @Test
  void read_honoursKestraignore_andNeverReadsIt() {
    BareRepo repo = repos.bare("ignore");
    repo.commit(Repos.MAIN)
        .add("_files/.kestraignore", "*.tmp\nbuild/\n!keep.tmp\n")
        .add("_files/main.py", "print(1)\n")
        .add("_files/scratch.tmp", "x\n")
        .add("_files/keep.tmp", "kept\n")
        .add("_files/build/out.bin", "x\n")
        .add("_files/sub/build/deep.txt", "x\n")
        .push();
    GitSide git = Sides.open(daemon.url(repo.name()), Layout.files("dev"));

    Snapshot snapshot = git.reader().read(Scope.namespace("dev", Set.of(ResourceKind.NAMESPACE_FILE)));

    assertEquals(Set.of("namespace-file dev:/keep.tmp", "namespace-file dev:/main.py"), addresses(snapshot));
  }

  @Test
  void read_invalidYaml_isAnInvalidEntry_withTheLine_neverAbsent() {
    BareRepo repo = repos.bare("invalid");
    repo.commit(Repos.MAIN)
        .add("dev/flows/broken.yaml", "id: broken\nnamespace: dev\ntasks: [\n")
        .add("dev/flows/no_id.yaml", "namespace: dev\ntasks: []\n")
        .push();
    Snapshot snapshot = Sides.open(daemon.url(repo.name()), Layout.namespaces()).reader().read(Scope.namespace("dev", FLOW));

    List<SnapshotEntry.Unreadable> invalid = snapshot.entries().stream().map(e -> e.unreadable().orElseThrow()).toList();
    assertEquals(2, invalid.size());
    for (SnapshotEntry.Unreadable entry : invalid) {
      assertEquals(SnapshotEntry.Failure.INVALID_SYNTAX, entry.failure());
      assertTrue(entry.origin().orElseThrow().startsWith("dev/flows/"), entry.toString());
    }
    SnapshotEntry.Unreadable broken = invalid.stream().filter(u -> u.name().equals(Optional.of("broken"))).findFirst()
        .orElseThrow();
    assertTrue(broken.line().isPresent(), broken.toString());
    assertTrue(invalid.stream().anyMatch(u -> u.name().equals(Optional.of("no_id")) && u.reason().contains("no 'id'")),
        invalid.toString());
  }

  @Test
  void read_intoACacheDirectory_reusesIt_shallow_andWithoutAWorkingTree() throws IOException {
    BareRepo repo = tenantRepo("cached");
    Path cache = dir.resolve("cache");
    GitSide git = Sides.open(daemon.url(repo.name()), Layout.namespaces(), b -> b.cacheDirectory(cache));

    Snapshot first = git.reader().read(Scope.namespace("dev", FLOW));
    repo.commit(Repos.MAIN).add("dev/flows/z.yaml", Flows.flow("dev", "z").yaml()).push();
    Snapshot second = git.reader().read(Scope.namespace("dev", FLOW));

    assertEquals(Set.of("flow dev/a"), addresses(first));
    assertEquals(Set.of("flow dev/a", "flow dev/z"), addresses(second));
    assertTrue(Files.isRegularFile(cache.resolve("shallow")), "the fetch is shallow");
    assertTrue(Files.isRegularFile(cache.resolve("HEAD")), "the cache is a bare repository");
    try (Stream<Path> files = Files.walk(cache)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".yaml")), "nothing is checked out");
    }
  }

  @Test
  void read_withoutACacheDirectory_leavesNoTemporaryRepositoryBehind() throws IOException {
    BareRepo repo = tenantRepo("temporary");
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    Set<Path> before = temporaryRepositories(tmp);

    Sides.open(daemon.url(repo.name()), Layout.namespaces()).reader().read(Scope.namespace("dev", FLOW));

    Set<Path> left = temporaryRepositories(tmp);
    left.removeAll(before);
    assertEquals(Set.of(), left);
  }

  private static Set<Path> temporaryRepositories(Path tmp) throws IOException {
    try (Stream<Path> entries = Files.list(tmp)) {
      // Only this process's: other builds on the machine make their own.
      String mine = "-" + ProcessHandle.current().pid() + "-";
      return entries.filter(p -> p.getFileName().toString().startsWith("driftless-")
              && p.getFileName().toString().contains(mine))
          .collect(Collectors.toCollection(HashSet::new));
    }
  }

  @Test
  void read_refusesAScopeTheLayoutHasNoPlaceFor_beforeAnyIo() {
    GitSide git = Sides.open("git://127.0.0.1:9/nothing.git", Layout.flows("company.team"));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> git.reader().read(Scope.tenant(FLOW)));
    assertTrue(e.getMessage().contains("not the whole tenant"), e.getMessage());
  }
}
