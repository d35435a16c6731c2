package dev.driftless.git;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.credential.Secret;
import dev.driftless.git.layout.Layout;
import dev.driftless.git.servers.BareRepo;
import dev.driftless.git.servers.BasicCredentials;
import dev.driftless.git.servers.HttpBackendServer;
import dev.driftless.git.servers.JGitHttpServer;
import dev.driftless.git.servers.RawTree;
import dev.driftless.git.servers.Repos;
import dev.driftless.port.CommitResult;
import dev.driftless.port.SideUnavailableException;
import dev.driftless.port.Write;
import dev.driftless.port.WriteIntent;
import dev.driftless.port.WriteSession;
import dev.driftless.resource.Content;
import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import dev.driftless.snapshot.Baseline;
import dev.driftless.testkit.fixture.Flows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A two-way sync's baseline kept in the remote repository under a ref of its own, served by JGit's
 * servlet and by C git's {@code git http-backend}: it round-trips exactly, it lands with the
 * branch's commit in one atomic push or not at all, and it is compared and swapped like the branch.
 */
@Timeout(120)
class GitBaselineTest {

  private static final Layout LAYOUT = Layout.namespaces();
  private static final ResourceKey A = ResourceKey.flow("dev", "a");
  private static final ResourceKey B = ResourceKey.flow("dev", "b");

  @TempDir
  static Path shared;

  static Repos repos;
  static JGitHttpServer jgit;
  static HttpBackendServer cgit;

  @BeforeAll
  static void start() {
    repos = Repos.in(shared.resolve("served"));
    jgit = JGitHttpServer.http(repos.dir());
    cgit = HttpBackendServer.start(repos.dir());
  }

  @AfterAll
  static void stop() {
    jgit.close();
    cgit.close();
  }

  /** A server by name, with the URL of a repository and the credentials it takes. */
  record Server(String name, Function<String, String> url, BasicCredentials credentials) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Server> servers() {
    return Stream.of(new Server("JGit servlet", n -> jgit.url(n), jgit.credentials()),
        new Server("git http-backend", n -> cgit.url(n), cgit.credentials()));
  }

  private static GitSide side(Server server, BareRepo repo) {
    return Sides.open(GitRemote.builder().url(server.url().apply(repo.name())).username(server.credentials().user())
        .password(Secret.of(server.credentials().token())).build(), LAYOUT);
  }

  private static BareRepo seeded(Server server, String name) {
    BareRepo repo = repos.bare(name + "-" + (server.name().startsWith("JGit") ? "jgit" : "cgit"));
    repo.commit(Repos.MAIN).add("dev/flows/a.yaml", Flows.flow("dev", "a").yaml()).push();
    return repo;
  }

  private static WriteIntent intent(ResourceKey... keys) {
    return new WriteIntent("plan-" + keys.length, Set.of(keys), "Plan: settle.");
  }

  private static Write put(ResourceKey key, String text) {
    return new Write.Put(Resource.of(key, text));
  }

  /** Every kind, paths with folders and spaces, contents shared by two keys, a binary content. */
  private static Baseline everyKind() {
    Map<ResourceKey, Content> entries = new TreeMap<>();
    entries.put(A, Content.ofText(Flows.flow("dev", "a").yaml()));
    entries.put(ResourceKey.flow("dev.team", "b"), Content.ofText(Flows.flow("dev.team", "b").yaml()));
    entries.put(ResourceKey.namespaceFile("dev", "scripts/main.py"), Content.ofText("print('hi')\n"));
    entries.put(ResourceKey.namespaceFile("dev", "a folder/ü n.txt"), Content.ofText("print('hi')\n"));
    entries.put(ResourceKey.namespaceFile("dev", "data/blob.bin"), Content.of(new byte[] {0, 1, 2, (byte) 0xff}));
    entries.put(ResourceKey.namespaceFile("dev", "empty.txt"), Content.ofText(""));
    entries.put(ResourceKey.app("dev", "app1"), Content.ofText("id: app1\nnamespace: dev\n"));
    entries.put(ResourceKey.test("dev", "t1"), Content.ofText("id: t1\nnamespace: dev\n"));
    entries.put(ResourceKey.dashboard("overview"), Content.ofText("id: overview\n"));
    entries.put(ResourceKey.executionFile("outputs/run 1/result.csv"), Content.ofText("a,b\n"));
    return Baseline.of(entries);
  }

  private static void record(GitSide git, Baseline baseline) {
    try (WriteSession session = git.writer().begin(intent())) {
      session.baseline();
      session.stageBaseline(baseline);
      assertFalse(session.commit().isRejected());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void roundTrip_none_empty_andEveryKind_keepIdentity(Server server) {
    BareRepo repo = seeded(server, "round-trip");
    GitSide git = side(server, repo);
    String ref = git.settings().baselineRef();
    ObjectId head = repo.head(Repos.MAIN).orElseThrow();
    assertTrue(git.writer().keepsBaseline());

    assertEquals(Baseline.none(), git.baselines().read());
    try (WriteSession session = git.writer().begin(intent(A))) {
      assertEquals(Optional.of(Baseline.none()), session.baseline());
    }

    record(git, Baseline.of(Map.of()));
    Baseline empty = git.baselines().read();
    assertTrue(empty.isRecorded(), "a recorded empty baseline is not none");
    assertEquals(Baseline.of(Map.of()).identity(), empty.identity());
    ObjectId first = repo.ref(ref).orElseThrow();

    Baseline all = everyKind();
    record(git, all);
    Baseline read = git.baselines().read();
    assertEquals(all, read);
    assertEquals(all.identity(), read.identity());
    try (WriteSession session = git.writer().begin(intent(A))) {
      assertEquals(Optional.of(read), session.baseline());
    }

    assertEquals(Optional.of(head), repo.head(Repos.MAIN), "recording baselines never moves the branch");
    List<RevCommit> history = repo.log(ref);
    assertEquals(2, history.size(), "the ref keeps its history");
    assertEquals(first, history.get(1).getId());
    String message = history.get(0).getFullMessage();
    assertTrue(message.contains("10 resources") && message.contains("'main'") && message.contains("plan-0"), message);
    Map<String, String> files = repo.files(ref);
    assertEquals(10, files.size(), "the manifest and each of the 9 distinct contents once: " + files.keySet());
    assertTrue(files.containsKey("baseline.tsv"), files.keySet().toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void aCacheDirectory_keepsFetchedBaselines_andReadsTheNewOne(Server server) {
    BareRepo repo = seeded(server, "cached");
    Path cache = shared.resolve("cache-" + repo.name());
    GitSide git = GitSide.open(GitSettings.builder().remote(GitRemote.builder().url(server.url().apply(repo.name()))
        .username(server.credentials().user()).password(Secret.of(server.credentials().token())).build())
        .layout(LAYOUT).cacheDirectory(cache).build());
    assertEquals(Baseline.none(), git.baselines().read());
    Baseline first = Baseline.of(Map.of(A, Content.ofText("one\n")));
    record(git, first);
    assertEquals(first, git.baselines().read());
    Baseline second = Baseline.of(Map.of(A, Content.ofText("two\n"), B, Content.ofText("one\n")));
    record(git, second);
    assertEquals(second, git.baselines().read());
    try (WriteSession session = git.writer().begin(intent(A))) {
      assertEquals(Optional.of(second), session.baseline());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void commit_withWritesAndBaseline_landsBothInOnePush(Server server) {
    BareRepo repo = seeded(server, "both");
    GitSide git = side(server, repo);
    String ref = git.settings().baselineRef();
    ObjectId head = repo.head(Repos.MAIN).orElseThrow();
    Baseline next = Baseline.of(Map.of(B, Content.ofText(Flows.flow("dev", "b").yaml())));

    CommitResult result;
    try (WriteSession session = git.writer().begin(intent(B))) {
      assertEquals(Optional.of(Baseline.none()), session.baseline());
      session.write(List.of(put(B, Flows.flow("dev", "b").yaml())));
      session.stageBaseline(next);
      result = session.commit();
    }

    assertTrue(result.commit().isPresent(), result.toString());
    RevCommit commit = repo.log(Repos.MAIN).get(0);
    assertEquals(result.commit().get().id(), commit.getName());
    assertEquals(head, commit.getParent(0).getId());
    assertTrue(repo.files(Repos.MAIN).containsKey("dev/flows/b.yaml"));
    assertTrue(repo.ref(ref).isPresent());
    assertEquals(next, git.baselines().read());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void commit_withOnlyABaseline_movesOnlyTheBaselineRef(Server server) {
    BareRepo repo = seeded(server, "baseline-only");
    GitSide git = side(server, repo);
    ObjectId head = repo.head(Repos.MAIN).orElseThrow();
    Baseline next = Baseline.of(Map.of(A, Content.ofText(Flows.flow("dev", "a").yaml())));

    try (WriteSession session = git.writer().begin(intent())) {
      session.stageBaseline(next);
      assertEquals(CommitResult.none(), session.commit(), "no commit on the branch");
    }
    assertEquals(Optional.of(head), repo.head(Repos.MAIN));
    assertEquals(next, git.baselines().read());

    // Writes that change nothing: still only the baseline moves.
    Baseline again = Baseline.of(Map.of());
    try (WriteSession session = git.writer().begin(intent(A))) {
      session.write(List.of(put(A, Flows.flow("dev", "a").yaml())));
      session.stageBaseline(again);
      assertEquals(CommitResult.none(), session.commit());
    }
    assertEquals(Optional.of(head), repo.head(Repos.MAIN));
    assertEquals(again, git.baselines().read());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void commit_isRejected_whenTheBaselineMoved_andNeitherRefMoves(Server server) {
    BareRepo repo = seeded(server, "baseline-moved");
    GitSide git = side(server, repo);
    String ref = git.settings().baselineRef();
    record(git, Baseline.of(Map.of()));
    ObjectId head = repo.head(Repos.MAIN).orElseThrow();

    CommitResult result;
    try (WriteSession session = git.writer().begin(intent(B))) {
      session.baseline();
      session.write(List.of(put(B, Flows.flow("dev", "b").yaml())));
      session.stageBaseline(Baseline.of(Map.of(B, Content.ofText(Flows.flow("dev", "b").yaml()))));
      record(git, Baseline.of(Map.of(A, Content.ofText("other\n"))));
      ObjectId other = repo.ref(ref).orElseThrow();
      result = session.commit();
      assertEquals(Optional.of(other), repo.ref(ref), "the other writer's baseline stays");
    }

    assertTrue(result.isRejected(), result.toString());
    String why = result.rejection().get();
    assertTrue(why.contains("the baseline ref " + ref) && why.contains("moved"), why);
    assertFalse(why.contains("branch 'main' (it was"), "only the baseline moved: " + why);
    assertEquals(Optional.of(head), repo.head(Repos.MAIN), "the branch did not move");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void commit_isRejected_whenTheBranchMoved_andTheBaselineDoesNotMove(Server server) {
    BareRepo repo = seeded(server, "branch-moved");
    GitSide git = side(server, repo);
    String ref = git.settings().baselineRef();
    record(git, Baseline.of(Map.of()));
    ObjectId baseline = repo.ref(ref).orElseThrow();

    CommitResult result;
    ObjectId moved;
    try (WriteSession session = git.writer().begin(intent(B))) {
      session.baseline();
      session.write(List.of(put(B, Flows.flow("dev", "b").yaml())));
      session.stageBaseline(Baseline.of(Map.of(B, Content.ofText(Flows.flow("dev", "b").yaml()))));
      moved = repo.commit(Repos.MAIN).add("README.md", "meanwhile\n").push();
      result = session.commit();
    }

    assertTrue(result.isRejected(), result.toString());
    String why = result.rejection().get();
    assertTrue(why.contains("branch 'main'") && why.contains("moved"), why);
    assertEquals(Optional.of(moved), repo.head(Repos.MAIN));
    assertEquals(Optional.of(baseline), repo.ref(ref), "the baseline did not move");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void racingSessions_fromTheSameStart_oneLandsBoth_theOtherNothing(Server server) throws Exception {
    BareRepo repo = seeded(server, "race");
    GitSide git = side(server, repo);
    String ref = git.settings().baselineRef();
    record(git, Baseline.of(Map.of()));
    ObjectId head = repo.head(Repos.MAIN).orElseThrow();
    ObjectId baseline = repo.ref(ref).orElseThrow();
    int writers = 2;
    CyclicBarrier ready = new CyclicBarrier(writers);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<Baseline> staged = new ArrayList<>();
    try {
      List<Future<CommitResult>> runs = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        ResourceKey key = ResourceKey.flow("dev", "w" + i);
        Baseline next = Baseline.of(Map.of(key, Content.ofText(Flows.flow("dev", "w" + i).yaml())));
        staged.add(next);
        runs.add(pool.submit(() -> {
          try (WriteSession session = git.writer().begin(intent(key))) {
            session.baseline();
            session.write(List.of(put(key, Flows.flow("dev", key.name()).yaml())));
            session.stageBaseline(next);
            ready.await(30, TimeUnit.SECONDS);
            return session.commit();
          }
        }));
      }
      List<CommitResult> results = new ArrayList<>();
      for (Future<CommitResult> run : runs) {
        results.add(run.get(90, TimeUnit.SECONDS));
      }
      assertEquals(1, results.stream().filter(r -> r.commit().isPresent()).count(), results.toString());
      assertEquals(1, results.stream().filter(CommitResult::isRejected).count(), results.toString());
      int winner = results.get(0).commit().isPresent() ? 0 : 1;
      List<RevCommit> log = repo.log(Repos.MAIN);
      assertEquals(results.get(winner).commit().get().id(), log.get(0).getName());
      assertEquals(head, log.get(0).getParent(0).getId(), "exactly one commit landed");
      assertEquals(staged.get(winner), git.baselines().read(), "the winner's baseline, and only it");
      List<RevCommit> baselines = repo.log(ref);
      assertEquals(2, baselines.size());
      assertEquals(baseline, baselines.get(1).getId(), "exactly one baseline landed");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void withoutAtomicPushes_theBranchGoesFirst_thenTheBaseline() throws IOException {
    Server server = servers().filter(s -> s.name().startsWith("git ")).findFirst().orElseThrow();
    BareRepo repo = seeded(server, "no-atomic").configure("receive", "advertiseAtomic", "false");
    GitSide git = side(server, repo);
    String ref = git.settings().baselineRef();
    Baseline next = Baseline.of(Map.of(B, Content.ofText(Flows.flow("dev", "b").yaml())));

    try (WriteSession session = git.writer().begin(intent(B))) {
      session.baseline();
      session.write(List.of(put(B, Flows.flow("dev", "b").yaml())));
      session.stageBaseline(next);
      CommitResult result = session.commit();
      assertTrue(result.commit().isPresent(), result.toString());
    }
    assertTrue(repo.files(Repos.MAIN).containsKey("dev/flows/b.yaml"));
    assertEquals(next, git.baselines().read());

    // The branch moved: nothing lands, the baseline is not pushed alone.
    ObjectId baseline = repo.ref(ref).orElseThrow();
    try (WriteSession session = git.writer().begin(intent(A))) {
      session.baseline();
      session.write(List.of(put(A, "id: a\nnamespace: dev\n# changed\n")));
      session.stageBaseline(Baseline.of(Map.of()));
      ObjectId moved = repo.commit(Repos.MAIN).add("README.md", "meanwhile\n").push();
      CommitResult result = session.commit();
      assertTrue(result.isRejected(), result.toString());
      assertEquals(Optional.of(moved), repo.head(Repos.MAIN));
    }
    assertEquals(Optional.of(baseline), repo.ref(ref));

    // The baseline moved before the push: both refs are checked before anything is sent, nothing lands.
    ObjectId head = repo.head(Repos.MAIN).orElseThrow();
    try (WriteSession session = git.writer().begin(intent(A))) {
      session.baseline();
      session.write(List.of(put(A, "id: a\nnamespace: dev\n# changed again\n")));
      session.stageBaseline(Baseline.of(Map.of()));
      record(git, Baseline.of(Map.of(A, Content.ofText("other\n"))));
      CommitResult result = session.commit();
      assertTrue(result.isRejected(), result.toString());
    }
    assertEquals(Optional.of(head), repo.head(Repos.MAIN));

    // The baseline moves between the two pushes (a hook moves it when the branch lands): the commit
    // stands, the other writer's baseline stays.
    ObjectId other = repo.ref(ref).orElseThrow();
    hookMovingAfterTheBranch(repo, ref);
    try (WriteSession session = git.writer().begin(intent(A))) {
      session.baseline();
      session.write(List.of(put(A, "id: a\nnamespace: dev\n# changed once more\n")));
      session.stageBaseline(Baseline.of(Map.of()));
      CommitResult result = session.commit();
      assertTrue(result.commit().isPresent(), result.toString());
      assertEquals(result.commit().get().id(), repo.head(Repos.MAIN).orElseThrow().getName());
    }
    List<RevCommit> baselines = repo.log(ref);
    assertEquals(other, baselines.get(1).getId(), "the hook's baseline commit, on the one before");
    assertTrue(baselines.get(0).getFullMessage().startsWith("moved by another writer"),
        baselines.get(0).getFullMessage());
  }

  /** A post-receive hook that, when the branch lands, moves the baseline ref to a new commit of the same tree. */
  private static void hookMovingAfterTheBranch(BareRepo repo, String ref) throws IOException {
    Path hook = repo.gitDir().resolve("hooks").resolve("post-receive");
    Files.createDirectories(hook.getParent());
    Files.writeString(hook, "#!/bin/sh\n"
        + "export GIT_AUTHOR_NAME=other GIT_AUTHOR_EMAIL=other@driftless.invalid\n"
        + "export GIT_COMMITTER_NAME=other GIT_COMMITTER_EMAIL=other@driftless.invalid\n"
        + "while read old new name; do\n"
        + "  if [ \"$name\" = refs/heads/main ]; then\n"
        + "    moved=$(git commit-tree \"" + ref + "^{tree}\" -p \"" + ref + "\" -m 'moved by another writer')\n"
        + "    git update-ref \"" + ref + "\" \"$moved\"\n"
        + "  fi\n"
        + "done\n", UTF_8);
    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void anUnreadableBaseline_failsNamingTheRef_neverReadsAsNone(Server server) {
    BareRepo repo = seeded(server, "corrupt");
    GitSide git = side(server, repo);
    String ref = git.settings().baselineRef();
    byte[] text = "hello\n".getBytes(UTF_8);
    String blob = new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, text).name();
    String header = "driftless-baseline\t1\n";
    Map<String, RawTree> cases = new TreeMap<>();
    cases.put("garbage", RawTree.of().file("baseline.tsv", "{\"not\": \"this format\"}\n"));
    cases.put("no manifest", RawTree.of().file("README", "x\n"));
    cases.put("unknown kind", RawTree.of().file("baseline.tsv", header + "widget\tdev\ta\t" + blob + "\n")
        .folder("contents", RawTree.of().file(blob, "hello\n")));
    cases.put("invalid key", RawTree.of().file("baseline.tsv", header + "flow\tdev\t../a\t" + blob + "\n")
        .folder("contents", RawTree.of().file(blob, "hello\n")));
    cases.put("missing blob", RawTree.of().file("baseline.tsv", header + "flow\tdev\ta\t" + blob + "\n"));
    cases.put("twice", RawTree.of().file("baseline.tsv", header + "flow\tdev\ta\t" + blob + "\nflow\tdev\ta\t"
        + blob + "\n").folder("contents", RawTree.of().file(blob, "hello\n")));
    for (Map.Entry<String, RawTree> c : cases.entrySet()) {
      repo.commitTreeAt(ref, c.getValue(), c.getKey());
      SideUnavailableException e = assertThrows(SideUnavailableException.class, () -> git.baselines().read(),
          c.getKey());
      assertTrue(e.getMessage().contains("the baseline at " + ref + " of ") && e.getMessage().contains("cannot be read"),
          c.getKey() + ": " + e.getMessage());
      try (WriteSession session = git.writer().begin(intent(A))) {
        SideUnavailableException inSession = assertThrows(SideUnavailableException.class, session::baseline);
        assertEquals(e.getMessage(), inSession.getMessage());
      }
    }
    // A well-formed one after all of them reads.
    repo.commitTreeAt(ref, RawTree.of().file("baseline.tsv", header + "flow\tdev\ta\t" + blob + "\n")
        .folder("contents", RawTree.of().file(blob, "hello\n")), "fixed");
    assertEquals(Baseline.of(Map.of(A, Content.of(text))), git.baselines().read());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void oneWaySessions_neverTouchTheBaselineRef(Server server) {
    BareRepo repo = seeded(server, "one-way");
    GitSide git = side(server, repo);
    try (WriteSession session = git.writer().begin(intent(B))) {
      session.write(List.of(put(B, Flows.flow("dev", "b").yaml())));
      assertTrue(session.commit().commit().isPresent());
    }
    assertEquals(Optional.empty(), repo.ref(git.settings().baselineRef()));
    assertTrue(repo.files(Repos.MAIN).containsKey("dev/flows/b.yaml"));
  }

  @Test
  void stagingMisuse_isRefusedEarly() {
    Server server = servers().findFirst().orElseThrow();
    BareRepo repo = seeded(server, "misuse");
    GitSide git = side(server, repo);
    try (WriteSession session = git.writer().begin(intent())) {
      assertThrows(IllegalArgumentException.class, () -> session.stageBaseline(Baseline.none()));
      session.stageBaseline(Baseline.of(Map.of()));
      assertThrows(IllegalStateException.class, () -> session.stageBaseline(Baseline.of(Map.of())));
      session.commit();
      assertThrows(IllegalStateException.class, () -> session.stageBaseline(Baseline.of(Map.of())));
    }
  }

  @Test
  void theServers_advertiseAtomicPushes_unlessTold() {
    // What the tests above exercise: the atomic push on both servers, the fallback where it is off.
    for (Server server : servers().toList()) {
      assertTrue(advertisesAtomic(server, seeded(server, "probe")), server.name());
    }
    Server cgitServer = servers().filter(s -> s.name().startsWith("git ")).findFirst().orElseThrow();
    assertFalse(advertisesAtomic(cgitServer, seeded(cgitServer, "probe-off")
        .configure("receive", "advertiseAtomic", "false")));
  }

  /** Whether an atomic push of two new refs goes through (the repository pushes to itself). */
  private static boolean advertisesAtomic(Server server, BareRepo repo) {
    try (Repository local = repo.open();
        Transport transport = Transport.open(local, new URIish(server.url().apply(repo.name())))) {
      transport.setCredentialsProvider(server.credentials().provider());
      transport.setPushAtomic(true);
      List<RemoteRefUpdate> updates = List.of(
          new RemoteRefUpdate(local, Constants.R_HEADS + Repos.MAIN, "refs/probe/one", false, null, null),
          new RemoteRefUpdate(local, Constants.R_HEADS + Repos.MAIN, "refs/probe/two", false, null, null));
      transport.push(NullProgressMonitor.INSTANCE, updates);
      return true;
    } catch (TransportException e) {
      if (e.getMessage().contains("Atomic push not supported")) {
        return false;
      }
      throw new IllegalStateException(e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
