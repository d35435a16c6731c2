package dev.driftless.core.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.apply.ApplyResult;
import dev.driftless.plan.Plan;
import dev.driftless.policy.Policy;
import dev.driftless.policy.Selector;
import dev.driftless.port.PendingRead;
import dev.driftless.port.SnapshotReader;
import dev.driftless.port.SourceNotFoundException;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.testkit.fake.InMemorySide;
import dev.driftless.testkit.fixture.Flows;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The one read → plan → apply loop: its steps, its focus, its approval and its bounded retry. */
class SyncTest {

  private static final Scope DEV = Scope.namespace("dev", Set.of(ResourceKind.FLOW));
  private static final Policy GIT_WINS = Policy.builder().sourceOfTruth(Side.GIT).build();

  private final InMemorySide git = InMemorySide.git();
  private final InMemorySide kestra = InMemorySide.kestra();

  private Sync sync() {
    return Sync.between(git, DEV, kestra, DEV).withPolicy(GIT_WINS).withWriters(kestra);
  }

  @Test
  void listener_hearsEveryStepInOrder() {
    git.put(Flows.flow("dev", "a").resource());
    git.put(Flows.flow("dev", "b").resource());
    List<String> heard = new ArrayList<>();
    SyncResult run = sync().withListener(new SyncListener() {
      @Override
      public void reading(Side side) {
        heard.add("reading " + side);
      }

      @Override
      public void read(Snapshot snapshot) {
        heard.add("read " + snapshot.side() + " " + snapshot.entries().size());
      }

      @Override
      public void planned(Plan plan) {
        heard.add("planned " + plan.summary().line());
      }

      @Override
      public void applying(Plan plan) {
        heard.add("applying");
      }

      @Override
      public void changed(dev.driftless.apply.ChangeResult result, int done, int total) {
        heard.add(done + " of " + total);
      }

      @Override
      public void applied(Plan plan, ApplyResult result) {
        heard.add("applied " + result.isComplete());
      }
    }).apply();
    assertTrue(run.isComplete());
    assertEquals(List.of("reading GIT", "read GIT 2", "reading KESTRA", "read KESTRA 0",
        "planned " + run.plan().summary().line(), "applying", "1 of 2", "2 of 2", "applied true"), heard);
  }

  @Test
  void read_startsKestrasReadFirst_andHandsItGitsNamespaces_onceGitIsRead() {
    git.put(Flows.flow("dev", "a").resource());
    List<String> events = new ArrayList<>();
    Recording gitReader = new Recording(git, events, Optional.empty());
    Recording kestraReader = new Recording(kestra, events, Optional.empty());
    Sync.between(gitReader, DEV, kestraReader, DEV).withPolicy(GIT_WINS).read();
    assertEquals(List.of("start KESTRA", "read GIT", "KESTRA asks for [dev]", "await KESTRA"), events);
  }

  @Test
  void aFailingGitRead_isThrownAsItIs_andKestrasStartedReadIsCancelled() {
    SourceNotFoundException missing = new SourceNotFoundException("branch main does not exist");
    List<String> events = new ArrayList<>();
    Recording gitReader = new Recording(git, events, Optional.of(missing));
    Recording kestraReader = new Recording(kestra, events, Optional.empty());
    Sync sync = Sync.between(gitReader, DEV, kestraReader, DEV).withPolicy(GIT_WINS);
    assertSame(missing, assertThrows(SourceNotFoundException.class, sync::read));
    assertEquals(List.of("start KESTRA", "read GIT", "cancel KESTRA", "KESTRA is refused Git's namespaces"), events);
  }

  @Test
  void aFailingKestraRead_isThrownAsItIs_afterGitsRead() {
    SourceNotFoundException missing = new SourceNotFoundException("namespace dev does not exist");
    List<String> events = new ArrayList<>();
    Recording gitReader = new Recording(git, events, Optional.empty());
    Recording kestraReader = new Recording(kestra, events, Optional.of(missing));
    List<String> heard = new ArrayList<>();
    Sync sync = Sync.between(gitReader, DEV, kestraReader, DEV).withPolicy(GIT_WINS).withListener(new SyncListener() {
      @Override
      public void read(Snapshot snapshot) {
        heard.add("read " + snapshot.side());
      }
    });
    assertSame(missing, assertThrows(SourceNotFoundException.class, sync::read));
    assertEquals(List.of("read GIT"), heard);
    assertEquals(List.of("start KESTRA", "read GIT", "KESTRA asks for []", "await KESTRA"), events);
  }

  /** A reader that records its calls and may fail; its started read runs when awaited. */
  private static final class Recording implements SnapshotReader {
    private final InMemorySide side;
    private final List<String> events;
    private final Optional<RuntimeException> failure;

    Recording(InMemorySide side, List<String> events, Optional<RuntimeException> failure) {
      this.side = side;
      this.events = events;
      this.failure = failure;
    }

    @Override
    public Side side() {
      return side.side();
    }

    @Override
    public Snapshot read(Scope scope) {
      events.add("read " + side());
      failure.ifPresent(f -> {
        throw f;
      });
      return side.read(scope);
    }

    @Override
    public PendingRead start(Scope scope, Supplier<Set<String>> namespacesElsewhere) {
      events.add("start " + side());
      return new PendingRead() {
        @Override
        public Snapshot await() {
          events.add(side() + " asks for " + new java.util.TreeSet<>(namespacesElsewhere.get()));
          events.add("await " + side());
          failure.ifPresent(f -> {
            throw f;
          });
          return side.read(scope);
        }

        @Override
        public void cancel() {
          events.add("cancel " + side());
          try {
            namespacesElsewhere.get();
            events.add(side() + " is given Git's namespaces after all");
          } catch (RuntimeException e) {
            events.add(side() + " is refused Git's namespaces");
          }
        }
      };
    }
  }

  @Test
  void focus_narrowsWhatEachAttemptPlansFrom_andTheAttemptKeepsIt() {
    git.put(Flows.flow("dev", "a").resource());
    git.put(Flows.flow("dev", "b").resource());
    SyncResult run = sync().withFocus(input -> input.withPolicy(input.policy().withSelector(
        Selector.of(Set.of(ResourceKind.FLOW), List.of("a"), List.of())))).apply();
    assertTrue(run.isComplete());
    assertEquals(Set.of(ResourceKey.flow("dev", "a")), kestra.resources().keySet());
    PlanInput input = run.last().input();
    assertEquals(2, input.git().entries().size(), "the input keeps what was read");
    assertEquals(List.of("a"), input.policy().selector().includes());
  }

  @Test
  void focus_thatRefuses_endsTheSyncBeforeAnythingIsWritten() {
    git.put(Flows.flow("dev", "a").resource());
    Sync sync = sync().withFocus(input -> {
      throw new SourceNotFoundException("flowPath x.yml is not a flow file");
    });
    assertThrows(SourceNotFoundException.class, sync::apply);
    assertTrue(kestra.resources().keySet().isEmpty());
  }

  @Test
  void approval_declined_leavesThePlanUnapplied() {
    git.put(Flows.flow("dev", "a").resource());
    List<Plan> asked = new ArrayList<>();
    SyncResult run = sync().withApproval(plan -> {
      asked.add(plan);
      return false;
    }).apply();
    assertEquals(1, asked.size());
    assertTrue(run.isHeldBack());
    assertFalse(run.isComplete());
    assertTrue(kestra.resources().keySet().isEmpty());
  }

  @Test
  void approval_isNotAskedForAPlanWithNothingToWrite() {
    SyncResult run = sync().withApproval(plan -> {
      throw new AssertionError("asked for a plan without writes");
    }).apply();
    assertFalse(run.plan().hasWrites());
    assertTrue(run.isComplete());
    assertFalse(run.isHeldBack());
  }

  @Test
  void staleApply_isPlannedAndApprovedAgain_untilTheMostAttempts() {
    git.put(Flows.flow("dev", "a").resource());
    kestra.put(Flows.flow("dev", "a").description("edited in the UI").resource());
    git.rejectNextCommit("push to main rejected: the remote moved");
    List<Plan> asked = new ArrayList<>();
    Sync sync = Sync.between(git, DEV, kestra, DEV).withPolicy(Policy.defaults()).withWriters(git)
        .withApproval(plan -> asked.add(plan));
    SyncResult run = sync.apply();
    assertEquals(2, run.attempts().size());
    assertEquals(2, asked.size(), "each fresh plan is approved again");
    assertTrue(run.attempts().get(0).result().orElseThrow().isStale());
    assertTrue(run.isComplete());

    git.rejectNextCommit("rejected");
    kestra.put(Flows.flow("dev", "a").description("edited again").resource());
    SyncResult once = sync.withMaxAttempts(1).apply();
    assertEquals(1, once.attempts().size());
    assertFalse(once.isComplete());
  }

  @Test
  void dryRun_readsAndPlansOnce_andWritesNothing() {
    git.put(Flows.flow("dev", "a").resource());
    SyncResult run = sync().dryRun();
    assertEquals(1, run.attempts().size());
    assertTrue(run.plan().hasWrites());
    assertTrue(run.isHeldBack());
    assertTrue(kestra.resources().keySet().isEmpty());
  }

  @Test
  void applyOfAGivenPlan_appliesExactlyIt_once() {
    git.put(Flows.flow("dev", "a").resource());
    Sync sync = sync();
    PlanInput input = sync.read();
    Plan plan = sync.plan(input);
    git.put(Flows.flow("dev", "b").resource());
    ApplyResult result = sync.apply(plan);
    assertTrue(result.isComplete());
    assertEquals(Set.of(ResourceKey.flow("dev", "a")), kestra.resources().keySet(), "b came after the plan: not applied");
  }

  @Test
  void withMethods_returnANewSync_andLeaveTheFirstAsItWas() {
    Sync first = sync();
    Sync second = first.withMaxAttempts(1);
    assertFalse(first == second);
    git.put(Flows.flow("dev", "a").resource());
    assertSame(Side.GIT, first.read().git().side());
    assertThrows(IllegalArgumentException.class, () -> first.withMaxAttempts(0));
  }
}
