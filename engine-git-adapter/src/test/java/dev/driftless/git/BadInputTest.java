package dev.driftless.git;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.credential.Secret;
import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.git.layout.Layout;
import dev.driftless.git.servers.BareRepo;
import dev.driftless.git.servers.GitDaemonServer;
import dev.driftless.git.servers.HttpBackendServer;
import dev.driftless.git.servers.RawTree;
import dev.driftless.git.servers.Repos;
import dev.driftless.git.servers.SshGitServer;
import dev.driftless.plan.Action;
import dev.driftless.plan.Plan;
import dev.driftless.port.AccessDeniedException;
import dev.driftless.port.CommitResult;
import dev.driftless.port.SourceNotFoundException;
import dev.driftless.port.Write;
import dev.driftless.port.WriteIntent;
import dev.driftless.port.WriteResult;
import dev.driftless.port.WriteSession;
import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.snapshot.SnapshotEntry;
import dev.driftless.testkit.fake.InMemorySide;
import dev.driftless.testkit.fixture.Flows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input gives a clear error or diagnostic naming the thing, and nothing is written:
 * a missing branch or directory, a symbolic link, a submodule, a path with {@code ..}, a name that
 * is not UTF-8, a file over the size limit, wrong credentials, an unknown host key.
 */
@Timeout(60)
class BadInputTest {

  private static final Scope DEV_FILES = Scope.namespace("dev", Set.of(ResourceKind.NAMESPACE_FILE));
  private static final Scope DEV_ALL = Scope.namespace("dev", Sides.NAMESPACE_KINDS);

  @TempDir
  static Path shared;

  static Repos repos;
  static GitDaemonServer daemon;
  static HttpBackendServer http;
  static SshGitServer ssh;

  @BeforeAll
  static void start() {
    repos = Repos.in(shared.resolve("served"));
    daemon = GitDaemonServer.start(repos.dir());
    http = HttpBackendServer.start(repos.dir());
    ssh = SshGitServer.start(repos.dir(), shared.resolve("ssh"));
  }

  @AfterAll
  static void stop() {
    daemon.close();
    http.close();
    ssh.close();
  }

  private static BareRepo repo(String name) {
    BareRepo repo = repos.bare(name);
    repo.commit(Repos.MAIN).add("dev/flows/a.yaml", Flows.flow("dev", "a").yaml()).add("_flows/x.yml",
        Flows.flow("company", "x").yaml()).push();
    return repo;
  }

  /** Asserts a diagnostic about the file at {@code path} says {@code text}. */
  private static void assertDiagnostic(Snapshot snapshot, String path, String text) {
    assertTrue(snapshot.diagnostics().stream().anyMatch(d -> d.file().equals(Optional.of(path))
        && d.message().contains(text)), () -> "no diagnostic on " + path + " saying '" + text + "' in\n" + render(snapshot));
  }

  private static String render(Snapshot snapshot) {
    return snapshot.diagnostics().stream().map(Diagnostic::render).reduce("", (a, b) -> a + b + "\n");
  }

  @Test
  void missingBranch_isAnError_namingTheBranchAndTheRemote() {
    BareRepo repo = repo("missing-branch");
    GitSide git = Sides.open(daemon.url(repo.name()), Layout.namespaces(), b -> b.branch("mian"));

    SourceNotFoundException e = assertThrows(SourceNotFoundException.class, () -> git.reader().read(DEV_ALL));

    assertTrue(e.getMessage().contains("branch 'mian' does not exist in " + daemon.url(repo.name())), e.getMessage());
    assertEquals(List.of(Repos.MAIN), repo.branches(), "nothing was written");
  }

  @Test
  void missingBranch_inAnEmptyRepository_isAnError_too() {
    BareRepo repo = repos.bare("empty");
    GitSide git = Sides.open(daemon.url(repo.name()), Layout.namespaces());

    SourceNotFoundException e = assertThrows(SourceNotFoundException.class, () -> git.reader().read(DEV_ALL));
    assertTrue(e.getMessage().contains("branch 'main' does not exist"), e.getMessage());
  }

  @Test
  void missingDirectory_isAnError_namingTheDirectoryBranchAndRemote() {
    BareRepo repo = repo("missing-directory");
    GitSide git = Sides.open(daemon.url(repo.name()), Layout.flows("_flwos", "company"));

    SourceNotFoundException e = assertThrows(SourceNotFoundException.class,
        () -> git.reader().read(Scope.namespace("company", Set.of(ResourceKind.FLOW))));

    assertTrue(e.getMessage().contains("directory '_flwos' does not exist on branch 'main' of "
        + daemon.url(repo.name())), e.getMessage());
  }

  @Test
  void missingBranchOrDirectory_readsAsEmpty_onlyWhenAskedTo_andSaysSo() {
    BareRepo repo = repo("missing-as-empty");
    GitSide branch = Sides.open(daemon.url(repo.name()), Layout.namespaces(), b -> b.branch("new").readMissingAsEmpty(true));
    GitSide directory = Sides.open(daemon.url(repo.name()), Layout.flows("_nothing", "company"),
        b -> b.readMissingAsEmpty(true));

    Snapshot noBranch = branch.reader().read(DEV_ALL);
    Snapshot noDirectory = directory.reader().read(Scope.namespace("company", Set.of(ResourceKind.FLOW)));

    assertEquals("absent:new@" + repo.head(Repos.MAIN).orElseThrow().name(), noBranch.identity());
    assertTrue(render(noBranch).contains("branch 'new' does not exist"), render(noBranch));
    assertTrue(render(noBranch).contains("read from branch 'main', where the new branch 'new' starts"),
        render(noBranch));
    assertEquals(List.of(ResourceKey.flow("dev", "a")), noBranch.entries().stream()
        .flatMap(e -> e.key().stream()).toList(), "what the new branch will start with");
    assertEquals(List.of(), noDirectory.entries());
    assertTrue(render(noDirectory).contains("directory '_nothing' does not exist"), render(noDirectory));
  }

  @Test
  void directoryThatIsAFile_isAnError() {
    BareRepo repo = repos.bare("directory-is-a-file");
    repo.commit(Repos.MAIN).add("_flows", "not a folder\n").push();

    SourceNotFoundException e = assertThrows(SourceNotFoundException.class, () -> Sides.open(daemon.url(repo.name()),
        Layout.flows("company")).reader().read(Scope.namespace("company", Set.of(ResourceKind.FLOW))));
    assertTrue(e.getMessage().contains("directory '_flows' is not a folder"), e.getMessage());
  }

  @Test
  void symlink_isNeverFollowed_blocksItsKey_andHoldsBackDeletions() {
    BareRepo repo = repos.bare("symlink");
    ObjectId head = repo.commit(Repos.MAIN)
        .symlink("dev/flows/a.yaml", "/etc/passwd")
        .add("dev/flows/b.yaml", Flows.flow("dev", "b").yaml())
        .push();
    GitSide git = Sides.open(daemon.url(repo.name()), Layout.namespaces());
    Scope flows = Scope.namespace("dev", Set.of(ResourceKind.FLOW));

    Snapshot snapshot = git.reader().read(flows);

    SnapshotEntry.Unreadable link = snapshot.entries().stream().flatMap(e -> e.unreadable().stream()).findFirst()
        .orElseThrow();
    assertEquals(Optional.of(ResourceKey.flow("dev", "a")), link.key());
    assertEquals(Optional.of("dev/flows/a.yaml"), link.origin());
    assertDiagnostic(snapshot, "dev/flows/a.yaml", "is a symbolic link, which Driftless never follows");

    InMemorySide kestra = InMemorySide.kestra().put(Flows.flow("dev", "a").resource())
        .put(Flows.flow("dev", "zombie").resource());
    Plan fromGit = Sides.plan(git, kestra, flows, Sides.policy(Side.GIT));
    assertTrue(fromGit.changes().stream().noneMatch(c -> c.action() == Action.DELETE), "an unreadable entry deletes nothing");
    Plan toGit = Sides.plan(git, kestra, flows, Sides.policy(Side.KESTRA));
    assertTrue(toGit.changes().stream().filter(c -> c.key().name().equals("a"))
        .allMatch(c -> c.action() == Action.BLOCKED), toGit.changes().toString());

    try (WriteSession session = git.writer().begin(new WriteIntent("p", Set.of(ResourceKey.flow("dev", "a")), "s"))) {
      WriteResult refused = session.write(List.of(new Write.Put(Flows.flow("dev", "a").resource()))).get(0);
      assertTrue(refused.failure().orElseThrow().contains("dev/flows/a.yaml cannot be read (is a symbolic link"),
          refused.toString());
      assertEquals(CommitResult.none(), session.commit());
    }
    assertEquals(Optional.of(head), repo.head(Repos.MAIN), "nothing was written");
  }

  @Test
  void submodule_isNeverFollowed_andBlocksDeletionsOfItsArea() {
    BareRepo library = repos.bare("library");
    ObjectId pinned = library.commit(Repos.MAIN).add("lib.py", "x = 1\n").push();
    BareRepo repo = repos.bare("submodule");
    ObjectId head = repo.commit(Repos.MAIN)
        .submodule("dev/files/vendor", daemon.url("library"), pinned)
        .add("dev/files/main.py", "print(1)\n")
        .push();
    GitSide git = Sides.open(daemon.url(repo.name()), Layout.namespaces());

    Snapshot snapshot = git.reader().read(DEV_FILES);

    assertDiagnostic(snapshot, "dev/files/vendor", "is a submodule, which Driftless never follows");
    assertTrue(snapshot.entries().stream().anyMatch(e -> e.unreadable().isPresent()
        && e.key().equals(Optional.of(ResourceKey.namespaceFile("dev", "vendor")))), snapshot.entries().toString());
    InMemorySide kestra = InMemorySide.kestra().put(ResourceKey.namespaceFile("dev", "vendor/lib.py"), "x = 1\n");
    Plan plan = Sides.plan(git, kestra, DEV_FILES, Sides.policy(Side.GIT));
    assertTrue(plan.changes().stream().noneMatch(c -> c.action() == Action.DELETE), plan.changes().toString());
    assertEquals(Optional.of(head), repo.head(Repos.MAIN));
  }

  @Test
  void pathWithDotDot_isReported_andBlocksItsArea_neverRead() {
    BareRepo repo = repos.bare("dot-dot");
    ObjectId head = repo.commitTree(Repos.MAIN, RawTree.of()
        .folder("dev", RawTree.of()
            .folder("files", RawTree.of()
                .file("..", "escape attempt\n")
                .folder("..", RawTree.of().file("passwd", "root:x:0:0\n"))
                .file("ok.txt", "fine\n"))), "Crafted tree");
    GitSide git = Sides.open(daemon.url(repo.name()), Layout.namespaces());

    Snapshot snapshot = git.reader().read(DEV_FILES);

    assertDiagnostic(snapshot, "dev/files/..", "is a file whose name is '..', which steps out of its folder");
    assertDiagnostic(snapshot, "dev/files/..", "is a folder whose name is '..'");
    assertEquals(Set.of(ResourceKey.namespaceFile("dev", "ok.txt")),
        Set.copyOf(snapshot.resources().stream().map(Resource::key).toList()));
    assertTrue(snapshot.entries().stream().filter(e -> e.unreadable().isPresent())
        .allMatch(e -> e.kind() == ResourceKind.NAMESPACE_FILE && e.namespace().equals("dev") && e.key().isEmpty()));
    assertTrue(snapshot.resources().stream().noneMatch(r -> r.content().text().orElse("").contains("root:")));
    Plan plan = Sides.plan(git, InMemorySide.kestra().put(ResourceKey.namespaceFile("dev", "other.txt"), "x"),
        DEV_FILES, Sides.policy(Side.GIT));
    assertTrue(plan.changes().stream().noneMatch(c -> c.action() == Action.DELETE), plan.changes().toString());
    assertEquals(Optional.of(head), repo.head(Repos.MAIN));
  }

  @Test
  void nonUtf8Name_isReported_withItsBytes_andBlocksItsArea() {
    BareRepo repo = repos.bare("latin1");
    repo.commit(Repos.MAIN)
        .addRawPath("dev/files/caf\u00e9.txt".getBytes(ISO_8859_1), "bonjour\n")
        .add("dev/files/ok.txt", "fine\n")
        .push();
    GitSide git = Sides.open(daemon.url(repo.name()), Layout.namespaces());

    Snapshot snapshot = git.reader().read(DEV_FILES);

    assertDiagnostic(snapshot, "dev/files/caf\\xE9.txt", "is a file whose name is not valid UTF-8");
    assertEquals(1, snapshot.resources().size());
    assertTrue(snapshot.entries().stream().anyMatch(e -> e.unreadable().isPresent() && e.namespace().equals("dev")
        && e.kind() == ResourceKind.NAMESPACE_FILE));
  }

  @Test
  void fileOverTheSizeLimit_isReported_neverRead() {
    BareRepo repo = repos.bare("too-big");
    repo.commit(Repos.MAIN)
        .add("dev/files/big.bin", new byte[2048])
        .add("dev/flows/huge.yaml", "id: huge\nnamespace: dev\n# " + "x".repeat(2000) + "\n")
        .push();
    GitSide git = Sides.open(daemon.url(repo.name()), Layout.namespaces(), b -> b.maxFileBytes(1024));

    Snapshot snapshot = git.reader().read(DEV_ALL);

    assertTrue(snapshot.resources().isEmpty());
    assertDiagnostic(snapshot, "dev/files/big.bin", "is 2048 bytes, more than the size limit of 1024 bytes");
    assertEquals(Set.of(ResourceKey.namespaceFile("dev", "big.bin"), ResourceKey.flow("dev", "huge")),
        Set.copyOf(snapshot.entries().stream().map(e -> e.key().orElseThrow()).toList()));
  }

  @Test
  void wrongCredentials_areRefused_namingTheRemote_neverTheToken() {
    BareRepo repo = repo("private");
    ObjectId head = repo.head(Repos.MAIN).orElseThrow();
    String wrongToken = http.credentials().withWrongToken().token();
    GitSide git = Sides.open(GitRemote.builder().url(http.url(repo.name())).username(http.credentials().user())
        .password(Secret.of(wrongToken)).build(), Layout.namespaces());

    AccessDeniedException read = assertThrows(AccessDeniedException.class, () -> git.reader().read(DEV_ALL));
    AccessDeniedException write = assertThrows(AccessDeniedException.class,
        () -> git.writer().begin(new WriteIntent("p", Set.of(ResourceKey.flow("dev", "b")), "s")));

    for (AccessDeniedException e : List.of(read, write)) {
      assertTrue(e.getMessage().contains(http.url(repo.name())), e.getMessage());
      assertTrue(e.getMessage().contains("refused the credentials"), e.getMessage());
      assertFalse(e.getMessage().contains(wrongToken), e.getMessage());
    }
    assertEquals(Optional.of(head), repo.head(Repos.MAIN));
  }

  @Test
  void unknownHostKey_isRefused_namingTheHostAndTheKeyOffered() throws Exception {
    BareRepo repo = repo("unknown-host");
    Path empty = Files.writeString(shared.resolve("empty_known_hosts"), "# nothing\n", UTF_8);
    GitSide git = Sides.open(GitRemote.builder().url(ssh.url(repo.name()))
        .privateKeyFile(ssh.clientKeys().openSsh()).hostKeys(HostKeys.knownHosts(empty)).build(), Layout.namespaces());

    AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> git.reader().read(DEV_ALL));

    assertTrue(e.getMessage().contains("the SSH host key of [127.0.0.1]:" + ssh.port() + " is not trusted"), e.getMessage());
    assertTrue(e.getMessage().contains("ecdsa-sha2-nistp256 SHA256:"), e.getMessage());
    assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
  }

  @Test
  void changedHostKey_isRefused_evenWithAKnownHostsEntry() {
    BareRepo repo = repo("changed-host");
    GitSide git = Sides.open(GitRemote.builder().url(ssh.url(repo.name()))
        .privateKeyFile(ssh.clientKeys().openSsh()).hostKeys(HostKeys.knownHostsText(ssh.knownHostsLineWithOtherKey()))
        .build(), Layout.namespaces());

    AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> git.reader().read(DEV_ALL));
    assertTrue(e.getMessage().contains("is not listed for this host in the known_hosts text"), e.getMessage());
  }

  @Test
  void wrongPassphrase_orMissingOne_isSaidAtOpen() {
    GitRemote.Builder remote = GitRemote.builder().url(ssh.url("any")).privateKeyFile(ssh.clientKeys().openSshWithPassphrase())
        .hostKeys(HostKeys.knownHostsText(ssh.knownHostsLine()));

    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> Sides.open(remote.build(), Layout.namespaces()));
    IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
        () -> Sides.open(GitRemote.builder().url(ssh.url("any")).privateKeyFile(ssh.clientKeys().openSshWithPassphrase())
            .passphrase(Secret.of("not-it")).hostKeys(HostKeys.knownHostsText(ssh.knownHostsLine())).build(),
            Layout.namespaces()));

    assertTrue(missing.getMessage().contains("is encrypted: give its passphrase"), missing.getMessage());
    assertTrue(wrong.getMessage().contains("the passphrase is wrong"), wrong.getMessage());
    assertFalse(wrong.getMessage().contains("not-it"), wrong.getMessage());
  }
}
