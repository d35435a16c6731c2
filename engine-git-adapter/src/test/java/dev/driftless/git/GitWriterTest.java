package dev.driftless.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.apply.ApplyResult;
import dev.driftless.apply.Commit;
import dev.driftless.git.layout.Layout;
import dev.driftless.git.servers.BareRepo;
import dev.driftless.git.servers.GitDaemonServer;
import dev.driftless.git.servers.Repos;
import dev.driftless.port.CommitResult;
import dev.driftless.port.Write;
import dev.driftless.port.WriteIntent;
import dev.driftless.port.WriteResult;
import dev.driftless.port.WriteSession;
import dev.driftless.resource.Content;
import dev.driftless.resource.Fingerprint;
import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.testkit.fake.InMemorySide;
import dev.driftless.testkit.fixture.Flows;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Writing a plan to a branch served by C git's {@code git daemon}: one commit, compare-and-swap, never forced. */
@Timeout(60)
class GitWriterTest {

  private static final Set<ResourceKind> FLOW = Set.of(ResourceKind.FLOW);
  private static final ResourceKey A = ResourceKey.flow("dev", "a");
  private static final ResourceKey B = ResourceKey.flow("dev", "b");

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

  private static WriteIntent intent(ResourceKey... keys) {
    return new WriteIntent("plan-1234", Set.of(keys), "Plan: 1 to create, 0 to update, 0 to delete.");
  }

  private static Write put(ResourceKey key, String text) {
    return new Write.Put(Resource.of(key, text));
  }

  @Test
  void apply_makesOneCommit_onTheHead_withAuthorCommitterAndMessage() {
    BareRepo repo = repos.bare("one-commit");
    ObjectId before = repo.commit(Repos.MAIN).add("dev/flows/a.yaml", Flows.flow("dev", "a").yaml())
        .add("dev/flows/old.yaml", Flows.flow("dev", "old").yaml()).push();
    GitSide git = Sides.open(daemon.url(repo.name()), Layout.namespaces(), b -> b
        .authorName("Ada").authorEmail("ada@example.com").committerName("CI").committerEmail("ci@example.com")
        .forge(Forge.GITEA).clock(() -> Instant.parse("2030-01-02T03:04:05Z")));
    InMemorySide kestra = InMemorySide.kestra()
        .put(Flows.flow("dev", "a").comment("changed").resource())
        .put(Flows.flow("dev", "b").resource())
        .put(Flows.flow("dev", "c").resource());

    ApplyResult result = Sides.sync(git, kestra, Scope.namespace("dev", FLOW), Sides.policy(Side.KESTRA));

    assertTrue(result.isComplete(), result.line());
    List<RevCommit> log = repo.log(Repos.MAIN);
    assertEquals(2, log.size(), "exactly one commit on top of the head");
    RevCommit commit = log.get(0);
    assertEquals(before, commit.getParent(0).getId());
    Commit reported = result.commits().get(Side.GIT);
    assertEquals(commit.getName(), reported.id());
    assertEquals(Optional.of("https://127.0.0.1/one-commit/commit/" + commit.getName()), reported.url());
    PersonIdent author = commit.getAuthorIdent();
    assertEquals("Ada", author.getName());
    assertEquals("ada@example.com", author.getEmailAddress());
    assertEquals(Instant.parse("2030-01-02T03:04:05Z"), author.getWhenAsInstant());
    assertEquals("CI", commit.getCommitterIdent().getName());
    assertTrue(commit.getFullMessage().startsWith("Driftless: Plan: 2 to create, 1 to update, 1 to delete"),
        commit.getFullMessage());
    assertTrue(commit.getFullMessage().contains(result.planId()), commit.getFullMessage());
    assertEquals(Set.of("dev/flows/a.yaml", "dev/flows/b.yaml", "dev/flows/c.yaml"), repo.files(Repos.MAIN).keySet());
  }

  @Test
  void commit_writesNothing_whenNothingIsStaged_orNothingChanges() {
    BareRepo repo = repos.bare("nothing");
    ObjectId head = repo.commit(Repos.MAIN).add("dev/flows/a.yaml", Flows.flow("dev", "a").yaml()).push();
    GitSide git = Sides.open(daemon.url(repo.name()), Layout.namespaces());

    try (WriteSession session = git.writer().begin(intent(A))) {
      assertTrue(session.transactional());
      assertEquals(CommitResult.none(), session.commit());
    }
    try (WriteSession session = git.writer().begin(intent(A))) {
      session.write(List.of(put(A, Flows.flow("dev", "a").yaml())));
      assertEquals(CommitResult.none(), session.commit());
    }
    assertEquals(Optional.of(head), repo.head(Repos.MAIN));
  }

  @Test
  void session_currentIsTheSha256OfTheBlob_andWritesReportTheBlobId() throws Exception {
    BareRepo repo = repos.bare("fingerprints");
    String text = Flows.flow("dev", "a").yaml();
    repo.commit(Repos.MAIN).add("dev/flows/a.yaml", text).push();
    GitSide git = Sides.open(daemon.url(repo.name()), Layout.namespaces());

    try (WriteSession session = git.writer().begin(intent(A, B))) {
      assertEquals(Optional.of(Content.ofText(text).fingerprint()), session.current(A));
      assertEquals(Optional.empty(), session.current(B));
      String newText = Flows.flow("dev", "b").yaml();
      WriteResult written = session.write(List.of(put(B, newText))).get(0);
      CommitResult committed = session.commit();
      assertFalse(committed.isRejected());
      try (var db = repo.open()) {
        assertEquals(Optional.of(db.resolve("main:dev/flows/b.yaml").name()), written.version());
      }
      Map<ResourceKey, Optional<Fingerprint>> back = session.readBack(List.of(A, B));
      assertEquals(Optional.of(Content.ofText(newText).fingerprint()), back.get(B));
      assertEquals(Optional.of(Content.ofText(text).fingerprint()), back.get(A));
    }
  }

  @Test
  void update_keepsTheFileWhereItIs_withTheOtherExtensionOrAnotherName() {
    BareRepo repo = repos.bare("other-extension");
    repo.commit(Repos.MAIN)
        .add("dev/flows/a.yml", Flows.flow("dev", "a").yaml())
        .add("dev/flows/legacy_name.yaml", Flows.flow("dev", "b").yaml())
        .push();
    GitSide git = Sides.open(daemon.url(repo.name()), Layout.namespaces());
    InMemorySide kestra = InMemorySide.kestra()
        .put(Flows.flow("dev", "a").comment("v2").resource())
        .put(Flows.flow("dev", "b").comment("v2").resource());

    Sides.sync(git, kestra, Scope.namespace("dev", FLOW), Sides.policy(Side.KESTRA)).orThrow();

    assertEquals(Set.of("dev/flows/a.yml", "dev/flows/legacy_name.yaml"), repo.files(Repos.MAIN).keySet());
    assertTrue(repo.file(Repos.MAIN, "dev/flows/a.yml").orElseThrow().startsWith("# v2"));
  }

  @Test
  void deletes_neverTouchFilesOfNoKey_norIgnoredOnes_norTheIgnoreFile() {
    BareRepo repo = repos.bare("unrelated");
    repo.commit(Repos.MAIN)
        .add("README.md", "root readme\n")
        .add("_flows/README.md", "how to edit\n")
        .add("_flows/.kestraignore", "drafts/\n")
        .add("_flows/drafts/wip.yml", Flows.flow("company", "wip").yaml())
        .add("_flows/a.yml", Flows.flow("company", "a").yaml())
        .add("_flows/child/b.yml", Flows.flow("company.child", "b").yaml())
        .push();
    GitSide git = Sides.open(daemon.url(repo.name()), Layout.flows("company"));
    Scope scope = Scope.namespaces(List.of("company"), true, FLOW);

    ApplyResult result = Sides.sync(git, InMemorySide.kestra(), scope,
        Sides.policy(Side.KESTRA).withIncludeChildNamespaces(true));

    assertTrue(result.isComplete(), result.line());
    assertEquals(Set.of("README.md", "_flows/README.md", "_flows/.kestraignore", "_flows/drafts/wip.yml"),
        repo.files(Repos.MAIN).keySet());
  }

  @Test
  void put_refusesIgnoredPaths_pathsOfOtherResources_andFilesInTheWay() {
    BareRepo repo = repos.bare("blocked");
    ObjectId head = repo.commit(Repos.MAIN)
        .add("_flows/.kestraignore", "secret.yml\n")
        .add("_flows/secret.yml", "id: other\n")
        .add("_flows/taken.yml", Flows.flow("company", "someone_else").yaml())
        .add("_flows/child", "a file where a folder is needed\n")
        .push();
    GitSide git = Sides.open(daemon.url(repo.name()), Layout.flows("company"));
    ResourceKey secret = ResourceKey.flow("company", "secret");
    ResourceKey taken = ResourceKey.flow("company", "taken");
    ResourceKey child = ResourceKey.flow("company.child", "x");

    try (WriteSession session = git.writer().begin(intent(secret, taken, child))) {
      List<WriteResult> results = session.write(List.of(put(secret, Flows.flow("company", "secret").yaml()),
          put(taken, Flows.flow("company", "taken").yaml()), put(child, Flows.flow("company.child", "x").yaml())));
      assertTrue(results.get(0).failure().orElseThrow().contains("ignored by _flows/.kestraignore"), results.toString());
      assertTrue(results.get(1).failure().orElseThrow().contains("_flows/taken.yml"), results.toString());
      assertTrue(results.get(2).failure().orElseThrow().contains("_flows/child is a file"), results.toString());
      assertEquals(CommitResult.none(), session.commit());
    }
    assertEquals(Optional.of(head), repo.head(Repos.MAIN));
  }

  @Test
  void missingBranch_isCreatedFromTheDefaultBranch_soItCanBeMergedBack() {
    BareRepo repo = repos.bare("new-branch");
    ObjectId main = repo.commit(Repos.MAIN).add("README.md", "main\n")
        .add("dev/flows/a.yaml", Flows.flow("dev", "a").yaml())
        .add("dev/flows/old.yaml", Flows.flow("dev", "old").yaml())
        .push();
    GitSide git = Sides.open(daemon.url(repo.name()), Layout.namespaces(), b -> b.branch("sync/flows")
        .readMissingAsEmpty(true));
    InMemorySide kestra = InMemorySide.kestra().put(Flows.flow("dev", "a").resource())
        .put(Flows.flow("dev", "b").resource());
    Scope scope = Scope.namespace("dev", FLOW);
    assertEquals("absent:sync/flows@" + main.name(), git.reader().read(scope).identity(),
        "a missing branch reads as the default branch it will start from");

    Sides.sync(git, kestra, scope, Sides.policy(Side.KESTRA)).orThrow();

    assertEquals(Set.of("README.md", "dev/flows/a.yaml", "dev/flows/b.yaml"), repo.files("sync/flows").keySet());
    RevCommit created = repo.log("sync/flows").get(0);
    assertEquals(main, created.getParent(0).getId(), "the new branch starts at main's head, as git checkout -b does");
    assertEquals(Optional.of(main), repo.head(Repos.MAIN), "main is not touched");
    assertEquals(repo.head("sync/flows").orElseThrow().name(), git.reader().read(scope).identity());
  }

  @Test
  void missingBranch_inARepositoryWithoutBranches_startsWithARootCommit() {
    BareRepo repo = repos.bare("no-branch-yet");
    GitSide git = Sides.open(daemon.url(repo.name()), Layout.namespaces(), b -> b.branch("sync/flows")
        .readMissingAsEmpty(true));
    InMemorySide kestra = InMemorySide.kestra().put(Flows.flow("dev", "a").resource());
    Scope scope = Scope.namespace("dev", FLOW);
    assertEquals("absent:sync/flows", git.reader().read(scope).identity());

    Sides.sync(git, kestra, scope, Sides.policy(Side.KESTRA)).orThrow();

    assertEquals(Set.of("dev/flows/a.yaml"), repo.files("sync/flows").keySet());
    assertEquals(1, repo.log("sync/flows").size(), "the new branch starts with the commit");
  }

  @Test
  void commit_isRejected_notForced_whenTheBranchMovedSinceTheSessionBegan() {
    BareRepo repo = repos.bare("moved");
    repo.commit(Repos.MAIN).add("dev/flows/a.yaml", Flows.flow("dev", "a").yaml()).push();
    GitSide git = Sides.open(daemon.url(repo.name()), Layout.namespaces());

    try (WriteSession session = git.writer().begin(intent(B))) {
      session.write(List.of(put(B, Flows.flow("dev", "b").yaml())));
      ObjectId theirs = repo.commit(Repos.MAIN).add("dev/flows/c.yaml", Flows.flow("dev", "c").yaml()).push();

      CommitResult result = session.commit();

      assertTrue(result.isRejected(), result.toString());
      assertTrue(result.rejection().orElseThrow().startsWith("push to main rejected:"), result.toString());
      assertEquals(Optional.of(theirs), repo.head(Repos.MAIN), "their commit stays");
      assertFalse(repo.files(Repos.MAIN).containsKey("dev/flows/b.yaml"));
    }
  }

  @Test
  void update_keepsTheExecutableBit_andDeletingTheLastFileRemovesTheFolder() {
    BareRepo repo = repos.bare("modes");
    repo.commit(Repos.MAIN)
        .addExecutable("_files/run.sh", "echo 1\n")
        .add("_files/sub/only.txt", "x\n")
        .push();
    GitSide git = Sides.open(daemon.url(repo.name()), Layout.files("dev"));
    InMemorySide kestra = InMemorySide.kestra().put(ResourceKey.namespaceFile("dev", "run.sh"), "echo 2\n");

    Sides.sync(git, kestra, Scope.namespace("dev", Set.of(ResourceKind.NAMESPACE_FILE)), Sides.policy(Side.KESTRA))
        .orThrow();

    assertEquals(Map.of("_files/run.sh", FileMode.EXECUTABLE_FILE), repo.entries(Repos.MAIN));
    assertEquals(Optional.of("echo 2\n"), repo.file(Repos.MAIN, "_files/run.sh"));
  }

  @Test
  void writes_copyEveryOtherEntryAsItIs_linksAndSubmodulesIncluded() {
    BareRepo child = repos.bare("child-of-copy");
    ObjectId pinned = child.commit(Repos.MAIN).add("x", "x\n").push();
    BareRepo repo = repos.bare("copy");
    repo.commit(Repos.MAIN)
        .symlink("dev/files/link", "../../etc/passwd")
        .gitlink("vendor/lib", pinned)
        .add("dev/flows/a.yaml", Flows.flow("dev", "a").yaml())
        .push();
    Map<String, FileMode> before = repo.entries(Repos.MAIN);
    GitSide git = Sides.open(daemon.url(repo.name()), Layout.namespaces());

    Sides.sync(git, InMemorySide.kestra().put(Flows.flow("dev", "a").resource()).put(Flows.flow("dev", "b").resource()),
        Scope.namespace("dev", FLOW), Sides.policy(Side.KESTRA)).orThrow();

    Map<String, FileMode> after = repo.entries(Repos.MAIN);
    assertEquals(FileMode.SYMLINK, after.get("dev/files/link"));
    assertEquals(FileMode.GITLINK, after.get("vendor/lib"));
    assertEquals(before.size() + 1, after.size());
  }

  @Test
  void commits_areValidGitObjects_inGitsTreeOrder_asCGitsFsckChecks() throws Exception {
    BareRepo repo = repos.bare("fsck");
    repo.commit(Repos.MAIN).add("_files/a/x.txt", "x\n").add("_files/a.txt", "a\n").push();
    GitSide git = Sides.open(daemon.url(repo.name()), Layout.files("dev"));
    InMemorySide kestra = InMemorySide.kestra();
    for (String path : List.of("a/x.txt", "a/y/z.txt", "a.txt", "a-b", "a0", "ab", "a.b/c", "A", "é.txt", "a b/c d")) {
      kestra.put(ResourceKey.namespaceFile("dev", path), path + "\n");
    }

    Sides.sync(git, kestra, Scope.namespace("dev", Set.of(ResourceKind.NAMESPACE_FILE)), Sides.policy(Side.KESTRA))
        .orThrow();
    kestra.remove(ResourceKey.namespaceFile("dev", "a/x.txt")).remove(ResourceKey.namespaceFile("dev", "a/y/z.txt"));
    Sides.sync(git, kestra, Scope.namespace("dev", Set.of(ResourceKind.NAMESPACE_FILE)), Sides.policy(Side.KESTRA))
        .orThrow();

    Process fsck = new ProcessBuilder("git", "fsck", "--strict", "--no-dangling").directory(repo.gitDir().toFile())
        .redirectErrorStream(true).start();
    String output = new String(fsck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(fsck.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, fsck.exitValue(), output);
    assertEquals(3, repo.log(Repos.MAIN).size());
    assertFalse(repo.files(Repos.MAIN).containsKey("_files/a/x.txt"));
    assertEquals(8, repo.files(Repos.MAIN).size());
  }

  @Test
  void commit_storesItsObjectsInOnePack_notAsLooseObjects() throws Exception {
    BareRepo repo = repos.bare("one-pack");
    repo.commit(Repos.MAIN).add("dev/flows/a.yaml", Flows.flow("dev", "a").yaml()).push();
    Path cache = shared.resolve("one-pack-cache");
    GitSide git = Sides.open(daemon.url(repo.name()), Layout.namespaces(), b -> b.cacheDirectory(cache));
    InMemorySide kestra = InMemorySide.kestra().put(Flows.flow("dev", "a").comment("changed").resource());
    for (int i = 0; i < 20; i++) {
      kestra.put(Flows.flow("dev", "f" + i).resource());
    }

    Sides.sync(git, kestra, Scope.namespace("dev", FLOW), Sides.policy(Side.KESTRA)).orThrow();

    assertEquals(21, repo.files(Repos.MAIN).size(), "a and f0..f19");
    try (Stream<Path> files = Files.walk(cache.resolve("objects"))) {
      List<String> loose = files.filter(Files::isRegularFile).map(p -> cache.relativize(p).toString())
          .filter(p -> p.matches("objects/[0-9a-f]{2}/[0-9a-f]{38}")).toList();
      assertEquals(List.of(), loose);
    }
  }
}
