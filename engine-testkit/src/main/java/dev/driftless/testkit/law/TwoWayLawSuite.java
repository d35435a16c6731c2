package dev.driftless.testkit.law;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;

import dev.driftless.apply.ApplyResult;
import dev.driftless.core.apply.Applier;
import dev.driftless.core.apply.Baselines;
import dev.driftless.core.plan.Planner;
import dev.driftless.core.render.PlanText;
import dev.driftless.plan.Action;
import dev.driftless.plan.Change;
import dev.driftless.plan.Plan;
import dev.driftless.plan.PlanOptions;
import dev.driftless.plan.Reason;
import dev.driftless.plan.Reconciliation;
import dev.driftless.port.ChangeWriter;
import dev.driftless.port.WriteIntent;
import dev.driftless.port.WriteSession;
import dev.driftless.resource.Content;
import dev.driftless.resource.Fingerprint;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Baseline;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.testkit.gen.TwoWayGenerators;
import dev.driftless.testkit.gen.TwoWayScenario;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The laws of a two-way sync as seeded properties over generated scenarios
 * ({@link TwoWayGenerators}): no lost edit, convergence, symmetry, two runners of one plan.
 * Subclasses give a fresh {@link World} per case; each law runs {@link #examples()} cases (1000 by default, or the system
 * property {@code driftless.examples}), from the seed of {@code driftless.seed} or a random one, named
 * on failure. The scenario's baseline is recorded through the side that keeps it (Git's writer), and
 * every apply moves it there, as a sync does; each law checks that enough cases exercised it (a
 * merge, a conflict, an apply).
 */
public abstract class TwoWayLawSuite {

  private long lastSeed;

  /** A fresh pair of sides, empty. */
  protected abstract World newWorld();

  protected int examples() {
    return Integer.getInteger("driftless.examples", 1000);
  }

  protected Gen<TwoWayScenario> scenarios() {
    return TwoWayGenerators.scenarios();
  }

  /**
   * No lost edit: every edit made on either side since the baseline is, after the apply, on both
   * sides (as it was made, or inside a merge), or the plan reported it: a conflict (blocked, or
   * settled by onConflict, which the plan says), or held back (protected, guarded), leaving the
   * side that made it as it was and the baseline where it was. Never overwritten silently.
   */
  @Test
  public void twoWay01_noEditIsLost() {
    AtomicInteger merged = new AtomicInteger();
    AtomicInteger conflicts = new AtomicInteger();
    check("two-way law 1 (no lost edit)", scenarios(), scenario -> {
      try (World world = seeded(scenario)) {
        Plan plan = approved(world, scenario);
        Optional<ApplyResult> result = apply(world, plan);
        result.ifPresent(r -> assertTrue(r.isComplete(), () -> "apply incomplete: " + r.line()));
        Map<ResourceKey, Content> git = contents(world.git());
        Map<ResourceKey, Content> kestra = contents(world.kestra());
        Map<ResourceKey, Content> base = scenario.baseline().entries();
        for (Side side : Side.values()) {
          Map<ResourceKey, Content> edited = TwoWayScenario.contents(side == Side.GIT ? scenario.git() : scenario.kestra());
          Set<ResourceKey> keys = new TreeSet<>(edited.keySet());
          keys.addAll(base.keySet());
          for (ResourceKey key : keys) {
            Optional<Content> was = Optional.ofNullable(base.get(key));
            Optional<Content> made = Optional.ofNullable(edited.get(key));
            if (made.equals(was) && scenario.baseline().isRecorded()) {
              continue;
            }
            List<Change> rows = plan.changes().stream().filter(c -> c.key().equals(key)).toList();
            if (rows.stream().anyMatch(c -> c.reason().isConflict() || c.reason() == Reason.CONFLICT_RESOLVED)) {
              conflicts.incrementAndGet();
              continue;
            }
            if (rows.stream().anyMatch(c -> !c.action().isWrite() && c.action() != Action.NO_OP)) {
              assertEquals(made, Optional.ofNullable((side == Side.GIT ? git : kestra).get(key)),
                  () -> key + ": held back, but " + side + "'s copy changed\n" + PlanText.render(plan));
              Reconciliation row = plan.reconciliation(key).orElseThrow();
              assertEquals(row.base(), row.next(), () -> key + ": held back, but the baseline moved");
              continue;
            }
            Optional<Content> onGit = Optional.ofNullable(git.get(key));
            Optional<Content> onKestra = Optional.ofNullable(kestra.get(key));
            assertEquals(onGit, onKestra, () -> key + ": the sides differ after the apply\n" + PlanText.render(plan));
            if (rows.stream().anyMatch(c -> c.reason() == Reason.MERGED)) {
              merged.incrementAndGet();
              assertTrue(contains(onGit.orElseThrow(), made.orElseThrow(), was.orElseThrow()),
                  () -> key + ": the merge lost " + side + "'s edit\n" + PlanText.render(plan));
            } else {
              assertEquals(made, onGit, () -> key + ": " + side + "'s edit is not what both sides hold\n"
                  + PlanText.render(plan));
            }
          }
        }
      }
    });
    atLeast("two-way law 1 merged an edit", merged, examples() / 20);
    atLeast("two-way law 1 reported a conflict", conflicts, examples() / 20);
  }

  /**
   * Convergence: after an apply that settled everything (no conflict, nothing held back), both sides
   * hold the same, the baseline is exactly that, and planning again from it writes nothing.
   */
  @Test
  public void twoWay02_anApplyWithoutConflicts_converges() {
    AtomicInteger converged = new AtomicInteger();
    check("two-way law 2 (convergence)", scenarios(), scenario -> {
      try (World world = seeded(scenario)) {
        Plan plan = approved(world, scenario);
        Optional<ApplyResult> result = apply(world, plan);
        if (plan.reconciliations().stream().anyMatch(r -> !r.settled())) {
          return;
        }
        result.ifPresent(r -> assertTrue(r.isComplete(), () -> "apply incomplete: " + r.line()));
        Baseline next = result.map(r -> Baselines.after(plan, scenario.baseline(), r))
            .orElseGet(() -> plan.nextBaseline(scenario.baseline()));
        if (result.isPresent()) {
          assertEquals(next, stored(world), () -> "the baseline kept is not the one the apply settled\n"
              + PlanText.render(plan));
        }
        Map<ResourceKey, Fingerprint> git = world.git().state();
        Map<ResourceKey, Fingerprint> kestra = world.kestra().state();
        assertEquals(git, kestra, () -> "the sides differ after\n" + PlanText.render(plan));
        Map<ResourceKey, Fingerprint> recorded = new HashMap<>();
        next.entries().forEach((k, v) -> recorded.put(k, v.fingerprint()));
        assertEquals(git, recorded, "the next baseline is not what both sides hold");
        converged.incrementAndGet();
        Plan again = plan(world, scenario, next, PlanOptions.defaults());
        assertEquals(0, again.summary().writes(), () -> "after applying\n" + PlanText.render(plan)
            + "\nplanning again still writes:\n" + PlanText.render(again));
        assertEquals(next, again.nextBaseline(next), "planning again moves the baseline");
      }
    });
    atLeast("two-way law 2 converged", converged, examples() / 4);
  }

  /**
   * Symmetry: the plan of the sides swapped (and onConflict's side with them) is the mirror of the
   * plan: the same actions and reasons on the other side, each side's edits swapped, the same next
   * baseline.
   */
  @Test
  public void twoWay03_swappingTheSides_mirrorsThePlan() {
    AtomicInteger written = new AtomicInteger();
    check("two-way law 3 (symmetry)", scenarios(), scenario -> {
      Plan plan;
      Plan swapped;
      try (World world = seeded(scenario)) {
        plan = plan(world, scenario, scenario.baseline(), PlanOptions.defaults());
      }
      TwoWayScenario mirror = scenario.mirrored();
      try (World world = seeded(mirror)) {
        swapped = plan(world, mirror, mirror.baseline(), PlanOptions.defaults());
      }
      if (plan.hasWrites()) {
        written.incrementAndGet();
      }
      assertEquals(rows(plan, true), rows(swapped, false), () -> "the swapped plan is not the mirror of\n"
          + PlanText.render(plan) + "\nbut\n" + PlanText.render(swapped));
      assertEquals(plan.reconciliations().stream().map(Reconciliation::mirrored).toList(), swapped.reconciliations());
      assertEquals(plan.isApplyable(), swapped.isApplyable());
    });
    atLeast("two-way law 3 planned a write", written, examples() / 4);
  }

  /**
   * Two runners, one baseline: the same plan applied twice (a second runner that planned from the
   * same state) lands once. The second apply finds the baseline moved, or the sides changed under
   * its compare-and-swap, and writes nothing; the sides and the baseline are as the first left them,
   * and planning again from what is kept has nothing left to settle.
   */
  @Test
  public void twoWay04_twoRunnersOfOnePlan_landOnce() {
    AtomicInteger refused = new AtomicInteger();
    check("two-way law 4 (two runners, one baseline)", scenarios(), scenario -> {
      try (World world = seeded(scenario)) {
        Plan plan = approved(world, scenario);
        Optional<ApplyResult> first = apply(world, plan);
        if (first.isEmpty() || !first.get().isComplete()) {
          return;
        }
        Map<ResourceKey, Fingerprint> git = world.git().state();
        Map<ResourceKey, Fingerprint> kestra = world.kestra().state();
        Baseline kept = stored(world);
        ApplyResult second = apply(world, plan).orElseThrow();
        assertTrue(second.results().stream().noneMatch(r -> r.outcome().isSuccess()),
            () -> "the second runner wrote again: " + second.line() + "\n" + PlanText.render(plan));
        refused.incrementAndGet();
        assertEquals(git, world.git().state(), "the second runner changed Git");
        assertEquals(kestra, world.kestra().state(), "the second runner changed Kestra");
        assertEquals(kept, stored(world), "the second runner moved the baseline");
        if (plan.reconciliations().stream().allMatch(Reconciliation::settled)) {
          Plan again = plan(world, scenario, kept, PlanOptions.defaults());
          assertEquals(0, again.summary().writes(), () -> "after the first runner, planning again still writes:\n"
              + PlanText.render(again));
        }
      }
    });
    atLeast("two-way law 4 refused a second runner", refused, examples() / 4);
  }

  /** Each change that does something, as {@code key side action reason}, the side swapped when asked. */
  private static List<String> rows(Plan plan, boolean swap) {
    return plan.changes().stream().filter(c -> c.action() != Action.NO_OP)
        .map(c -> c.key().address() + " " + (swap ? c.side().other() : c.side()) + " " + c.action() + " " + c.reason()
            + " " + c.after().map(Fingerprint::shortForm).orElse("-"))
        .sorted().collect(Collectors.toList());
  }

  /** Whether every line {@code made} added to {@code was} is in {@code merged}. */
  private static boolean contains(Content merged, Content made, Content was) {
    List<String> mergedLines = List.of(merged.text().orElseThrow().split("\n", -1));
    List<String> wasLines = List.of(was.text().orElseThrow().split("\n", -1));
    for (String line : made.text().orElseThrow().split("\n", -1)) {
      if (!wasLines.contains(line) && !mergedLines.contains(line)) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // Running

  private World seeded(TwoWayScenario scenario) {
    World world = newWorld();
    try {
      world.git().seed(scenario.git());
      world.kestra().seed(scenario.kestra());
      if (scenario.baseline().isRecorded()) {
        try (WriteSession session = keeper(world).begin(new WriteIntent("seed", Set.of(), "the scenario's baseline"))) {
          session.stageBaseline(scenario.baseline());
          assertTrue(!session.commit().isRejected(), "the scenario's baseline was not recorded");
        }
      }
      return world;
    } catch (RuntimeException e) {
      world.close();
      throw e;
    }
  }

  /** Reads both sides and plans against the baseline, with Kestra's review, as the engine's callers do. */
  protected static Plan plan(World world, TwoWayScenario scenario, Baseline baseline, PlanOptions options) {
    Snapshot git = world.git().reader().read(scenario.scope());
    Snapshot kestra = world.kestra().reader().read(scenario.scope(), Planner.kestraNamespacesOf(git, scenario.policy()));
    return Planner.plan(git, kestra, baseline, scenario.policy(), options, world.kestra().reviewer());
  }

  /** The plan, approved when a guard held deletions back (the laws are about what runs). */
  private static Plan approved(World world, TwoWayScenario scenario) {
    Plan plan = plan(world, scenario, scenario.baseline(), PlanOptions.defaults());
    if (plan.changes().stream().noneMatch(c -> c.reason() == Reason.GUARD_MASS_DELETE)) {
      return plan;
    }
    Plan again = plan(world, scenario, scenario.baseline(), PlanOptions.builder().approvedPlanId(plan.id()).build());
    assertEquals(plan.id(), again.id(), "planning the same state twice gave two ids");
    return again;
  }

  private static Optional<ApplyResult> apply(World world, Plan plan) {
    if (!plan.isApplyable() || !plan.hasWork()) {
      return Optional.empty();
    }
    return Optional.of(Applier.to(world.git().writer(), world.kestra().writer()).apply(plan));
  }

  /** The writer that keeps the baseline (Git's). */
  private static ChangeWriter keeper(World world) {
    return world.git().writer().keepsBaseline() ? world.git().writer() : world.kestra().writer();
  }

  /** The baseline the keeper holds now, read as a write session reads it when it begins. */
  private static Baseline stored(World world) {
    try (WriteSession session = keeper(world).begin(new WriteIntent("read", Set.of(), "the baseline"))) {
      return session.baseline().orElseThrow(() -> new AssertionError("neither side keeps a baseline"));
    }
  }

  /** What a side holds, read through its reader in full. */
  private static Map<ResourceKey, Content> contents(SideHarness side) {
    Map<ResourceKey, Content> out = new TreeMap<>();
    side.reader().read(dev.driftless.snapshot.Scope.namespaces(TwoWayGenerators.NAMESPACES, false,
        Set.of(dev.driftless.resource.ResourceKind.FLOW, dev.driftless.resource.ResourceKind.NAMESPACE_FILE)))
        .entries().forEach(e -> e.present().ifPresent(r -> out.put(r.key(), r.content())));
    return out;
  }

  private <T> void check(String law, Gen<T> gen, Consumer<T> property) {
    long seed = Long.getLong("driftless.seed", ThreadLocalRandom.current().nextLong());
    lastSeed = seed;
    try {
      qt().withFixedSeed(seed).withExamples(examples()).withShrinkCycles(200).forAll(gen).checkAssert(property);
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(law + " failed with seed " + seed + "; reproduce with -Ddriftless.seed=" + seed
          + "\n" + e.getMessage(), e);
    }
  }

  private void atLeast(String what, AtomicInteger count, int minimum) {
    if (Boolean.getBoolean("driftless.printCounts")) {
      System.out.println("COUNT " + what + ": " + count.get() + " of " + examples());
    }
    if (count.get() < minimum) {
      fail(what + " in only " + count.get() + " of " + examples() + " cases (expected at least " + minimum
          + ") with seed " + lastSeed + ": the generator no longer exercises this law; reproduce with"
          + " -Ddriftless.seed=" + lastSeed);
    }
  }
}
