package dev.driftless.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.plan.Action;
import dev.driftless.plan.Plan;
import dev.driftless.plan.PlanOptions;
import dev.driftless.plan.Reason;
import dev.driftless.policy.Guards;
import dev.driftless.policy.Policy;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.testkit.fixture.Flows;
import dev.driftless.testkit.fixture.Snapshots;
import org.junit.jupiter.api.Test;

/**
 * The mass-deletion guard in the manner of octoDNS: a share of what a side holds in scope, judged
 * only from a minimum population, with "deleting everything from an empty source" held at any size.
 * Git is the source of truth; Kestra holds {@code held} flows of which Git keeps {@code kept}.
 */
class MassDeleteGuardTest {

  private static final Policy GIT_WINS = Policy.builder().sourceOfTruth(Side.GIT).build();

  /** Kestra holds flows f0..f(held-1); Git holds the first {@code kept} of them and {@code created} new ones. */
  private static Plan plan(int held, int kept, int created, Policy policy, PlanOptions options) {
    Snapshots kestra = Snapshots.kestra().namespace("dev");
    Snapshots git = Snapshots.git().namespace("dev");
    for (int i = 0; i < held; i++) {
      kestra.flow(Flows.flow("dev", "f" + i));
      if (i < kept) {
        git.flow(Flows.flow("dev", "f" + i));
      }
    }
    for (int i = 0; i < created; i++) {
      git.flow(Flows.flow("dev", "new" + i));
    }
    Snapshot g = git.build();
    Snapshot k = kestra.build();
    return Planner.plan(g, k, policy, options);
  }

  private static Plan plan(int held, int kept, int created, Policy policy) {
    return plan(held, kept, created, policy, PlanOptions.defaults());
  }

  private static long held(Plan plan) {
    return plan.changes().stream().filter(c -> c.reason() == Reason.GUARD_MASS_DELETE).count();
  }

  private static long deletes(Plan plan) {
    return plan.changes().stream().filter(c -> c.action() == Action.DELETE).count();
  }

  private static String error(Plan plan) {
    return plan.errors().stream().map(Diagnostic::message).findFirst().orElse("");
  }

  @Test
  void aRenamedFlow_deletingAllOfOne_passesWithoutApproval() {
    Plan plan = plan(1, 0, 1, GIT_WINS);

    assertTrue(plan.isApplyable(), plan.diagnostics().toString());
    assertEquals(1, deletes(plan));
    assertEquals(1, plan.summary().create());
  }

  @Test
  void aWrongDirectory_sourceEmpty_withThreeFlows_isHeld() {
    Plan plan = plan(3, 0, 0, GIT_WINS);

    assertFalse(plan.isApplyable());
    assertEquals(3, held(plan));
    assertTrue(plan.isHeldOnlyByGuards());
    assertTrue(error(plan).contains("all 3 resources in scope in Kestra, and Git holds nothing in that scope"),
        error(plan));
  }

  /** A plan held only by the guard says so, rather than that it cannot be applied, and names no field. */
  @Test
  void aHeldPlan_isShownAsHeldBack_notAsBroken() {
    Plan plan = plan(3, 0, 0, GIT_WINS);

    String text = dev.driftless.core.render.PlanText.render(plan);
    String markdown = dev.driftless.core.render.PlanMarkdown.render(plan);

    assertTrue(text.contains("This plan is held back by the mass-deletion guard: it applies only once approved"), text);
    assertFalse(text.contains("cannot be applied"), text);
    assertFalse(text.contains("field 'guards'"), text);
    assertTrue(markdown.contains("**This plan is held back by the mass-deletion guard:**"), markdown);
    assertFalse(markdown.contains("cannot be applied"), markdown);
  }

  @Test
  void fourOfTen_isHeldAt30Percent_andTheErrorSaysCountPopulationThresholdAndHowToPass() {
    Plan plan = plan(10, 6, 0, GIT_WINS);

    assertFalse(plan.isApplyable());
    assertEquals(4, held(plan));
    String error = error(plan);
    for (String part : new String[] {"4 of 10", "(40%)", "more than the 30% allowed of a side holding at least 10",
        "--approve " + plan.id(), "approvedPlanId: " + plan.id(), "--allow-deletes 4", "allowedDeletes: 4",
        "--max-delete-share", "maxDeleteShare, now 30%", "--delete-guard-min-population",
        "deleteGuardMinPopulation, now 10", "--no-delete-guard"}) {
      assertTrue(error.contains(part), "'" + part + "' in: " + error);
    }
  }

  @Test
  void twoOfTen_isNotHeld() {
    Plan plan = plan(10, 8, 0, GIT_WINS);

    assertTrue(plan.isApplyable(), plan.diagnostics().toString());
    assertEquals(2, deletes(plan));
  }

  @Test
  void fiveOfNine_isNotHeld_belowTheMinimumPopulation() {
    Plan plan = plan(9, 4, 0, GIT_WINS);

    assertTrue(plan.isApplyable(), plan.diagnostics().toString());
    assertEquals(5, deletes(plan));
  }

  @Test
  void deletingAllOfTen_isHeld_thoughTheSourceHoldsOthers() {
    Plan plan = plan(10, 0, 10, GIT_WINS.withGuards(Guards.defaults().withNoMaxDeleteShare()));

    assertFalse(plan.isApplyable());
    assertEquals(10, held(plan));
  }

  @Test
  void allowedDeletes3_letsThreePass_andHoldsFour() {
    Policy allowing = GIT_WINS.withGuards(Guards.defaults().withAllowedDeletes(3));

    Plan three = plan(3, 0, 0, allowing);
    assertTrue(three.isApplyable(), three.diagnostics().toString());
    assertEquals(3, deletes(three));

    Plan four = plan(4, 0, 0, allowing);
    assertFalse(four.isApplyable());
    assertEquals(4, held(four));
  }

  @Test
  void aLargerShare_passesWhatTheDefaultHolds() {
    assertTrue(plan(10, 6, 0, GIT_WINS.withGuards(Guards.defaults().withMaxDeleteShare(0.5))).isApplyable());
  }

  @Test
  void aHeldPlan_isApplyableOnceApproved_withTheSameId() {
    Plan held = plan(10, 6, 0, GIT_WINS);
    Plan approved = plan(10, 6, 0, GIT_WINS, PlanOptions.builder().approvedPlanId(held.id()).build());

    assertEquals(held.id(), approved.id());
    assertTrue(approved.isApplyable());
    assertEquals(4, deletes(approved));
  }

  @Test
  void aPlanWithOtherErrors_isNotHeldOnlyByGuards() {
    Snapshot git = Snapshots.git().namespace("dev").build();
    Snapshot kestra = Snapshots.kestra().namespace("dev").flow(Flows.flow("dev", "a")).build();
    Plan plan = Planner.plan(git, kestra, GIT_WINS.withWhenMissingInSource(dev.driftless.policy.WhenMissing.FAIL));

    assertFalse(plan.isApplyable());
    assertFalse(plan.isHeldOnlyByGuards(), plan.errors().toString());
  }

  @Test
  void theRule_isTheGuardsModel() {
    Guards d = Guards.defaults();
    assertEquals(java.util.Optional.empty(), d.tripped(1, 1, 1), "a renamed flow");
    assertEquals(java.util.Optional.of(Guards.Rule.EVERYTHING), d.tripped(3, 3, 0), "a wrong directory");
    assertEquals(java.util.Optional.of(Guards.Rule.SHARE), d.tripped(4, 10, 6));
    assertEquals(java.util.Optional.empty(), d.tripped(3, 10, 7), "30% is allowed, more is not");
    assertEquals(java.util.Optional.empty(), d.tripped(5, 9, 4));
    assertEquals(java.util.Optional.empty(), Guards.none().tripped(3, 3, 0));
  }

  @Test
  void shares_readAsPeopleWriteThem_andBadOnesAreRefusedInWords() {
    assertEquals(0.3, Guards.share("30%"), 1e-9);
    assertEquals(0.3, Guards.share("0.3"), 1e-9);
    assertEquals(1.0, Guards.share("100 %"), 1e-9);
    assertEquals("30%", Guards.percent(0.3));
    assertEquals("12.5%", Guards.percent(0.125));
    for (String bad : new String[] {"30", "150%", "-1%", "abc", "%", "NaN", "1e-1", ""}) {
      IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
          () -> Guards.share(bad), bad);
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
  }

  @Test
  void guardsRefuseImpossibleSettings_inWords() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> Guards.defaults().withAllowedDeletes(-1));
    assertTrue(e.getMessage().contains("0 or more"), e.getMessage());
    assertTrue(Guards.none().isNone());
    assertFalse(Guards.defaults().isNone());
  }
}
