package dev.driftless.core.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.apply.ApplyException;
import dev.driftless.apply.ApplyResult;
import dev.driftless.apply.Outcome;
import dev.driftless.core.codec.PlanJson;
import dev.driftless.core.plan.Planner;
import dev.driftless.plan.Change;
import dev.driftless.plan.Plan;
import dev.driftless.policy.Guards;
import dev.driftless.policy.Policy;
import dev.driftless.port.ChangeWriter;
import dev.driftless.port.Clock;
import dev.driftless.port.CommitResult;
import dev.driftless.port.SideUnavailableException;
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
import dev.driftless.testkit.fake.RecordedWrite;
import dev.driftless.testkit.fixture.Flows;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ApplierTest {

  private static final Scope DEV = Scope.namespace("dev", Set.of(ResourceKind.FLOW, ResourceKind.NAMESPACE_FILE));
  private static final Policy GIT_WINS = Policy.builder().sourceOfTruth(Side.GIT).guards(Guards.none()).build();

  private final InMemorySide git = InMemorySide.git();
  private final InMemorySide kestra = InMemorySide.kestra();

  private Plan plan(Policy policy) {
    return Planner.plan(git.read(DEV), kestra.read(DEV), policy);
  }

  private static ResourceKey flow(String id) {
    return ResourceKey.flow("dev", id);
  }

  @Test
  void apply_writesInPlanOrder_andConverges() {
    git.put(Flows.flow("dev", "caller").subflow("call", "dev", "callee").resource())
        .put(Flows.flow("dev", "callee").resource())
        .put(ResourceKey.namespaceFile("dev", "run.sh"), "echo\n");
    kestra.put(Flows.flow("dev", "gone").resource());
    ApplyResult result = Applier.to(kestra).withClock(Clock.fixed(Instant.EPOCH)).apply(plan(GIT_WINS)).orThrow();
    assertEquals(List.of(ResourceKey.namespaceFile("dev", "run.sh"), flow("callee"), flow("caller"), flow("gone")),
        kestra.writes().stream().map(RecordedWrite::key).toList());
    assertEquals(4, result.count(Outcome.APPLIED));
    assertEquals(0, plan(GIT_WINS).summary().writes());
    assertTrue(git.writes().isEmpty(), "the source of truth is not written");
  }

  @Test
  void apply_tellsTheListenerAboutEveryChange_inOrder() {
    git.put(Flows.flow("dev", "a").resource()).put(Flows.flow("dev", "b").resource());
    List<String> heard = new java.util.ArrayList<>();
    Applier.to(kestra).withListener((r, done, total) -> heard.add(r.change().key().name() + " " + done + "/" + total))
        .apply(plan(GIT_WINS)).orThrow();
    assertEquals(List.of("a 1/2", "b 2/2"), heard);
  }

  @Test
  void apply_leavesAResourceChangedSincePlanning_stale() {
    git.put(Flows.flow("dev", "a").log("l", "from git").resource());
    kestra.put(Flows.flow("dev", "a").resource());
    Plan plan = plan(GIT_WINS);
    String edited = Flows.flow("dev", "a").log("l", "edited in the UI meanwhile").yaml();
    kestra.put(flow("a"), edited);
    ApplyResult result = Applier.to(kestra).apply(plan);
    assertEquals(Outcome.STALE, result.results().get(0).outcome());
    assertTrue(result.results().get(0).cause().orElseThrow().contains("since the plan was made"));
    assertEquals(edited, kestra.get(flow("a")).orElseThrow().content().text().orElseThrow());
    assertTrue(kestra.writes().isEmpty());
    assertTrue(result.isStale());
    assertThrows(ApplyException.class, result::orThrow);
  }

  @Test
  void apply_toGit_changedWhileApplying_isRejectedNotForced() {
    kestra.put(Flows.flow("dev", "a").resource());
    Plan plan = Planner.plan(git.read(DEV), kestra.read(DEV), Policy.defaults());
    String pushedMeanwhile = Flows.flow("dev", "b").yaml();
    git.onBegin(side -> side.put(flow("b"), pushedMeanwhile));
    ApplyResult result = Applier.to(git).apply(plan);
    assertEquals(Outcome.STALE, result.results().get(0).outcome());
    assertEquals(0, git.commits());
    assertTrue(git.get(flow("a")).isEmpty());
    assertEquals(pushedMeanwhile, git.get(flow("b")).orElseThrow().content().text().orElseThrow(), "nothing lost");
  }

  @Test
  void apply_skipsDependentsAndAllDeletes_whenAWriteFails() {
    git.put(Flows.flow("dev", "caller").subflow("call", "dev", "callee").resource())
        .put(Flows.flow("dev", "callee").resource())
        .put(Flows.flow("dev", "independent").resource());
    kestra.put(Flows.flow("dev", "old").resource());
    kestra.failWritesTo(flow("callee"), "422 Unprocessable Entity: tasks[0].type: unknown task type");
    ApplyResult result = Applier.to(kestra).apply(plan(GIT_WINS));
    Map<ResourceKey, Outcome> outcomes = result.results().stream()
        .collect(Collectors.toMap(r -> r.change().key(), r -> r.outcome()));
    assertEquals(Outcome.FAILED, outcomes.get(flow("callee")));
    assertEquals(Outcome.SKIPPED, outcomes.get(flow("caller")));
    assertEquals(Outcome.APPLIED, outcomes.get(flow("independent")));
    assertEquals(Outcome.SKIPPED, outcomes.get(flow("old")), "no deletion while a create failed");
    assertTrue(kestra.get(flow("old")).isPresent());
    ApplyException thrown = assertThrows(ApplyException.class, result::orThrow);
    assertTrue(thrown.getMessage().contains("unknown task type"), thrown.getMessage());
    Plan again = plan(GIT_WINS);
    assertEquals(Set.of(flow("callee"), flow("caller"), flow("old")),
        again.writes().stream().map(Change::key).collect(Collectors.toSet()), "re-planning plans just what is left");
  }

  @Test
  void apply_writesNothingAtAll_whenTheSideRefusesAnyChangeBeforeWriting() {
    git.put(Flows.flow("dev", "good").resource()).put(Flows.flow("dev", "bad").resource())
        .put(ResourceKey.namespaceFile("dev", "run.sh"), "echo\n");
    kestra.put(Flows.flow("dev", "old").resource());
    kestra.refuseInPreflight(flow("bad"), "tasks[0].type: unknown task type 'io.kestra.Nope'");
    ApplyResult result = Applier.to(kestra).apply(plan(GIT_WINS));
    Map<ResourceKey, Outcome> outcomes = result.results().stream()
        .collect(Collectors.toMap(r -> r.change().key(), r -> r.outcome()));
    assertEquals(Outcome.FAILED, outcomes.get(flow("bad")));
    assertEquals(Outcome.SKIPPED, outcomes.get(flow("good")));
    assertEquals(Outcome.SKIPPED, outcomes.get(flow("old")));
    assertTrue(kestra.writes().isEmpty(), "nothing written");
    assertTrue(result.diagnostics().stream().anyMatch(d -> d.message().contains("unknown task type")));
  }

  @Test
  void apply_masksSecretsInTheSidesWords_asPlansDo() {
    git.put(Flows.flow("dev", "bad").resource());
    kestra.refuseInPreflight(flow("bad"), "tasks[0].uri: cannot connect to "
        + "jdbc:postgresql://db/app?user=u&password=hunter2-in-a-url\n    password: hunter2-in-yaml");

    ApplyResult result = Applier.to(kestra).apply(plan(GIT_WINS));

    List<String> said = new java.util.ArrayList<>();
    result.results().forEach(r -> r.cause().ifPresent(said::add));
    result.diagnostics().forEach(d -> said.add(d.render()));
    assertTrue(said.stream().anyMatch(s -> s.contains("password=<secret-1>") && s.contains("password: <secret-2>")),
        said::toString);
    assertTrue(said.stream().noneMatch(s -> s.contains("hunter2")), said::toString);
  }

  @Test
  void apply_toGit_makesOneCommit_withDeletesInIt() {
    kestra.put(Flows.flow("dev", "a").resource()).put(Flows.flow("dev", "b").resource());
    git.put(Flows.flow("dev", "old").resource());
    ApplyResult result = Applier.to(git).apply(plan(Policy.defaults().withGuards(Guards.none()))).orThrow();
    assertEquals(1, git.commits());
    assertEquals(3, git.writes().size());
    assertTrue(result.commit(Side.GIT).isPresent());
  }

  @Test
  void apply_rejectedPush_isStale_andSyncRetriesWithAFreshPlan() {
    kestra.put(Flows.flow("dev", "a").resource());
    git.rejectNextCommit("push to main rejected: the remote moved");
    Policy policy = Policy.defaults();
    ApplyResult first = Applier.to(git).apply(Planner.plan(git.read(DEV), kestra.read(DEV), policy));
    assertEquals(Outcome.STALE, first.results().get(0).outcome());
    assertEquals(0, git.commits());

    git.rejectNextCommit("push to main rejected: the remote moved");
    SyncResult run = Sync.between(git, DEV, kestra, DEV).withPolicy(policy).withWriters(git).withMaxAttempts(3).apply();
    assertEquals(2, run.attempts().size());
    assertTrue(run.isComplete());
    assertEquals(1, git.commits());
  }

  @Test
  void apply_writesBothSides_whenKindsHaveDifferentSourcesOfTruth() {
    git.put(ResourceKey.namespaceFile("dev", "run.sh"), "echo\n");
    kestra.put(Flows.flow("dev", "a").resource());
    Policy policy = Policy.builder().sourceOfTruth(Side.KESTRA)
        .putSourceOfTruthByKind(ResourceKind.NAMESPACE_FILE, Side.GIT).build();
    Applier.to(git, kestra).apply(plan(policy)).orThrow();
    assertEquals(List.of(ResourceKey.namespaceFile("dev", "run.sh")), kestra.writes().stream().map(RecordedWrite::key).toList());
    assertEquals(List.of(flow("a")), git.writes().stream().map(RecordedWrite::key).toList());
  }

  @Test
  void apply_readsBack_andFailsAChangeThatDidNotLandAsPlanned() {
    git.put(Flows.flow("dev", "a").resource());
    ChangeWriter lossy = new LossyWriter(kestra);
    ApplyResult result = Applier.to(lossy).apply(plan(GIT_WINS));
    assertEquals(Outcome.FAILED, result.results().get(0).outcome());
    assertTrue(result.results().get(0).cause().orElseThrow().startsWith("read back"), result.results().get(0).cause().get());
    assertTrue(result.diagnostics().stream().anyMatch(d -> d.message().startsWith("read back")));
  }

  @Test
  void apply_reportsASideThatCannotBeOpened_asFailedChanges() {
    git.put(Flows.flow("dev", "a").resource());
    ChangeWriter down = new ChangeWriter() {
      @Override
      public Side side() {
        return Side.KESTRA;
      }

      @Override
      public WriteSession begin(WriteIntent intent) {
        throw new SideUnavailableException("Kestra at http://127.0.0.1:1 did not answer within 10 s");
      }
    };
    ApplyResult result = Applier.to(down).apply(plan(GIT_WINS));
    assertEquals(Outcome.FAILED, result.results().get(0).outcome());
    assertTrue(result.results().get(0).cause().orElseThrow().contains("did not answer"));
  }

  @Test
  void apply_refusesPlansItCannotExecute() {
    git.put(Flows.flow("dev", "a").resource());
    kestra.put(Flows.flow("dev", "b").resource());
    Plan failing = plan(GIT_WINS.withWhenMissingInSource(dev.driftless.policy.WhenMissing.FAIL));
    assertThrows(IllegalStateException.class, () -> Applier.to(kestra).apply(failing));
    Plan saved = PlanJson.read(PlanJson.write(plan(GIT_WINS)));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Applier.to(kestra).apply(saved));
    assertTrue(e.getMessage().contains("plan again"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Applier.to(git).apply(plan(GIT_WINS)),
        "a plan writing to Kestra needs a Kestra writer");
    assertTrue(kestra.writes().isEmpty());
  }

  /** Writes through to an in-memory side but reads back something else, as a side that rewrites content would. */
  private static final class LossyWriter implements ChangeWriter {
    private final InMemorySide delegate;

    LossyWriter(InMemorySide delegate) {
      this.delegate = delegate;
    }

    @Override
    public Side side() {
      return delegate.side();
    }

    @Override
    public WriteSession begin(WriteIntent intent) {
      WriteSession inner = delegate.begin(intent);
      return new WriteSession() {
        @Override
        public Optional<Fingerprint> current(ResourceKey key) {
          return inner.current(key);
        }

        @Override
        public boolean transactional() {
          return inner.transactional();
        }

        @Override
        public List<WriteResult> write(List<Write> writes) {
          return inner.write(writes);
        }

        @Override
        public CommitResult commit() {
          return inner.commit();
        }

        @Override
        public Map<ResourceKey, Optional<Fingerprint>> readBack(Collection<ResourceKey> keys) {
          return keys.stream().collect(Collectors.toMap(k -> k, k -> Optional.of(Fingerprint.of(new byte[] {1}))));
        }

        @Override
        public void close() {
          inner.close();
        }
      };
    }
  }
}
