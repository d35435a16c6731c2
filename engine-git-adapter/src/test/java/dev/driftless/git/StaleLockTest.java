package dev.driftless.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.apply.ApplyResult;
import dev.driftless.apply.Outcome;
import dev.driftless.git.layout.Layout;
import dev.driftless.git.servers.BareRepo;
import dev.driftless.git.servers.GitDaemonServer;
import dev.driftless.git.servers.Repos;
import dev.driftless.port.SideUnavailableException;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.testkit.fake.InMemorySide;
import dev.driftless.testkit.fixture.Flows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a crash: a process killed while it moved a branch leaves {@code refs/heads/main.lock}, and
 * every later push fails. The error names the lock file, says since when it is there, why it may
 * be there and what to do; the lock is never removed by Driftless. Stale locks in the adapter's own
 * cache repository do not stop it, and stay where they are.
 */
@Timeout(60)
class StaleLockTest {

  private static final Scope DEV = Scope.namespace("dev", Set.of(ResourceKind.FLOW));
  /** When the crashed process took its lock: a time the message must repeat. */
  private static final Instant CRASH = Instant.parse("2026-11-30T08:15:30Z");

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

  private static BareRepo seeded(String name) {
    BareRepo repo = repos.bare(name);
    repo.commit(Repos.MAIN).add("dev/flows/a.yaml", Flows.flow("dev", "a").yaml()).push();
    return repo;
  }

  private static Path staleLock(Path dir, String name) throws IOException {
    Path lock = dir.resolve(name);
    Files.createDirectories(lock.getParent());
    Files.writeString(lock, "");
    Files.setLastModifiedTime(lock, FileTime.from(CRASH));
    return lock;
  }

  /** Kestra as the source, one flow to create in Git: the push moves the branch. */
  private static ApplyResult createOneFlow(GitSide git) {
    InMemorySide kestra = InMemorySide.kestra().put(Flows.flow("dev", "a").resource())
        .put(Flows.flow("dev", "b").resource());
    return Sides.sync(git, kestra, DEV, Sides.policy(Side.KESTRA));
  }

  private static String failure(ApplyResult result) {
    return result.withOutcome(Outcome.FAILED).stream().map(r -> r.cause().orElse("")).findFirst()
        .orElseThrow(() -> new AssertionError("nothing failed: " + result.line()));
  }

  @Test
  void aStaleBranchLock_inALocalRemote_isNamed_withItsAge_andTheAdvice_andIsNeverRemoved() throws IOException {
    for (boolean asUrl : List.of(false, true)) {
      BareRepo repo = seeded("local-" + asUrl);
      ObjectId head = repo.head(Repos.MAIN).orElseThrow();
      Path lock = staleLock(repo.gitDir(), "refs/heads/main.lock");
      GitSide git = Sides.open(asUrl ? repo.gitDir().toUri().toString() : repo.gitDir().toString(), Layout.namespaces());

      String why = failure(createOneFlow(git));

      assertTrue(why.contains("pushing to branch 'main' of "), why);
      assertTrue(why.contains("the branch could not be locked"), why);
      assertTrue(why.contains("The lock file " + lock.toAbsolutePath() + " (there since " + CRASH + ")"), why);
      assertTrue(why.contains("left by a Driftless or git process that crashed or was killed"), why);
      assertTrue(why.contains("Make sure no other process is writing to it, then delete that file and try again"), why);
      assertTrue(why.contains("nothing was written"), why);
      assertFalse(why.contains("Exception"), why);
      assertTrue(Files.exists(lock), "the lock is never removed by Driftless");
      assertEquals(Optional.of(head), repo.head(Repos.MAIN));

      Files.delete(lock);
      assertTrue(createOneFlow(git).isComplete(), "once the lock is gone, the same apply goes through");
      assertTrue(repo.file(Repos.MAIN, "dev/flows/b.yaml").isPresent());
    }
  }

  @Test
  void aStaleBranchLock_onAServer_isExplained_asWellAsItCanBeFromHere() throws IOException {
    BareRepo repo = seeded("served");
    ObjectId head = repo.head(Repos.MAIN).orElseThrow();
    Path lock = staleLock(repo.gitDir(), "refs/heads/main.lock");
    GitSide git = Sides.open(daemon.url(repo.name()), Layout.namespaces());

    String why = failure(createOneFlow(git));

    assertTrue(why.contains("pushing to branch 'main' of " + daemon.url(repo.name())), why);
    assertTrue(why.contains("A lock file in the server's repository (refs/heads/main.lock or packed-refs.lock)"), why);
    assertTrue(why.contains("make sure no push is in progress, then delete that file"), why);
    assertTrue(Files.exists(lock));
    assertEquals(Optional.of(head), repo.head(Repos.MAIN));
  }

  @Test
  void staleLocksInTheCacheRepository_stopNothing_andStayWhereTheyAre() throws IOException {
    BareRepo repo = seeded("cached");
    Path cache = shared.resolve("cache");
    GitSide git = Sides.open(repo.gitDir().toString(), Layout.namespaces(), b -> b.cacheDirectory(cache));
    git.reader().read(DEV);
    List<Path> locks = List.of(staleLock(cache, "refs/driftless/heads/main.lock"), staleLock(cache, "packed-refs.lock"),
        staleLock(cache, "shallow.lock"), staleLock(cache, "index.lock"));
    repo.commit(Repos.MAIN).add("dev/flows/c.yaml", Flows.flow("dev", "c").yaml()).push();

    assertEquals(Set.of(ResourceKey.flow("dev", "a"), ResourceKey.flow("dev", "c")),
        git.reader().read(DEV).index().keySet());
    assertTrue(Sides.sync(git, InMemorySide.kestra().put(Flows.flow("dev", "a").resource())
        .put(Flows.flow("dev", "c").resource()).put(Flows.flow("dev", "d").resource()), DEV,
        Sides.policy(Side.KESTRA)).isComplete());

    assertTrue(repo.file(Repos.MAIN, "dev/flows/d.yaml").isPresent());
    locks.forEach(lock -> assertTrue(Files.exists(lock), lock + " is never removed by Driftless"));
  }

  @Test
  void aLockedConfiguration_inTheCacheRepository_isNamed_withTheAdvice() throws Exception {
    BareRepo repo = seeded("config-locked");
    Path cache = shared.resolve("cache-made-by-git");
    Git.init().setBare(true).setGitDir(cache.toFile()).call().close();
    Path lock = staleLock(cache, "config.lock");
    GitSide git = Sides.open(repo.gitDir().toString(), Layout.namespaces(), b -> b.cacheDirectory(cache));

    SideUnavailableException e = assertThrows(SideUnavailableException.class, () -> git.reader().read(DEV));

    assertTrue(e.getMessage().contains("cannot open the local repository in " + cache), e.getMessage());
    assertTrue(e.getMessage().contains("The lock file " + lock.toAbsolutePath() + " (there since " + CRASH + ")"),
        e.getMessage());
    assertTrue(e.getMessage().contains("then delete that file and try again"), e.getMessage());
    assertTrue(Files.exists(lock));
  }
}
