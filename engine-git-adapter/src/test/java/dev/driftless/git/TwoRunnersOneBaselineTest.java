package dev.driftless.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.core.apply.Sync;
import dev.driftless.core.apply.SyncResult;
import dev.driftless.git.layout.Layout;
import dev.driftless.git.servers.BareRepo;
import dev.driftless.git.servers.Repos;
import dev.driftless.git.servers.ServedRepos;
import dev.driftless.policy.Policy;
import dev.driftless.port.ChangeWriter;
import dev.driftless.port.WriteIntent;
import dev.driftless.port.WriteSession;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.testkit.fake.InMemorySide;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two runners of the same two-way sync, on a Git server over HTTP, that planned from the same state
 * and apply at the same moment: one commit and one baseline land. The other runner is refused (its
 * push, or the baseline it finds, has moved) and plans again from fresh reads, finding nothing left
 * to do; or, when both built the very same commits in the same second, its push finds them already
 * there.
 */
@Timeout(120)
class TwoRunnersOneBaselineTest {

  private static final Layout LAYOUT = Layout.namespaces();
  private static final Scope DEV = Scope.namespace("dev", Set.of(ResourceKind.FLOW));
  private static final Policy TWO_WAY = Policy.builder().twoWay(true).build();
  private static final ResourceKey A = ResourceKey.flow("dev", "a");
  private static final ResourceKey B = ResourceKey.flow("dev", "b");

  @RegisterExtension
  static final ServedRepos served = ServedRepos.overHttp();

  private static String flow(String id, String message) {
    return "id: " + id + "\nnamespace: dev\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n"
        + "    message: " + message + "\n";
  }

  private static Sync sync(GitSide git, ChangeWriter kestraWriter, InMemorySide kestra) {
    return Sync.between(git.reader(), DEV, kestra, DEV).withPolicy(TWO_WAY).withBaseline(git.baselines())
        .withWriters(git.writer(), kestraWriter).withMaxAttempts(3);
  }

  /**
   * Repeated: the two runners build the very same commit, and which of them loses, and how (its
   * push rejected, its upload failed by a server busy writing the same pack, or the baseline found
   * moved), varies from run to run.
   */
  @RepeatedTest(3)
  void twoRunnersOfOnePlan_landOneCommitAndOneBaseline_andTheLoserFindsNothingLeft(RepetitionInfo repetition)
      throws Exception {
    BareRepo repo = served.repos().bare("two-runners-" + repetition.getCurrentRepetition());
    repo.commit(Repos.MAIN).add("dev/flows/a.yaml", flow("a", "hello")).add("dev/flows/b.yaml", flow("b", "bye"))
        .push();
    GitSide git = Sides.open(served.remote(repo.name()), LAYOUT);
    InMemorySide kestra = InMemorySide.kestra().put(A, flow("a", "hello")).put(B, flow("b", "bye"));
    assertTrue(sync(git, kestra, kestra).apply().isComplete(), "the first sync records the baseline");
    String baselineRef = git.settings().baselineRef();
    ObjectId firstBaseline = repo.ref(baselineRef).orElseThrow();

    ObjectId edited = repo.commit(Repos.MAIN).add("dev/flows/a.yaml", flow("a", "edited in Git")).push();
    kestra.put(B, flow("b", "edited in Kestra"));

    CyclicBarrier bothBegun = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<SyncResult> runs = new ArrayList<>();
    try {
      List<Future<SyncResult>> running = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        ChangeWriter waiting = new WaitingWriter(kestra, bothBegun);
        running.add(pool.submit(() -> sync(git, waiting, kestra).apply()));
      }
      for (Future<SyncResult> run : running) {
        runs.add(run.get(90, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }

    for (SyncResult run : runs) {
      assertTrue(run.isComplete(), () -> run.result().map(r -> r.line() + " " + r.diagnostics()).orElse("not applied"));
    }
    // Both may be refused at their first attempt: a push the server took while its client saw it fail (the
    // server busy writing the same pack) is found as the branch having moved, so its own runner re-plans too,
    // and finds nothing left. What must hold is below: one commit, one baseline, nothing forced.
    for (SyncResult run : runs) {
      if (run.attempts().size() > 1) {
        assertTrue(run.attempts().get(0).result().orElseThrow().isStale(), "refused as stale, never forced");
        assertFalse(run.plan().hasWork(), "planning again from fresh reads, nothing is left to do");
      }
    }
    List<RevCommit> log = repo.log(Repos.MAIN);
    assertEquals(3, log.size(), "the seed, the edit, and one commit of the sync");
    assertEquals(edited, log.get(0).getParent(0).getId());
    assertEquals(Optional.of(flow("b", "edited in Kestra")), repo.file(Repos.MAIN, "dev/flows/b.yaml"));
    assertEquals(flow("a", "edited in Git"), kestra.get(A).orElseThrow().content().text().orElseThrow());
    List<RevCommit> baselines = repo.log(baselineRef);
    assertEquals(2, baselines.size(), "the first baseline and one more");
    assertEquals(firstBaseline, baselines.get(0).getParent(0).getId());
  }

  /** Kestra's writer, whose first session waits until the other runner has begun too. */
  private static final class WaitingWriter implements ChangeWriter {
    private final InMemorySide kestra;
    private final CyclicBarrier barrier;
    private final AtomicBoolean first = new AtomicBoolean(true);

    WaitingWriter(InMemorySide kestra, CyclicBarrier barrier) {
      this.kestra = kestra;
      this.barrier = barrier;
    }

    @Override
    public Side side() {
      return Side.KESTRA;
    }

    @Override
    public WriteSession begin(WriteIntent intent) {
      WriteSession session = kestra.begin(intent);
      if (first.getAndSet(false)) {
        try {
          barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
          session.close();
          throw new IllegalStateException("the other runner did not begin", e);
        }
      }
      return session;
    }
  }
}
