package dev.driftless.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.apply.ApplyResult;
import dev.driftless.core.apply.Applier;
import dev.driftless.core.apply.Baselines;
import dev.driftless.core.codec.PlanJson;
import dev.driftless.core.render.PlanMarkdown;
import dev.driftless.core.render.PlanText;
import dev.driftless.diagnostic.Severity;
import dev.driftless.plan.Action;
import dev.driftless.plan.Change;
import dev.driftless.plan.Edit;
import dev.driftless.plan.Plan;
import dev.driftless.plan.Reason;
import dev.driftless.plan.Reconciliation;
import dev.driftless.policy.NamespaceMapping;
import dev.driftless.policy.OnConflict;
import dev.driftless.policy.Policy;
import dev.driftless.policy.WhenMissing;
import dev.driftless.resource.Content;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Baseline;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.testkit.fake.InMemorySide;
import dev.driftless.testkit.fixture.Snapshots;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The two-way rules, one resource at a time: base B, Git G, Kestra K. */
class TwoWayPlanTest {

  private static final Policy TWO_WAY = Policy.builder().twoWay(true).build();
  private static final ResourceKey A = ResourceKey.flow("dev", "a");
  private static final ResourceKey B = ResourceKey.flow("dev", "b");
  private static final Scope SCOPE = Scope.namespaces(List.of("dev"), false, Set.of(ResourceKind.FLOW));

  /** A flow whose two messages sit on lines 6 and 9, apart from each other. */
  private static String flow(String id, String first, String second) {
    return "id: " + id + "\nnamespace: dev\ntasks:\n  - id: first\n    type: io.kestra.plugin.core.log.Log\n"
        + "    message: " + first + "\n  - id: second\n    type: io.kestra.plugin.core.log.Log\n    message: " + second
        + "\n";
  }

  private static final String BASE = flow("a", "hello", "bye");

  private static Snapshot side(Side side, Map<ResourceKey, String> resources) {
    Snapshots s = Snapshots.of(side).scope(SCOPE);
    resources.forEach(s::with);
    return s.build();
  }

  private static Baseline baseline(Map<ResourceKey, String> resources) {
    Map<ResourceKey, Content> entries = new java.util.HashMap<>();
    resources.forEach((k, v) -> entries.put(k, Content.ofText(v)));
    return Baseline.of(entries);
  }

  private static Plan plan(Map<ResourceKey, String> base, Map<ResourceKey, String> git, Map<ResourceKey, String> kestra,
      Policy policy) {
    return Planner.plan(side(Side.GIT, git), side(Side.KESTRA, kestra), baseline(base), policy);
  }

  private static Plan plan(String base, String git, String kestra) {
    return plan(base == null ? Map.of() : Map.of(A, base), git == null ? Map.of() : Map.of(A, git),
        kestra == null ? Map.of() : Map.of(A, kestra), TWO_WAY);
  }

  private static Change change(Plan plan, Side side) {
    return plan.change(side, A).orElseThrow(() -> new AssertionError("no change to " + side + " in " + plan.changes()));
  }

  private static Reconciliation row(Plan plan) {
    return plan.reconciliation(A).orElseThrow();
  }

  @Test
  void equalSides_needNothing() {
    Plan plan = plan(BASE, BASE, BASE);
    assertEquals(0, plan.summary().writes());
    assertEquals(new Reconciliation(A, Edit.UNCHANGED, Edit.UNCHANGED, Optional.of(Content.ofText(BASE).fingerprint()),
        Optional.of(Content.ofText(BASE).fingerprint()), true), row(plan));
  }

  @Test
  void onlyGitChanged_writesKestra() {
    String edited = flow("a", "hello there", "bye");
    Plan plan = plan(BASE, edited, BASE);
    assertEquals(List.of(Action.UPDATE), plan.writes().stream().map(Change::action).toList());
    assertEquals(Side.KESTRA, plan.writes().get(0).side());
    assertEquals(Optional.of(Content.ofText(edited).fingerprint()), row(plan).next());
    assertEquals(Edit.EDITED, row(plan).git());
    assertEquals(Edit.UNCHANGED, row(plan).kestra());
  }

  @Test
  void onlyKestraChanged_writesGit() {
    Plan plan = plan(BASE, BASE, flow("a", "hello", "see you"));
    assertEquals(Side.GIT, plan.writes().get(0).side());
    assertEquals(1, plan.writes().size());
  }

  @Test
  void bothChangedTheSame_writeNothingButMoveTheBaseline() {
    String same = flow("a", "hi", "bye");
    Plan plan = plan(BASE, same, same);
    assertEquals(0, plan.summary().writes());
    assertTrue(row(plan).settled());
    assertEquals(Content.ofText(same), plan.nextBaseline(baseline(Map.of(A, BASE))).content(A).orElseThrow());
  }

  @Test
  void bothChangedLinesApart_mergeIsWrittenToBothSides() {
    String git = flow("a", "hello from Git", "bye");
    String kestra = flow("a", "hello", "bye from Kestra");
    Plan plan = plan(BASE, git, kestra);
    String merged = flow("a", "hello from Git", "bye from Kestra");
    for (Side side : Side.values()) {
      Change c = change(plan, side);
      assertEquals(Action.UPDATE, c.action());
      assertEquals(Reason.MERGED, c.reason());
      assertEquals(Optional.of(Content.ofText(merged).fingerprint()), c.after());
    }
    assertEquals(Content.ofText(merged), plan.payload(A).orElseThrow());
    assertEquals(Optional.of(Content.ofText(merged).fingerprint()), row(plan).next());
    assertTrue(plan.isApplyable());
  }

  @Test
  void bothChangedTheSameLine_isAConflict_withBothDiffs_andWritesNothing() {
    Plan plan = plan(BASE, flow("a", "hello from Git", "bye"), flow("a", "hello from Kestra", "bye"));
    assertEquals(0, plan.summary().writes());
    for (Side side : Side.values()) {
      Change c = change(plan, side);
      assertEquals(Action.BLOCKED, c.action());
      assertEquals(Reason.CONFLICT, c.reason());
      String other = side.other().displayName();
      String diff = c.diff().orElseThrow().text();
      assertTrue(diff.contains("+    message: hello from " + other), diff);
      assertTrue(diff.contains("-    message: hello\n"), diff);
    }
    assertEquals(row(plan).base(), row(plan).next(), "a conflict leaves the baseline as it was");
    assertTrue(plan.diagnostics().stream().anyMatch(d -> d.severity() == Severity.WARNING
        && d.message().contains("both sides change line 6")), plan.diagnostics().toString());
  }

  @Test
  void aConflict_isResolvedByOnConflict() {
    String git = flow("a", "hello from Git", "bye");
    Plan plan = plan(Map.of(A, BASE), Map.of(A, git), Map.of(A, flow("a", "hello from Kestra", "bye")),
        TWO_WAY.withOnConflict(OnConflict.GIT));
    assertEquals(1, plan.writes().size());
    Change c = plan.writes().get(0);
    assertEquals(Side.KESTRA, c.side());
    assertEquals(Reason.CONFLICT_RESOLVED, c.reason());
    assertEquals("a conflict; onConflict keeps Git's copy", c.describeReason());
    assertEquals(Optional.of(Content.ofText(git).fingerprint()), row(plan).next());
  }

  @Test
  void aMergeThatIsNotValidYaml_isAConflict() {
    String base = "id: a\nnamespace: dev\ntasks:\n  - id: t\n    type: io.kestra.plugin.core.log.Log\n    message: m\n"
        + "labels:\n  team: x\n";
    String git = base.replace("tasks:\n", "tasks: [\n");
    String kestra = base.replace("  team: x\n", "  team: y\n");
    Plan plan = plan(base, git, kestra);
    assertEquals(Reason.CONFLICT, change(plan, Side.GIT).reason());
    assertTrue(plan.diagnostics().stream().anyMatch(d -> d.message().contains("the result is not a valid flow")),
        plan.diagnostics().toString());
  }

  @Test
  void aDeletionAgainstAnEdit_isAConflict_neverADeletion() {
    Plan plan = plan(BASE, null, flow("a", "hello", "edited"));
    assertEquals(0, plan.summary().writes());
    assertEquals(Reason.CONFLICT, change(plan, Side.GIT).reason());
    assertEquals(Reason.CONFLICT, change(plan, Side.KESTRA).reason());
    assertEquals(Edit.DELETED, row(plan).git());
    assertTrue(plan.diagnostics().stream().anyMatch(d -> d.message().contains("deleted in Git and edited in Kestra")));
  }

  @Test
  void aDeletionOnOneUnchangedSide_isCarriedOver_andLeavesTheBaseline() {
    Plan plan = plan(Map.of(A, BASE, B, flow("b", "x", "y")), Map.of(B, flow("b", "x", "y")),
        Map.of(A, BASE, B, flow("b", "x", "y")), TWO_WAY);
    assertEquals(Action.DELETE, change(plan, Side.KESTRA).action());
    assertEquals(Optional.empty(), row(plan).next());
    Baseline next = plan.nextBaseline(baseline(Map.of(A, BASE, B, flow("b", "x", "y"))));
    assertEquals(Set.of(B), next.entries().keySet());
  }

  @Test
  void deletedOnBothSides_leavesTheBaseline() {
    Plan plan = plan(Map.of(A, BASE), Map.of(), Map.of(), TWO_WAY);
    assertTrue(plan.changes().isEmpty());
    assertEquals(new Reconciliation(A, Edit.DELETED, Edit.DELETED, Optional.of(Content.ofText(BASE).fingerprint()),
        Optional.empty(), true), row(plan));
    assertTrue(plan.nextBaseline(baseline(Map.of(A, BASE))).entries().isEmpty());
  }

  @Test
  void createdOnOneSide_isCreatedOnTheOther() {
    Plan plan = plan(null, BASE, null);
    assertEquals(Action.CREATE, change(plan, Side.KESTRA).action());
    assertEquals(Edit.CREATED, row(plan).git());
  }

  @Test
  void anUnreadableCopy_blocksTheResource_andNeverDeletes() {
    Snapshot git = Snapshots.git().scope(SCOPE).unreadable(A, "cut short").build();
    Plan plan = Planner.plan(git, side(Side.KESTRA, Map.of(A, flow("a", "edited", "bye"))),
        baseline(Map.of(A, BASE)), TWO_WAY);
    assertEquals(0, plan.summary().writes());
    assertEquals(Edit.UNKNOWN, row(plan).git());
    assertFalse(row(plan).settled());
  }

  @Test
  void theFirstSync_takesEqualResources_andCallsEveryDifferenceAConflict() {
    Map<ResourceKey, String> git = Map.of(A, BASE, B, flow("b", "x", "y"));
    Map<ResourceKey, String> kestra = Map.of(A, BASE);
    Plan plan = Planner.plan(side(Side.GIT, git), side(Side.KESTRA, kestra), Baseline.none(), TWO_WAY);
    assertEquals(0, plan.summary().writes());
    assertEquals(Optional.of("none"), plan.baseline());
    assertEquals(Reason.NO_BASELINE, plan.change(Side.KESTRA, B).orElseThrow().reason());
    assertTrue(plan.diagnostics().stream().anyMatch(d -> d.message().startsWith("first two-way sync of flows")),
        plan.diagnostics().toString());
    assertFalse(plan.nextBaseline(Baseline.none()).isRecorded(), "a difference no baseline explains stays one");

    Plan resolved = Planner.plan(side(Side.GIT, git), side(Side.KESTRA, kestra), Baseline.none(),
        TWO_WAY.withOnConflict(OnConflict.KESTRA));
    assertEquals(Action.DELETE, resolved.change(Side.GIT, B).orElseThrow().action());
    Baseline next = resolved.nextBaseline(Baseline.none());
    assertTrue(next.isRecorded());
    assertEquals(Set.of(A), next.entries().keySet());
  }

  @Test
  void aRecordedEmptyBaseline_isNotAFirstSync() {
    Plan plan = plan(Map.of(), Map.of(A, BASE), Map.of(), TWO_WAY);
    assertEquals(Action.CREATE, change(plan, Side.KESTRA).action());
  }

  @Test
  void applyingAMerge_writesBothSides_andTheBaselineFollows() {
    InMemorySide git = InMemorySide.git().put(A, flow("a", "hello from Git", "bye"));
    InMemorySide kestra = InMemorySide.kestra().put(A, flow("a", "hello", "bye from Kestra"));
    Baseline base = baseline(Map.of(A, BASE));
    git.recordBaseline(base);
    Plan plan = Planner.plan(git.read(SCOPE), kestra.read(SCOPE), base, TWO_WAY);
    ApplyResult result = Applier.to(git, kestra).apply(plan).orThrow();
    assertEquals(2, result.results().size());
    Content merged = Content.ofText(flow("a", "hello from Git", "bye from Kestra"));
    assertEquals(merged, git.get(A).orElseThrow().content());
    assertEquals(merged, kestra.get(A).orElseThrow().content());
    Baseline next = Baselines.after(plan, base, result);
    assertEquals(merged, next.content(A).orElseThrow());
    assertEquals(next, git.baseline(), "the keeper records the baseline the apply settled");
    Plan again = Planner.plan(git.read(SCOPE), kestra.read(SCOPE), next, TWO_WAY);
    assertEquals(0, again.summary().writes());
  }

  @Test
  void aFailedWrite_keepsTheOldBaselineEntry() {
    InMemorySide git = InMemorySide.git().put(A, flow("a", "hello from Git", "bye"));
    InMemorySide kestra = InMemorySide.kestra().put(A, BASE).failWritesTo(A, "down for maintenance");
    Baseline base = baseline(Map.of(A, BASE));
    git.recordBaseline(base);
    Plan plan = Planner.plan(git.read(SCOPE), kestra.read(SCOPE), base, TWO_WAY);
    ApplyResult result = Applier.to(git, kestra).apply(plan);
    assertFalse(result.isComplete());
    assertEquals(base, Baselines.after(plan, base, result));
    assertEquals(base, git.baseline());
  }

  @Test
  void aMergeWithOneFailedWrite_reportsEachSideItsOwnOutcome_andKeepsTheBaseline() {
    InMemorySide git = InMemorySide.git().put(A, flow("a", "hello from Git", "bye"));
    InMemorySide kestra = InMemorySide.kestra().put(A, flow("a", "hello", "bye from Kestra"))
        .failWritesTo(A, "down for maintenance");
    Baseline base = baseline(Map.of(A, BASE));
    git.recordBaseline(base);
    Plan plan = Planner.plan(git.read(SCOPE), kestra.read(SCOPE), base, TWO_WAY);
    ApplyResult result = Applier.to(git, kestra).apply(plan);
    assertEquals(dev.driftless.apply.Outcome.APPLIED, result.result(change(plan, Side.GIT)).orElseThrow().outcome());
    assertEquals(dev.driftless.apply.Outcome.FAILED, result.result(change(plan, Side.KESTRA)).orElseThrow().outcome());
    assertEquals(2, result.results().size());
    assertEquals(base, Baselines.after(plan, base, result));
    assertEquals(base.identity(), git.baseline().identity());
  }

  @Test
  void aTwoWayPlan_roundTripsThroughJson_andRendersWhatEachSideDid() {
    Plan plan = plan(Map.of(A, BASE, B, flow("b", "x", "y")),
        Map.of(A, flow("a", "hello from Git", "bye"), B, flow("b", "x", "y")),
        Map.of(A, flow("a", "hello", "bye from Kestra"), B, flow("b", "x", "changed")), TWO_WAY);
    Plan read = PlanJson.read(PlanJson.write(plan));
    assertEquals(plan, read);
    assertEquals(Optional.empty(), PlanJson.difference(plan, read));
    String text = PlanText.render(plan);
    assertTrue(text.contains("merged: changed in Kestra and in Git since the last sync, in different lines [-> Git]"
        + " (since the last sync: Git edited, Kestra edited)"), text);
    assertTrue(text.contains("Source of truth: both (two-way, onConflict: FAIL, baseline "), text);
    String markdown = PlanMarkdown.render(plan);
    assertTrue(markdown.contains("| Since the last sync |"), markdown);
    assertTrue(markdown.contains("Git unchanged, Kestra edited"), markdown);
  }

  @Test
  void aTwoWayPolicy_refusesWhatCannotWork_inWords() {
    IllegalArgumentException mapped = assertThrows(IllegalArgumentException.class,
        () -> TWO_WAY.withNamespaceMapping(NamespaceMapping.of("dev", "prod")));
    assertTrue(mapped.getMessage().startsWith("sourceOfTruth BOTH cannot map namespaces"), mapped.getMessage());
    IllegalArgumentException keep = assertThrows(IllegalArgumentException.class,
        () -> TWO_WAY.withWhenMissingInSource(WhenMissing.KEEP));
    assertTrue(keep.getMessage().contains("whenMissingInSource KEEP cannot apply"), keep.getMessage());
    IllegalArgumentException oneWay = assertThrows(IllegalArgumentException.class,
        () -> Policy.builder().onConflict(OnConflict.GIT).build());
    assertTrue(oneWay.getMessage().startsWith("onConflict GIT only applies to a two-way sync"), oneWay.getMessage());
    IllegalArgumentException noBaseline = assertThrows(IllegalArgumentException.class,
        () -> Planner.plan(side(Side.GIT, Map.of()), side(Side.KESTRA, Map.of()), TWO_WAY));
    assertTrue(noBaseline.getMessage().contains("Baseline.none() for the first sync"), noBaseline.getMessage());
  }

  @Test
  void aKindWithItsOwnSourceOfTruth_staysOneWay() {
    Policy policy = TWO_WAY.withSourceOfTruthByKind(Map.of(ResourceKind.FLOW, Side.GIT));
    Plan plan = Planner.plan(side(Side.GIT, Map.of(A, BASE)), side(Side.KESTRA, Map.of()), baseline(Map.of()), policy);
    assertEquals(Action.CREATE, change(plan, Side.KESTRA).action());
    assertTrue(plan.reconciliations().isEmpty());
  }
}
