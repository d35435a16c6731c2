package dev.driftless.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.core.apply.Sync;
import dev.driftless.core.apply.SyncResult;
import dev.driftless.git.layout.Layout;
import dev.driftless.git.servers.BareRepo;
import dev.driftless.git.servers.Repos;
import dev.driftless.git.servers.ServedRepos;
import dev.driftless.port.ChangeWriter;
import dev.driftless.port.CommitResult;
import dev.driftless.port.Write;
import dev.driftless.port.WriteIntent;
import dev.driftless.port.WriteResult;
import dev.driftless.port.WriteSession;
import dev.driftless.resource.Fingerprint;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.testkit.fake.InMemorySide;
import dev.driftless.testkit.fixture.Flows;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

/**
 * Writers racing on one branch: the push of the one that began first and committed last is
 * rejected, never forced; {@link Sync} re-reads, re-plans and retries; every change lands and
 * the history holds them all.
 */
@Timeout(120)
class RacingWritersTest {

  private static final Layout LAYOUT = Layout.namespaces();

  @RegisterExtension
  static final ServedRepos served = ServedRepos.overHttp();

  private static GitSide side(BareRepo repo) {
    return Sides.open(served.remote(repo.name()), LAYOUT);
  }

  private static Scope flowsOf(String namespace) {
    return Scope.namespace(namespace, Set.of(ResourceKind.FLOW));
  }

  private static Sync sync(GitSide git, InMemorySide kestra, String namespace, ChangeWriter writer) {
    return Sync.between(git.reader(), flowsOf(namespace), kestra, flowsOf(namespace))
        .withPolicy(Sides.policy(Side.KESTRA)).withWriters(writer).withMaxAttempts(3);
  }

  @Test
  void theLaterPush_isRejected_theRetryLands_andBothChangesAreInTheHistory() {
    BareRepo repo = served.repos().bare("race");
    ObjectId seed = repo.commit(Repos.MAIN).add("README.md", "shared\n").push();
    GitSide git = side(repo);
    InMemorySide dev = InMemorySide.kestra().put(Flows.flow("dev", "a").resource());
    InMemorySide prod = InMemorySide.kestra().put(Flows.flow("prod", "b").resource());
    AtomicBoolean interrupted = new AtomicBoolean();
    List<SyncResult> otherRuns = new ArrayList<>();
    ChangeWriter racing = new HookedWriter(git.writer(), () -> {
      if (!interrupted.getAndSet(true)) {
        otherRuns.add(sync(git, prod, "prod", git.writer()).apply());
      }
    });

    SyncResult run = sync(git, dev, "dev", racing).apply();

    assertEquals(1, otherRuns.size());
    assertTrue(otherRuns.get(0).isComplete());
    assertEquals(2, run.attempts().size(), "one rejected attempt, one that landed");
    assertTrue(run.attempts().get(0).result().orElseThrow().isStale(), "the rejected push makes the apply stale");
    assertTrue(run.isComplete(), run.result().map(r -> r.line()).orElse(""));
    assertEquals(Set.of("README.md", "dev/flows/a.yaml", "prod/flows/b.yaml"), repo.files(Repos.MAIN).keySet());
    List<RevCommit> log = repo.log(Repos.MAIN);
    assertEquals(3, log.size(), "seed, the other writer's commit, the retried commit");
    assertEquals(seed, log.get(2).getId());
    assertEquals(log.get(1).getId(), log.get(0).getParent(0).getId(), "the retry is built on the other commit: nothing lost");
  }

  @Test
  void manyWritersAtOnce_allLand_noneLost() throws Exception {
    BareRepo repo = served.repos().bare("stampede");
    repo.commit(Repos.MAIN).add("README.md", "shared\n").push();
    GitSide git = side(repo);
    int writers = 4;
    CyclicBarrier allBegun = new CyclicBarrier(writers);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<SyncResult>> runs = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        String namespace = "team" + i;
        InMemorySide kestra = InMemorySide.kestra().put(Flows.flow(namespace, "flow" + i).resource());
        AtomicBoolean first = new AtomicBoolean(true);
        ChangeWriter writer = new HookedWriter(git.writer(), () -> {
          if (first.getAndSet(false)) {
            allBegun.await(30, TimeUnit.SECONDS);
          }
        });
        runs.add(pool.submit(() -> Sync.between(git.reader(), flowsOf(namespace), kestra, flowsOf(namespace))
            .withPolicy(Sides.policy(Side.KESTRA)).withWriters(writer).withMaxAttempts(writers + 1).apply()));
      }
      int attempts = 0;
      for (Future<SyncResult> run : runs) {
        SyncResult done = run.get(90, TimeUnit.SECONDS);
        assertTrue(done.isComplete(), done.result().map(r -> r.line()).orElse(""));
        attempts += done.attempts().size();
      }
      assertTrue(attempts >= 2 * writers - 1, "every writer but one was rejected at least once: " + attempts);
    } finally {
      pool.shutdownNow();
    }
    Set<String> expected = new TreeSet<>(Set.of("README.md"));
    for (int i = 0; i < writers; i++) {
      expected.add("team" + i + "/flows/flow" + i + ".yaml");
    }
    assertEquals(expected, repo.files(Repos.MAIN).keySet());
    assertEquals(writers + 1, repo.log(Repos.MAIN).size(), "one commit per writer on the seed, none lost");
    assertEquals(writers, repo.log(Repos.MAIN).stream().filter(c -> c.getParentCount() == 1).count());
    assertEquals(writers, repo.log(Repos.MAIN).stream().map(RevCommit::getFullMessage).filter(m -> m.startsWith("Driftless"))
        .collect(Collectors.toSet()).size());
  }

  /** What a test runs at the moment a writer is about to commit. */
  @FunctionalInterface
  interface BeforeCommit {
    void run() throws Exception;
  }

  /** A writer whose sessions run a hook just before committing. */
  private static final class HookedWriter implements ChangeWriter {
    private final ChangeWriter delegate;
    private final BeforeCommit hook;

    HookedWriter(ChangeWriter delegate, BeforeCommit hook) {
      this.delegate = delegate;
      this.hook = hook;
    }

    @Override
    public Side side() {
      return delegate.side();
    }

    @Override
    public WriteSession begin(WriteIntent intent) {
      WriteSession session = delegate.begin(intent);
      return new WriteSession() {
        @Override
        public Optional<Fingerprint> current(ResourceKey key) {
          return session.current(key);
        }

        @Override
        public boolean transactional() {
          return session.transactional();
        }

        @Override
        public List<WriteResult> write(List<Write> writes) {
          return session.write(writes);
        }

        @Override
        public CommitResult commit() {
          try {
            hook.run();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          return session.commit();
        }

        @Override
        public Map<ResourceKey, Optional<Fingerprint>> readBack(Collection<ResourceKey> keys) {
          return session.readBack(keys);
        }

        @Override
        public void close() {
          session.close();
        }
      };
    }
  }
}
