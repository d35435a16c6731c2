package dev.driftless.core.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.apply.ApplyResult;
import dev.driftless.apply.ChangeResult;
import dev.driftless.apply.Outcome;
import dev.driftless.core.plan.Planner;
import dev.driftless.core.render.PlanText;
import dev.driftless.plan.Plan;
import dev.driftless.policy.Policy;
import dev.driftless.resource.Content;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.snapshot.Baseline;
import dev.driftless.snapshot.Scope;
import dev.driftless.testkit.fake.InMemorySide;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A two-way sync end to end on in-memory sides: the baseline is read before either side, moved by
 * the side that keeps it in the same commit as that side's writes, and compared and swapped like a
 * branch head.
 */
class TwoWaySyncTest {

  private static final Scope DEV = Scope.namespace("dev", java.util.Set.of(ResourceKind.FLOW));
  private static final Policy TWO_WAY = Policy.builder().twoWay(true).build();
  private static final ResourceKey A = ResourceKey.flow("dev", "a");
  private static final ResourceKey B = ResourceKey.flow("dev", "b");

  private final InMemorySide git = InMemorySide.git();
  private final InMemorySide kestra = InMemorySide.kestra();

  private static String flow(String id, String message) {
    return "id: " + id + "\nnamespace: dev\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n"
        + "    message: " + message + "\n";
  }

  private Sync sync() {
    return Sync.between(git, DEV, kestra, DEV).withPolicy(TWO_WAY).withBaseline(git.baselines())
        .withWriters(git, kestra);
  }

  private static Baseline baseline(Map<ResourceKey, String> entries) {
    Map<ResourceKey, Content> out = new java.util.HashMap<>();
    entries.forEach((k, v) -> out.put(k, Content.ofText(v)));
    return Baseline.of(out);
  }

  @Test
  void editsOnEachSide_propagateInOneRun_andTheBaselineIsRecordedWithTheCommit() {
    git.put(A, flow("a", "edited in Git")).put(B, flow("b", "bye"));
    kestra.put(A, flow("a", "hello")).put(B, flow("b", "edited in Kestra"));
    git.recordBaseline(baseline(Map.of(A, flow("a", "hello"), B, flow("b", "bye"))));

    SyncResult run = sync().apply();

    assertTrue(run.isComplete(), () -> PlanText.render(run.plan()));
    assertEquals(flow("a", "edited in Git"), kestra.get(A).orElseThrow().content().text().orElseThrow());
    assertEquals(flow("b", "edited in Kestra"), git.get(B).orElseThrow().content().text().orElseThrow());
    assertEquals(baseline(Map.of(A, flow("a", "edited in Git"), B, flow("b", "edited in Kestra"))), git.baseline());
    assertEquals(1, git.commits(), "one commit holds Git's writes and the baseline");
    assertFalse(sync().plan().hasWork(), "planning again has nothing to do");
  }

  @Test
  void aPlanThatOnlyMovesTheBaseline_isApplied_andWritesNothing() {
    git.put(A, flow("a", "same edit"));
    kestra.put(A, flow("a", "same edit"));
    git.recordBaseline(baseline(Map.of(A, flow("a", "hello"))));

    SyncResult run = sync().apply();

    assertFalse(run.plan().hasWrites());
    assertTrue(run.plan().movesBaseline());
    assertTrue(PlanText.render(run.plan()).contains("applying records the baseline"), PlanText.render(run.plan()));
    assertTrue(run.result().isPresent(), "a plan that moves the baseline is applied");
    assertEquals(baseline(Map.of(A, flow("a", "same edit"))), git.baseline());
    assertEquals(0, git.writes().size() + kestra.writes().size());
  }

  @Test
  void theFirstSync_recordsWhatBothSidesHoldAlike_evenNothing() {
    SyncResult empty = sync().apply();
    assertTrue(empty.plan().movesBaseline(), "a first sync of two empty sides records an empty baseline");
    assertTrue(git.baseline().isRecorded());
    assertTrue(git.baseline().entries().isEmpty());

    git.put(A, flow("a", "hello"));
    kestra.put(A, flow("a", "hello"));
    git.recordBaseline(Baseline.none());
    SyncResult first = sync().apply();
    assertTrue(first.isComplete());
    assertEquals(baseline(Map.of(A, flow("a", "hello"))), git.baseline());
  }

  @Test
  void aFirstSyncWithADifference_recordsNothing_untilItIsSettled() {
    git.put(A, flow("a", "one"));
    kestra.put(A, flow("a", "other"));
    SyncResult run = sync().apply();
    assertFalse(run.plan().movesBaseline());
    assertFalse(git.baseline().isRecorded(), "a difference no baseline explains stays a conflict next time");
  }

  @Test
  void anotherRunnerMovedTheBaseline_nothingIsWritten_andTheRetryPlansFromTheNewOne() {
    git.put(A, flow("a", "edited in Git"));
    kestra.put(A, flow("a", "hello"));
    Baseline base = baseline(Map.of(A, flow("a", "hello")));
    git.recordBaseline(base);
    Plan plan = sync().plan();
    git.recordBaseline(baseline(Map.of(A, flow("a", "hello"), B, flow("b", "elsewhere"))));

    ApplyResult result = sync().apply(plan);

    assertTrue(result.results().stream().allMatch(r -> r.outcome() == Outcome.STALE), result::line);
    assertTrue(result.results().stream().map(ChangeResult::cause).flatMap(java.util.Optional::stream)
        .allMatch(c -> c.contains("the baseline moved since the plan was made")), result.results()::toString);
    assertEquals(flow("a", "hello"), kestra.get(A).orElseThrow().content().text().orElseThrow());
  }

  @Test
  void aRejectedCommit_leavesTheBaseline_andTheRetryConverges() {
    git.put(A, flow("a", "hello")).put(B, flow("b", "bye"));
    kestra.put(A, flow("a", "edited in Kestra")).put(B, flow("b", "bye"));
    git.put(B, flow("b", "edited in Git"));
    Baseline base = baseline(Map.of(A, flow("a", "hello"), B, flow("b", "bye")));
    git.recordBaseline(base);
    git.rejectNextCommit("push rejected: the branch moved since it was read");

    SyncResult run = sync().apply();

    assertEquals(2, run.attempts().size(), "the rejected attempt is retried from fresh reads");
    assertTrue(run.isComplete(), () -> PlanText.render(run.plan()));
    assertEquals(git.resources().keySet(), kestra.resources().keySet());
    assertEquals(flow("a", "edited in Kestra"), git.get(A).orElseThrow().content().text().orElseThrow());
    assertEquals(flow("b", "edited in Git"), kestra.get(B).orElseThrow().content().text().orElseThrow());
    assertEquals(baseline(Map.of(A, flow("a", "edited in Kestra"), B, flow("b", "edited in Git"))), git.baseline());
  }

  @Test
  void aTwoWayPlan_isNotAppliedWithoutTheWriterThatKeepsTheBaseline() {
    git.put(A, flow("a", "hello"));
    git.recordBaseline(baseline(Map.of()));
    Plan plan = Planner.plan(git.read(DEV), kestra.read(DEV), git.baseline(), TWO_WAY);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Applier.to(kestra).apply(plan));
    assertTrue(e.getMessage().contains("none of the writers given keeps one"), e.getMessage());
  }

  @Test
  void aTwoWaySync_withoutItsBaselineStore_saysSo() {
    Sync sync = Sync.between(git, DEV, kestra, DEV).withPolicy(TWO_WAY).withWriters(git, kestra);
    IllegalStateException e = assertThrows(IllegalStateException.class, sync::plan);
    assertTrue(e.getMessage().contains("needs the store of its baseline"), e.getMessage());
  }
}
