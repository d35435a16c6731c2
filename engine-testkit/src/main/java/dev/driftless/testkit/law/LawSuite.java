package dev.driftless.testkit.law;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.driftless.apply.ApplyResult;
import dev.driftless.apply.ChangeResult;
import dev.driftless.apply.Outcome;
import dev.driftless.core.apply.Applier;
import dev.driftless.core.apply.Sync;
import dev.driftless.core.codec.PlanJson;
import dev.driftless.core.plan.Planner;
import dev.driftless.core.render.PlanText;
import dev.driftless.core.yaml.YamlDocument;
import dev.driftless.plan.Action;
import dev.driftless.plan.Change;
import dev.driftless.plan.Plan;
import dev.driftless.plan.PlanOptions;
import dev.driftless.plan.Reason;
import dev.driftless.policy.Guards;
import dev.driftless.policy.Policy;
import dev.driftless.policy.WhenMissing;
import dev.driftless.port.DriftlessException;
import dev.driftless.resource.Content;
import dev.driftless.resource.Fingerprint;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.snapshot.SnapshotEntry;
import dev.driftless.testkit.gen.Capabilities;
import dev.driftless.testkit.gen.Generators;
import dev.driftless.testkit.gen.HostileRead;
import dev.driftless.testkit.gen.Misread;
import dev.driftless.testkit.gen.Scenario;
import dev.driftless.testkit.gen.Seed;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The laws of DESIGN §5 as seeded properties over generated scenarios. Subclasses give a fresh
 * {@link World} per case; every law runs {@link #examples()} cases (1000 by default, or the system
 * property {@code driftless.examples}). The seed comes from the system property
 * {@code driftless.seed} or is random, and a failure names it: run again with
 * {@code -Ddriftless.seed=<seed>} to reproduce.
 *
 * <p>Laws that only hold in cases where something happens (an apply, a deletion) also check that
 * enough generated cases were of that sort, so a generator that drifts cannot make them vacuous.
 */
public abstract class LawSuite {

  /** A Java package name in a message: a class name the user should never see. */
  private static final Pattern JAVA_CLASS =
      Pattern.compile("\\b(java|javax|jdk|sun|com\\.sun|org\\.eclipse|com\\.fasterxml)\\.[a-z]");

  /** The seed of the last property run, named when a law's cases did not exercise it. */
  private long lastSeed;

  /** A fresh pair of sides, empty. */
  protected abstract World newWorld();

  /** What the sides can hold. */
  protected Capabilities capabilities() {
    return Capabilities.all();
  }

  protected int examples() {
    return Integer.getInteger("driftless.examples", 1000);
  }

  /** Round trips of the adapters under test (a layout's encode and decode); nothing by default. */
  protected void adapterRoundTrip(Scenario scenario) {
    // no adapter-specific round trip
  }

  // ---------------------------------------------------------------------------------------------
  // The laws

  @Test
  public void law01_planOfEqualSides_hasNoWrites() {
    check("law 1 (plan(s, s) has no writes)", scenarios(), scenario -> {
      Scenario equal = mirrored(scenario);
      try (World world = seeded(equal)) {
        Plan plan = plan(world, equal, PlanOptions.defaults());
        assertEquals(0, plan.summary().writes(), () -> "writes planned between equal sides:\n" + PlanText.render(plan));
      }
    });
  }

  @Test
  public void law02_applyThenPlanAgain_hasNoWrites() {
    AtomicInteger applied = new AtomicInteger();
    check("law 2 (convergence)", scenarios(), scenario -> {
      try (World world = seeded(scenario)) {
        Plan plan = approved(world, scenario);
        Optional<ApplyResult> result = apply(world, plan);
        if (result.isEmpty()) {
          return;
        }
        applied.incrementAndGet();
        assertTrue(result.get().isComplete(), () -> "apply incomplete: " + result.get().line() + "\n" + failures(result.get()));
        Plan again = plan(world, scenario, PlanOptions.defaults());
        assertEquals(0, again.summary().writes(), () -> "after applying\n" + PlanText.render(plan)
            + "\nplanning again still writes:\n" + PlanText.render(again));
      }
    });
    atLeast("law 2 applied a plan", applied, examples() / 6);
  }

  @Test
  public void law03_planningAndDryRuns_writeNothing() {
    check("law 3 (planning never writes)", scenarios(), scenario -> {
      try (World world = seeded(scenario)) {
        Map<Side, Map<ResourceKey, Fingerprint>> before = states(world);
        Plan plan = plan(world, scenario, PlanOptions.defaults());
        plan(world, scenario, PlanOptions.builder().approvedPlanId(plan.id()).build());
        Sync.between(world.git().reader(), scenario.gitScope(), world.kestra().reader(), scenario.kestraScope())
            .withPolicy(scenario.policy()).withWriters(world.git().writer(), world.kestra().writer())
            .withReviewer(world.kestra().reviewer()).plan();
        assertEquals(before, states(world), "planning changed a side");
      }
    });
  }

  /**
   * Law 4. A case counts towards the law's floor only when protection made a difference: the same
   * sides planned with no namespace protected (and no guard to approve) delete a resource the
   * scenario's policy protects. Counting the protected resources merely present would let a
   * generator that never plans a deletion near them pass. Generated policies seldom make that
   * difference (about one case in a hundred deletes, with a protected namespace in scope holding
   * something only the target has), so in three cases of four the policy deletes what is missing
   * and protects the namespace of one resource that a plan without protection deletes.
   */
  @Test
  public void law04_protectedNamespaces_areNeverDeleted() {
    AtomicInteger wouldDelete = new AtomicInteger();
    check("law 4 (protected namespaces)", scenarios().zip(integers().between(0, 1000), Picked::new), input -> {
      try (World world = seeded(input.scenario())) {
        Scenario scenario = input.pick() % 4 == 0 ? input.scenario()
            : protectingADeletion(world, input.scenario(), input.pick() / 4);
        Map<Side, Map<ResourceKey, Fingerprint>> before = states(world);
        List<Change> spared = protectedDeletions(world, scenario);
        if (!spared.isEmpty()) {
          wouldDelete.incrementAndGet();
        }
        apply(world, approved(world, scenario));
        Map<Side, Map<ResourceKey, Fingerprint>> after = states(world);
        for (Side side : Side.values()) {
          for (ResourceKey key : before.get(side).keySet()) {
            if (scenario.policy().isProtected(key.protectionNamespace())) {
              assertTrue(after.get(side).containsKey(key), () -> key + " in a protected namespace was deleted in " + side);
            }
          }
        }
        for (Change change : spared) {
          assertTrue(after.get(change.side()).containsKey(change.key()), () -> change.key() + " was deleted in "
              + change.side() + " though its namespace or its source's namespace is protected");
        }
      }
    });
    // Seen across seeds: 127 to 147 of 1000 in memory, 3 to 11 of 60 on Git, 24 to 42 of 200 or 300 and
    // 13 to 22 of 150 on the emulated Kestra versions. Cases come in clusters: the floor sits well below.
    atLeast("law 4 protected a resource a plan without protection deletes", wouldDelete, examples() / 40);
  }

  /**
   * The scenario deleting what is missing and also protecting the namespace (or the tenant-global
   * resources) of one resource a plan of the seeded world deletes without protection; deleting
   * only when nothing would be deleted.
   */
  private static Scenario protectingADeletion(World world, Scenario scenario, int pick) {
    Scenario deleting = withPolicy(scenario, scenario.policy().withWhenMissingInSource(WhenMissing.DELETE));
    List<Change> deletions = unprotectedDeletions(world, deleting);
    if (deletions.isEmpty()) {
      return deleting;
    }
    Set<String> protectedNamespaces = new HashSet<>(deleting.policy().protectedNamespaces());
    protectedNamespaces.add(deletions.get(pick % deletions.size()).key().protectionNamespace());
    return withPolicy(deleting, deleting.policy().withProtectedNamespaces(protectedNamespaces));
  }

  /**
   * The deletions a plan of the same sides with nothing protected makes of resources the scenario
   * protects, by their own namespace or by their source's (a mapped namespace).
   */
  private static List<Change> protectedDeletions(World world, Scenario scenario) {
    Policy policy = scenario.policy();
    return unprotectedDeletions(world, scenario).stream()
        .filter(c -> policy.isProtected(c.key().protectionNamespace())
            || policy.isProtected(c.sourceKey().protectionNamespace()))
        .toList();
  }

  /** The deletions a plan of the seeded world makes with nothing protected and no guard. */
  private static List<Change> unprotectedDeletions(World world, Scenario scenario) {
    Policy unprotected = scenario.policy().withProtectedNamespaces(Set.of()).withGuards(Guards.none());
    return plan(world, withPolicy(scenario, unprotected), PlanOptions.defaults()).changes().stream()
        .filter(c -> c.action() == Action.DELETE)
        .toList();
  }

  @Test
  public void law05_keepNeverDeletes_andFailWithMissingWritesNothing() {
    AtomicInteger kept = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    check("law 5 (KEEP and FAIL)", scenarios(), scenario -> {
      Scenario keep = withPolicy(scenario, scenario.policy().withWhenMissingInSource(WhenMissing.KEEP));
      try (World world = seeded(keep)) {
        Map<Side, Map<ResourceKey, Fingerprint>> before = states(world);
        Plan plan = approved(world, keep);
        if (plan.summary().keep() > 0) {
          kept.incrementAndGet();
        }
        apply(world, plan);
        Map<Side, Map<ResourceKey, Fingerprint>> after = states(world);
        for (Side side : Side.values()) {
          assertTrue(after.get(side).keySet().containsAll(before.get(side).keySet()), () -> "KEEP deleted in " + side);
        }
      }
      Scenario failing = withPolicy(scenario, scenario.policy().withWhenMissingInSource(WhenMissing.FAIL));
      try (World world = seeded(failing)) {
        Map<Side, Map<ResourceKey, Fingerprint>> before = states(world);
        Plan plan = approved(world, failing);
        boolean missing = plan.changes().stream().anyMatch(c -> c.reason() == Reason.POLICY_FAIL);
        if (missing) {
          failed.incrementAndGet();
          assertFalse(plan.isApplyable(), "FAIL with missing resources must not be applyable");
          Applier applier = Applier.to(world.git().writer(), world.kestra().writer());
          if (plan.hasWrites()) {
            assertThrows(IllegalStateException.class, () -> applier.apply(plan));
          }
          assertEquals(before, states(world), "FAIL with missing resources wrote something");
        }
      }
    });
    atLeast("law 5 kept something", kept, examples() / 15);
    atLeast("law 5 failed on something missing", failed, examples() / 15);
  }

  @Test
  public void law06_sourceOfTruth_isNeverWritten() {
    AtomicInteger written = new AtomicInteger();
    check("law 6 (the source of truth is never written)", scenarios(), scenario -> {
      try (World world = seeded(scenario)) {
        Map<Side, Map<ResourceKey, Fingerprint>> before = states(world);
        apply(world, approved(world, scenario));
        Map<Side, Map<ResourceKey, Fingerprint>> after = states(world);
        for (Side side : Side.values()) {
          for (ResourceKey key : changedKeys(before.get(side), after.get(side))) {
            written.incrementAndGet();
            assertFalse(scenario.policy().sourceOfTruth(key.kind()) == side,
                () -> key + " was written in " + side + ", its source of truth");
          }
        }
      }
    });
    atLeast("law 6 wrote something", written, examples() / 5);
  }

  /**
   * Law 7. A case counts as held back when its plan holds a deletion back for an entry of the source
   * that cannot be read or is not a valid document. Generated scenarios seldom put such an entry
   * beside a would-be deletion (about one case in twenty: none in 60 cases on Git for some seeds), so
   * the law makes that situation itself: in half the cases the target holds one more resource that
   * only it holds and the source, beside it, an entry that cannot be read or is not valid; in a
   * quarter only that resource, for a deletion to run; the last quarter is as generated.
   */
  @Test
  public void law07_unreadableOrInvalid_neverCauseADelete() {
    AtomicInteger deletes = new AtomicInteger();
    AtomicInteger heldBack = new AtomicInteger();
    check("law 7 (unreadable or invalid entries never cause a delete)",
        scenarios().zip(integers().between(0, 1000), Picked::new), input -> {
      Scenario generated = withPolicy(input.scenario(),
          input.scenario().policy().withWhenMissingInSource(WhenMissing.DELETE));
      try (World world = seeded(generated)) {
        int way = input.pick() % 4;
        Scenario scenario = way == 0 ? generated : withOneOnlyInTarget(world, generated, input.pick() / 4, way >= 2);
        Map<Side, Map<ResourceKey, Fingerprint>> before = states(world);
        Plan plan = approved(world, scenario);
        if (plan.changes().stream().anyMatch(c -> c.reason() == Reason.INCOMPLETE_SOURCE)) {
          heldBack.incrementAndGet();
        }
        apply(world, plan);
        Map<Side, Map<ResourceKey, Fingerprint>> after = states(world);
        for (Side side : Side.values()) {
          List<ResourceKey> deleted = deletedKeys(before.get(side), after.get(side));
          if (!deleted.isEmpty()) {
            deletes.incrementAndGet();
          }
          for (ResourceKey key : deleted) {
            String sourceNs = counterpartNamespace(scenario.policy(), key.namespace(), side);
            for (Seed seed : scenario.seeds(side.other())) {
              assertFalse(!seed.isReadable() && seed.key().kind() == key.kind()
                      && seed.key().namespace().equals(sourceNs),
                  () -> key + " was deleted in " + side + " while " + seed + " could not be read in " + side.other());
            }
            for (Seed seed : scenario.seeds(side)) {
              assertFalse(!seed.isReadable() && seed.key().equals(key), () -> "invalid " + seed + " was deleted");
            }
          }
        }
      }
    });
    // Seen across seeds, deleted and held back: 188 to 233 and 227 to 276 of 1000 in memory, 11 to 19 and
    // 9 to 18 of 60 on Git, 24 to 66 and 25 to 85 of 150 to 300 on the emulated Kestra versions.
    atLeast("law 7 deleted something", deletes, examples() / 25);
    atLeast("law 7 held a deletion back for an unreadable or invalid entry", heldBack, examples() / 50);
  }

  @Test
  public void law08_inputOrder_doesNotChangeThePlan() {
    check("law 8 (determinism)", scenarios().zip(longs().all(), Shuffled::new), input -> {
      try (World world = seeded(input.scenario())) {
        Snapshot git = world.git().reader().read(input.scenario().gitScope());
        Snapshot kestra = readKestra(world, input.scenario(), git);
        Plan plan = Planner.plan(git, kestra, input.scenario().policy());
        Random random = new Random(input.shuffle());
        Plan shuffled = Planner.plan(shuffle(kestra, random), shuffle(git, random), input.scenario().policy());
        assertEquals(plan.id(), shuffled.id());
        assertEquals(plan, shuffled);
        assertEquals(PlanText.render(plan), PlanText.render(shuffled));
      }
    });
  }

  @Test
  public void law09_resourceChangedAfterPlanning_isNotOverwritten() {
    AtomicInteger tampered = new AtomicInteger();
    check("law 9 (stale changes are not written)", scenarios().zip(integers().between(0, 1000), Picked::new), input -> {
      Scenario scenario = input.scenario();
      try (World world = seeded(scenario)) {
        Plan plan = approved(world, scenario);
        if (!plan.isApplyable() || !plan.hasWrites()) {
          return;
        }
        Change victim = plan.writes().get(input.pick() % plan.writes().size());
        Content changed = tamperedContent(victim.key(), input.pick());
        world.side(victim.side()).tamper(victim.key(), changed);
        tampered.incrementAndGet();
        ApplyResult result = Applier.to(world.git().writer(), world.kestra().writer()).apply(plan);
        ChangeResult outcome = result.result(victim).orElseThrow();
        assertTrue(outcome.outcome() == Outcome.STALE || outcome.outcome() == Outcome.SKIPPED,
            () -> victim.key() + " was " + outcome.outcome() + " after being changed behind the plan's back");
        assertEquals(Optional.of(changed.fingerprint()),
            Optional.ofNullable(world.side(victim.side()).state().get(victim.key())),
            () -> victim.key() + " was overwritten");
      }
    });
    atLeast("law 9 tampered with a planned change", tampered, examples() / 5);
  }

  @Test
  public void law10_roundTrips() {
    check("law 10 (round trips)", scenarios().zip(integers().between(0, 3), Picked::new), input -> {
      Scenario scenario = input.scenario();
      try (World world = seeded(scenario)) {
        Plan plan = plan(world, scenario, PlanOptions.defaults());
        String json = PlanJson.write(plan);
        Plan read = PlanJson.read(json);
        assertEquals(plan, read, "plan JSON does not read back equal");
        assertEquals(json, PlanJson.write(read));
      }
      for (Seed seed : scenario.git()) {
        if (seed.isReadable() && seed.key().kind().isYaml() && seed.key().kind().isNamespaced()) {
          String text = seed.content().orElseThrow().text().orElseThrow();
          YamlDocument doc = YamlDocument.parse(text).document().orElseThrow();
          String elsewhere = Generators.NAMESPACES.get(input.pick() % Generators.NAMESPACES.size()) + ".x";
          YamlDocument there = doc.withNamespace(elsewhere).document().orElseThrow();
          assertEquals(elsewhere, there.namespace().orElseThrow());
          assertEquals(text, there.withNamespace(doc.namespace().orElseThrow()).document().orElseThrow().text());
        }
      }
      adapterRoundTrip(scenario);
    });
  }

  /**
   * Law 11: a read that fails, is cut short or is malformed never causes a delete on the other side.
   * Each case seeds a world, spoils one side's read in one of the ways that side supports (see
   * {@link SideHarness#spoil}), and plans with deletions on and no guard (for wrong answers, also
   * before spoiling, honestly): either planning fails with an error in words, or the plan deletes
   * nothing the spoilt read may have hidden. That is nothing in its reach when the side's store is
   * damaged (the damage may hide anything there), and nothing in its reach that an honest read keeps
   * when a server's answers are wrong (see {@link Misread#isAnswer()}: they hide only what is stored).
   */
  @Test
  public void law11_hostileReads_neverCauseADelete() {
    Map<Side, Set<Misread>> ways = new EnumMap<>(Side.class);
    try (World probe = newWorld()) {
      ways.put(Side.GIT, probe.git().misreads());
      ways.put(Side.KESTRA, probe.kestra().misreads());
    }
    AtomicInteger exposed = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    AtomicInteger held = new AtomicInteger();
    AtomicInteger honest = new AtomicInteger();
    Map<Misread, AtomicInteger> seen = new EnumMap<>(Misread.class);
    check("law 11 (a hostile read never causes a delete)", Generators.hostileScenarios(capabilities(), ways),
        hostileExamples(), input -> {
      HostileRead read = input.read();
      Scenario generated = input.scenario();
      Scenario scenario = withPolicy(generated, generated.policy().withWhenMissingInSource(WhenMissing.DELETE)
          .withGuards(Guards.none()));
      Side other = read.side().other();
      try (World world = seeded(scenario)) {
        Set<ResourceKey> honestDeletes = read.how().isAnswer() ? deletes(world, scenario) : Set.of();
        Spoilt spoilt = world.side(read.side()).spoil(read);
        Reach reach = spoilt.reach();
        seen.computeIfAbsent(read.how(), k -> new AtomicInteger()).incrementAndGet();
        Plan plan;
        try {
          plan = plan(world, scenario, PlanOptions.defaults());
        } catch (RuntimeException e) {
          assertInWords(e, read);
          refused.incrementAndGet();
          return;
        }
        if (!spoilt.wentWrong().getAsBoolean()) {
          honest.incrementAndGet();
        } else if (exposes(scenario, read.side(), reach)) {
          exposed.incrementAndGet();
        }
        if (plan.changes().stream()
            .anyMatch(c -> c.action() == Action.BLOCKED || c.reason() == Reason.INCOMPLETE_SOURCE)) {
          held.incrementAndGet();
        }
        for (Change change : plan.changes()) {
          assertFalse(change.action() == Action.DELETE && change.side() == other
                  && reach.covers(change.sourceKey().kind(), change.sourceKey().namespace())
                  && !honestDeletes.contains(change.key()),
              () -> change.key() + " is deleted in " + other.displayName() + " while " + read + " may have hidden "
                  + reach + (read.how().isAnswer() ? ", and an honest read does not delete it" : "") + ":\n"
                  + PlanText.render(plan));
        }
      }
    });
    if (Boolean.getBoolean("driftless.printCounts")) {
      System.out.println("COUNT law 11 misreads: " + seen);
      System.out.println("COUNT law 11 reads that were honest after all: " + honest.get());
    }
    // Seen from 22 to 47 of 200 across seeds: scenarios come in clusters, so the floor sits well below.
    atLeast("law 11 planned from a bad read where the other side held something to delete", exposed,
        hostileExamples(), hostileExamples() / 40);
    atLeast("law 11 saw planning fail", refused, hostileExamples(), hostileExamples() / 20);
    atLeast("law 11 saw a plan hold something back", held, hostileExamples(), hostileExamples() / 20);
  }

  /** Whether the other side holds, in scope, a resource of the spoilt side's reach that it is the source of. */
  private static boolean exposes(Scenario scenario, Side spoilt, Reach reach) {
    Side other = spoilt.other();
    for (Seed seed : scenario.seeds(other)) {
      ResourceKey key = seed.key();
      if (scenario.scope(other).contains(key) && scenario.policy().sourceOfTruth(key.kind()) == spoilt
          && reach.covers(key.kind(), counterpartNamespace(scenario.policy(), key.namespace(), other))) {
        return true;
      }
    }
    return false;
  }

  /** The keys an honest plan deletes; none when it cannot be made. */
  private static Set<ResourceKey> deletes(World world, Scenario scenario) {
    try {
      Set<ResourceKey> out = new HashSet<>();
      plan(world, scenario, PlanOptions.defaults()).changes().stream().filter(c -> c.action() == Action.DELETE)
          .forEach(c -> out.add(c.key()));
      return out;
    } catch (DriftlessException e) {
      return Set.of();
    }
  }

  /** How many cases law 11 runs: {@link #examples()} unless a suite says otherwise. */
  protected int hostileExamples() {
    return examples();
  }

  /**
   * A failure the user can read: one of the engine's exceptions, its message naming no Java class and
   * carrying no stack trace.
   */
  private static void assertInWords(RuntimeException e, HostileRead read) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertTrue(e instanceof DriftlessException, () -> read + " made planning fail with " + e.getClass().getName()
        + " rather than an error in words:\n" + trace);
    String message = String.valueOf(e.getMessage());
    assertFalse(message.isBlank() || message.contains("Exception") || message.contains("OutOfMemory")
            || message.contains("\tat ") || JAVA_CLASS.matcher(message).find(),
        () -> read + " made planning fail with a message that is not in words: " + message + "\n" + trace);
  }

  // ---------------------------------------------------------------------------------------------
  // Running

  /** A generated case and a seed to shuffle its snapshots with. */
  /**
   * Law 12: the mass-deletion guard holds back all of a side's deletions or none, exactly the
   * deletions the same sides planned without a guard make there, and as its model
   * ({@link Guards#tripped}) says: a guard allowing that many deletions in advance, or no guard,
   * holds nothing back; approving the held plan's id releases exactly them under the same id; and a
   * plan held only by the guard says so ({@link Plan#isHeldOnlyByGuards}).
   */
  @Test
  public void law12_theGuard_holdsBackASidesDeletionsAsItsModelSays() {
    AtomicInteger held = new AtomicInteger();
    check("law 12 (the guard holds back what its model says)", scenarios(), generated -> {
      // Deletions on, so that there is something to hold back.
      Scenario scenario = withPolicy(generated, generated.policy().withWhenMissingInSource(WhenMissing.DELETE));
      try (World world = seeded(scenario)) {
        Plan free = plan(world, withPolicy(scenario, scenario.policy().withGuards(Guards.none())), PlanOptions.defaults());
        // The scenario's guard, and one strict enough to hold back any deletion the small worlds make.
        Guards strict = scenario.policy().guards().withRefuseDeletingEverything(true).withMaxDeleteShare(0)
            .withMinPopulation(0);
        for (Guards guards : List.of(scenario.policy().guards(), strict)) {
          if (guarded(world, withPolicy(scenario, scenario.policy().withGuards(guards)), free)) {
            held.incrementAndGet();
          }
        }
      }
    });
    atLeast("law 12 held deletions back", held, examples() / 20);
  }

  /** Law 12 for one guard; whether it held anything back. */
  private static boolean guarded(World world, Scenario scenario, Plan free) {
    Guards guards = scenario.policy().guards();
    Plan plan = plan(world, scenario, PlanOptions.defaults());
    int most = 0;
    boolean any = false;
    for (Side side : Side.values()) {
      Set<ResourceKey> deletes = keys(free, side, c -> c.action() == Action.DELETE);
      Set<ResourceKey> guarded = keys(plan, side, c -> c.reason() == Reason.GUARD_MASS_DELETE);
      most = Math.max(most, deletes.size());
      if (guarded.isEmpty()) {
        continue;
      }
      any = true;
      assertEquals(deletes, guarded, () -> "the guard held back some of " + side.displayName()
          + "'s deletions, not all or none:\n" + PlanText.render(plan));
      assertFalse(guards.isNone(), () -> "no guard, yet deletions were held back:\n" + PlanText.render(plan));
      assertTrue(guards.allowedDeletes().orElse(-1) < deletes.size(), () -> "a guard allowing "
          + guards.allowedDeletes() + " deletions held back " + deletes.size() + ":\n" + PlanText.render(plan));
    }
    if (!any) {
      return false;
    }
    assertEquals(free.isApplyable(), plan.isHeldOnlyByGuards(), () -> "held only by the guard (or not), yet:\n"
        + PlanText.render(plan));
    int allowance = most;
    Plan allowed = plan(world, withPolicy(scenario, scenario.policy().withGuards(guards.withAllowedDeletes(most))),
        PlanOptions.defaults());
    assertTrue(allowed.changes().stream().noneMatch(c -> c.reason() == Reason.GUARD_MASS_DELETE),
        () -> "allowing " + allowance + " deletions in advance still held some back:\n" + PlanText.render(allowed));
    Plan approved = plan(world, scenario, PlanOptions.builder().approvedPlanId(plan.id()).build());
    assertEquals(plan.id(), approved.id());
    assertEquals(free.changes().stream().map(Change::action).toList(),
        approved.changes().stream().map(Change::action).toList(), "approving the id releases exactly what it held");
    return true;
  }

  private static Set<ResourceKey> keys(Plan plan, Side side, java.util.function.Predicate<Change> which) {
    Set<ResourceKey> out = new HashSet<>();
    plan.changes().stream().filter(c -> c.side() == side && which.test(c)).forEach(c -> out.add(c.key()));
    return out;
  }

  protected record Shuffled(Scenario scenario, long shuffle) {}

  /** A generated case and a number to pick something in it with. */
  protected record Picked(Scenario scenario, int pick) {}

  protected Gen<Scenario> scenarios() {
    return Generators.scenarios(capabilities());
  }

  /** Runs a property over {@link #examples()} cases from a fixed seed, naming the seed on failure. */
  protected <T> void check(String law, Gen<T> gen, Consumer<T> property) {
    check(law, gen, examples(), property);
  }

  /** Runs a property over {@code cases} cases from a fixed seed, naming the seed on failure. */
  protected <T> void check(String law, Gen<T> gen, int cases, Consumer<T> property) {
    long seed = Long.getLong("driftless.seed", ThreadLocalRandom.current().nextLong());
    lastSeed = seed;
    try {
      qt().withFixedSeed(seed).withExamples(cases).withShrinkCycles(200).forAll(gen).checkAssert(property);
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(law + " failed with seed " + seed + "; reproduce with -Ddriftless.seed=" + seed
          + "\n" + e.getMessage(), e);
    }
  }

  private void atLeast(String what, AtomicInteger count, int minimum) {
    atLeast(what, count, examples(), minimum);
  }

  private void atLeast(String what, AtomicInteger count, int cases, int minimum) {
    if (Boolean.getBoolean("driftless.printCounts")) {
      System.out.println("COUNT " + what + ": " + count.get() + " of " + cases);
    }
    if (count.get() < minimum) {
      fail(what + " in only " + count.get() + " of " + cases + " cases (expected at least " + minimum
          + ") with seed " + lastSeed + ": the generator no longer exercises this law; reproduce with"
          + " -Ddriftless.seed=" + lastSeed);
    }
  }

  private World seeded(Scenario scenario) {
    World world = newWorld();
    try {
      world.git().seed(scenario.git());
      world.kestra().seed(scenario.kestra());
      return world;
    } catch (RuntimeException e) {
      world.close();
      throw e;
    }
  }

  /**
   * Reads and plans as the engine's callers do: Git first, then Kestra, looking also into the
   * namespaces Git holds (a Kestra that cannot list a namespace holding only files reads it then),
   * and with Kestra's review of what the plan writes to it.
   */
  protected static Plan plan(World world, Scenario scenario, PlanOptions options) {
    Snapshot git = world.git().reader().read(scenario.gitScope());
    Snapshot kestra = readKestra(world, scenario, git);
    return Planner.plan(git, kestra, scenario.policy(), options, world.kestra().reviewer());
  }

  private static Snapshot readKestra(World world, Scenario scenario, Snapshot git) {
    return world.kestra().reader().read(scenario.kestraScope(), Planner.kestraNamespacesOf(git, scenario.policy()));
  }

  /** The plan, approved when a guard held deletions back (the laws are about what runs). */
  protected static Plan approved(World world, Scenario scenario) {
    Plan plan = plan(world, scenario, PlanOptions.defaults());
    if (plan.changes().stream().noneMatch(c -> c.reason() == Reason.GUARD_MASS_DELETE)) {
      return plan;
    }
    Plan again = plan(world, scenario, PlanOptions.builder().approvedPlanId(plan.id()).build());
    assertEquals(plan.id(), again.id(), "planning the same state twice gave two ids");
    return again;
  }

  protected static Optional<ApplyResult> apply(World world, Plan plan) {
    if (!plan.isApplyable() || !plan.hasWrites()) {
      return Optional.empty();
    }
    return Optional.of(Applier.to(world.git().writer(), world.kestra().writer()).apply(plan));
  }

  private static Map<Side, Map<ResourceKey, Fingerprint>> states(World world) {
    Map<Side, Map<ResourceKey, Fingerprint>> out = new EnumMap<>(Side.class);
    out.put(Side.GIT, new HashMap<>(world.git().state()));
    out.put(Side.KESTRA, new HashMap<>(world.kestra().state()));
    return out;
  }

  private static List<ResourceKey> changedKeys(Map<ResourceKey, Fingerprint> before, Map<ResourceKey, Fingerprint> after) {
    List<ResourceKey> out = new ArrayList<>();
    before.forEach((k, v) -> {
      if (!v.equals(after.get(k))) {
        out.add(k);
      }
    });
    after.keySet().stream().filter(k -> !before.containsKey(k)).forEach(out::add);
    return out;
  }

  private static List<ResourceKey> deletedKeys(Map<ResourceKey, Fingerprint> before, Map<ResourceKey, Fingerprint> after) {
    return before.keySet().stream().filter(k -> !after.containsKey(k)).toList();
  }

  /** The namespace on the other side that a namespace on {@code side} corresponds to. */
  protected static String counterpartNamespace(Policy policy, String namespace, Side side) {
    boolean fromSourceOfTruth = side == policy.sourceOfTruth();
    return policy.namespaceMapping().map(namespace, fromSourceOfTruth);
  }

  /** The scenario with Git holding exactly Kestra's entries, carried through the namespace mapping. */
  private static Scenario mirrored(Scenario scenario) {
    List<Seed> git = new ArrayList<>();
    for (Seed seed : scenario.kestra()) {
      String ns = counterpartNamespace(scenario.policy(), seed.key().namespace(), Side.KESTRA);
      ResourceKey key = seed.key().withNamespace(ns);
      git.add(switch (seed.state()) {
        case PRESENT -> Seed.present(key, inNamespace(seed.content().orElseThrow(), key));
        case INVALID -> Seed.invalid(key, seed.content().orElseThrow());
        case UNREADABLE -> Seed.unreadable(key);
      });
    }
    return scenario.withSides(git, scenario.kestra());
  }

  private static Content inNamespace(Content content, ResourceKey key) {
    if (!key.kind().isYaml() || !key.kind().isNamespaced()) {
      return content;
    }
    YamlDocument doc = YamlDocument.parse(content).document().orElseThrow();
    return Content.ofText(doc.withNamespace(key.namespace()).document().orElseThrow().text());
  }

  /**
   * The scenario with one more resource that only the target holds, and the world seeded with it. It
   * goes beside a resource that the plan of the seeded world creates, updates or leaves as it is (so
   * in scope, selected and not protected), in a kind and namespace where that plan neither deletes
   * nor holds anything back: the scenario's own deletions still run, and nothing else holds this one
   * back. When {@code damaged}, the source also holds, beside it, an entry that cannot be read or is
   * not a valid document: the situation where a careless sync deletes. The scenario as it is when the
   * plan has no such resource.
   */
  private Scenario withOneOnlyInTarget(World world, Scenario scenario, int pick, boolean damaged) {
    Policy policy = scenario.policy();
    List<Change> changes =
        plan(world, withPolicy(scenario, policy.withGuards(Guards.none())), PlanOptions.defaults()).changes();
    Set<Place> busy = new HashSet<>();
    changes.stream().filter(c -> c.action() == Action.DELETE || c.action() == Action.BLOCKED)
        .forEach(c -> busy.add(Place.of(c.key())));
    List<Change> candidates = changes.stream()
        .filter(c -> c.action() == Action.CREATE || c.action() == Action.UPDATE || c.action() == Action.NO_OP)
        .filter(c -> !busy.contains(Place.of(c.key())) && !policy.isProtected(c.key().protectionNamespace())
            && !policy.isProtected(c.sourceKey().protectionNamespace()))
        .toList();
    for (int i = 0; i < candidates.size(); i++) {
      Change near = candidates.get((pick / 4 + i) % candidates.size());
      Side target = near.side();
      Side source = near.sourceSide();
      ResourceKind kind = near.key().kind();
      boolean unreadable = capabilities().unreadableOn(source) && (pick % 4 == 0 || !kind.isYaml()
          || !capabilities().invalidOn(source));
      String name = near.key().name();
      // Selected by the globs that select its neighbour, as far as names allow: a path keeps its last
      // segment, an id its start.
      ResourceKey onlyInTarget = new ResourceKey(kind, near.key().namespace(),
          kind.isPath() ? "extra/" + name : name + "_extra");
      ResourceKey damagedKey = new ResourceKey(kind, near.sourceKey().namespace(),
          kind.isPath() ? "broken/" + name : "broken_" + name);
      if (damaged && !unreadable && (!kind.isYaml() || !capabilities().invalidOn(source))
          || !policy.selector().selects(onlyInTarget)
          || scenario.seeds(target).stream().anyMatch(s -> s.key().equals(onlyInTarget))
          || scenario.seeds(source).stream().anyMatch(s -> s.key().equals(damagedKey))) {
        continue;
      }
      List<Seed> targetSeeds = new ArrayList<>(scenario.seeds(target));
      targetSeeds.add(Seed.present(onlyInTarget, Generators.content(onlyInTarget, pick, false)));
      world.side(target).seed(targetSeeds);
      List<Seed> sourceSeeds = new ArrayList<>(scenario.seeds(source));
      if (damaged) {
        sourceSeeds.add(unreadable ? Seed.unreadable(damagedKey)
            : Seed.invalid(damagedKey, Content.ofText("id: " + damagedKey.name() + "\nnamespace: [oops\n")));
        world.side(source).seed(sourceSeeds);
      }
      return source == Side.GIT ? scenario.withSides(sourceSeeds, targetSeeds)
          : scenario.withSides(targetSeeds, sourceSeeds);
    }
    return scenario;
  }

  /** A kind in a namespace: where an unreadable entry holds deletions back. */
  private record Place(ResourceKind kind, String namespace) {

    static Place of(ResourceKey key) {
      return new Place(key.kind(), key.namespace());
    }
  }

  private static Scenario withPolicy(Scenario scenario, Policy policy) {
    return new Scenario(policy, scenario.gitScope(), scenario.kestraScope(), scenario.git(), scenario.kestra());
  }

  private static Snapshot shuffle(Snapshot snapshot, Random random) {
    List<SnapshotEntry> entries = new ArrayList<>(snapshot.entries());
    Collections.shuffle(entries, random);
    return Snapshot.builder().side(snapshot.side()).scope(snapshot.scope()).identity(snapshot.identity())
        .addAllEntries(entries).addAllDiagnostics(snapshot.diagnostics()).build();
  }

  /** Valid content of the key's kind that no plan would write, for changing a resource behind a plan. */
  private static Content tamperedContent(ResourceKey key, int salt) {
    if (!key.kind().isYaml()) {
      return Content.ofText("changed behind the plan's back " + salt + "\n");
    }
    String ns = key.isGlobal() ? "" : "namespace: " + key.namespace() + "\n";
    String body = switch (key.kind()) {
      case FLOW -> "tasks:\n  - id: t\n    type: io.kestra.plugin.core.log.Log\n    message: tampered\n";
      case DASHBOARD -> "title: tampered\ncharts: []\n";
      default -> "flowId: a\n";
    };
    return Content.ofText("# changed behind the plan's back " + salt + "\nid: " + key.name() + "\n" + ns + body);
  }

  private static String failures(ApplyResult result) {
    StringBuilder out = new StringBuilder();
    for (ChangeResult r : result.results()) {
      if (!r.outcome().isSuccess()) {
        out.append("  ").append(r.outcome()).append(' ').append(r.change().key()).append(": ")
            .append(r.cause().orElse("")).append('\n');
      }
    }
    return out.toString();
  }
}
