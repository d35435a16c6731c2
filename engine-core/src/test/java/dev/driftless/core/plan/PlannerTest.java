package dev.driftless.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.diagnostic.Severity;
import dev.driftless.plan.Action;
import dev.driftless.plan.Change;
import dev.driftless.plan.Plan;
import dev.driftless.plan.PlanOptions;
import dev.driftless.plan.Reason;
import dev.driftless.policy.Guards;
import dev.driftless.policy.NamespaceMapping;
import dev.driftless.policy.OnInvalidSyntax;
import dev.driftless.policy.Policy;
import dev.driftless.policy.Selector;
import dev.driftless.policy.WhenMissing;
import dev.driftless.port.PlanReviewer;
import dev.driftless.port.Review;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.testkit.fixture.Flows;
import dev.driftless.testkit.fixture.Snapshots;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerTest {

  private static final Policy GIT_WINS = Policy.builder().sourceOfTruth(Side.GIT).build();

  private static Change change(Plan plan, ResourceKey key) {
    return plan.change(key).orElseThrow(() -> new AssertionError("no change for " + key + " in " + plan.changes()));
  }

  private static List<ResourceKey> writeOrder(Plan plan) {
    return plan.writes().stream().map(Change::key).toList();
  }

  @Test
  void plan_leavesEverythingOutsideTheScopeAlone() {
    Snapshot git = Snapshots.git().namespace("dev").flow(Flows.flow("dev", "a")).build();
    Snapshot kestra = Snapshots.kestra().namespace("dev")
        .flow(Flows.flow("dev", "a"))
        .scope(Scope.namespaces(List.of("dev", "prod"), false, Set.of(ResourceKind.FLOW)))
        .flow(Flows.flow("prod", "b"))
        .build();
    Plan plan = Planner.plan(git, kestra, GIT_WINS);
    assertEquals(List.of(ResourceKey.flow("dev", "a")), plan.changes().stream().map(Change::key).toList(),
        "prod is outside Git's scope: nothing about it is planned, not even a deletion");
  }

  @Test
  void plan_leavesChildNamespacesAlone_unlessIncluded() {
    Snapshot git = Snapshots.git().namespace("dev").withChildren().flow(Flows.flow("dev", "a")).build();
    Snapshot kestra = Snapshots.kestra().namespace("dev").withChildren()
        .flow(Flows.flow("dev", "a")).flow(Flows.flow("dev.team", "b")).build();
    assertTrue(Planner.plan(git, kestra, GIT_WINS).change(ResourceKey.flow("dev.team", "b")).isEmpty());
    Plan withChildren = Planner.plan(git, kestra, GIT_WINS.withIncludeChildNamespaces(true).withGuards(Guards.none()));
    assertEquals(Action.DELETE, change(withChildren, ResourceKey.flow("dev.team", "b")).action());
  }

  @Test
  void plan_mapsNamespaces_rewritingOnlyTheTopLevelNamespace() {
    String dev = Flows.flow("dev", "hello_world").comment("keep me").subflow("call", "dev", "child").yaml();
    Snapshot kestra = Snapshots.kestra().namespace("dev").flow(dev).build();
    Snapshot git = Snapshots.git().namespace("prod").build();
    Policy push = Policy.builder().sourceOfTruth(Side.KESTRA).namespaceMapping(NamespaceMapping.of("dev", "prod")).build();
    Plan plan = Planner.plan(kestra, git, push);
    ResourceKey target = ResourceKey.flow("prod", "hello_world");
    Change c = change(plan, target);
    assertEquals(Action.CREATE, c.action());
    assertEquals(ResourceKey.flow("dev", "hello_world"), c.sourceKey());
    assertEquals(Side.GIT, c.side());
    String written = plan.payload(target).orElseThrow().text().orElseThrow();
    assertEquals(dev.replaceFirst("namespace: dev\n", "namespace: prod\n"), written,
        "only the top-level namespace changes; the subflow still calls dev/child");
  }

  @Test
  void plan_marksFormattingOnlyChanges_andStillWritesThem() {
    Snapshot git = Snapshots.git().namespace("dev").flow("# a comment\nid: a\nnamespace: dev\ntasks: []\n").build();
    Snapshot kestra = Snapshots.kestra().namespace("dev").flow("id: 'a'\nnamespace: dev\ntasks: []\n").build();
    Change c = change(Planner.plan(git, kestra, GIT_WINS), ResourceKey.flow("dev", "a"));
    assertEquals(Action.UPDATE, c.action());
    assertEquals(Reason.FORMAT_ONLY, c.reason());
  }

  @Test
  void plan_holdsBackDeletingEverything_untilThatPlanIsApproved() {
    Snapshot git = Snapshots.git().namespace("dev").build();
    Snapshot kestra = Snapshots.kestra().namespace("dev").flow(Flows.flow("dev", "a")).flow(Flows.flow("dev", "b")).build();
    Plan held = Planner.plan(git, kestra, GIT_WINS);
    assertFalse(held.isApplyable());
    assertTrue(held.changes().stream().allMatch(c -> c.reason() == Reason.GUARD_MASS_DELETE));
    assertTrue(held.errors().get(0).message().contains(held.id()), "the error says which id to approve");

    Plan approved = Planner.plan(git, kestra, GIT_WINS, PlanOptions.builder().approvedPlanId(held.id()).build());
    assertEquals(held.id(), approved.id());
    assertTrue(approved.isApplyable());
    assertEquals(2, approved.summary().delete());

    Plan wrongApproval = Planner.plan(git, kestra, GIT_WINS, PlanOptions.builder().approvedPlanId("0123456789abcdef").build());
    assertFalse(wrongApproval.isApplyable(), "approving another plan approves nothing here");
  }

  @Test
  void plan_holdsBackDeletingMoreThanTheAllowedShare_ofASideAtLeastTheMinimumPopulation() {
    Snapshot git = Snapshots.git().namespace("dev").flow(Flows.flow("dev", "a")).build();
    Snapshot kestra = Snapshots.kestra().namespace("dev")
        .flow(Flows.flow("dev", "a")).flow(Flows.flow("dev", "b")).flow(Flows.flow("dev", "c")).build();
    Policy strict = GIT_WINS.withGuards(Guards.defaults().withMaxDeleteShare(0.5).withMinPopulation(3));
    Plan plan = Planner.plan(git, kestra, strict);
    assertFalse(plan.isApplyable());
    assertEquals(2, plan.changes().stream().filter(c -> c.reason() == Reason.GUARD_MASS_DELETE).count());
    assertTrue(Planner.plan(git, kestra, GIT_WINS).isApplyable(), "2 of 3 is not everything, and 3 is below 10");
    assertTrue(Planner.plan(git, kestra, strict.withGuards(strict.guards().withMinPopulation(4))).isApplyable(),
        "3 is below the minimum population of 4");
  }

  @Test
  void plan_failPolicy_blocksTheWholePlan_whenAnythingIsMissing() {
    Snapshot git = Snapshots.git().namespace("dev").flow(Flows.flow("dev", "new")).build();
    Snapshot kestra = Snapshots.kestra().namespace("dev").flow(Flows.flow("dev", "old")).build();
    Plan plan = Planner.plan(git, kestra, GIT_WINS.withWhenMissingInSource(WhenMissing.FAIL));
    assertFalse(plan.isApplyable());
    assertEquals(Reason.POLICY_FAIL, change(plan, ResourceKey.flow("dev", "old")).reason());
    assertTrue(plan.errors().get(0).message().contains("flow dev/old"));
  }

  @Test
  void plan_keepReportsDriftAsKept_notAsUnchanged() {
    Snapshot git = Snapshots.git().namespace("dev").build();
    Snapshot kestra = Snapshots.kestra().namespace("dev").flow(Flows.flow("dev", "old")).build();
    Plan plan = Planner.plan(git, kestra, GIT_WINS.withWhenMissingInSource(WhenMissing.KEEP));
    assertEquals(Action.KEEP, change(plan, ResourceKey.flow("dev", "old")).action());
    assertEquals(1, plan.summary().keep());
    assertEquals(0, plan.summary().noOp());
  }

  @Test
  void plan_neverDeletesInProtectedNamespaces_onEitherSide() {
    Snapshot git = Snapshots.git().namespace("system").namespace("dev").withChildren()
        .flow(Flows.flow("dev", "keep")).build();
    Snapshot kestra = Snapshots.kestra().namespace("system").namespace("dev").withChildren()
        .flow(Flows.flow("system", "cleanup")).flow(Flows.flow("system.jobs", "x")).flow(Flows.flow("dev", "keep")).build();
    Plan plan = Planner.plan(git, kestra, GIT_WINS.withIncludeChildNamespaces(true));
    assertEquals(Action.PROTECTED, change(plan, ResourceKey.flow("system", "cleanup")).action());
    assertEquals(Action.PROTECTED, change(plan, ResourceKey.flow("system.jobs", "x")).action());
    Plan kestraWins = Planner.plan(kestra, git, Policy.defaults().withIncludeChildNamespaces(true));
    assertEquals(Action.CREATE, change(kestraWins, ResourceKey.flow("system", "cleanup")).action(),
        "protection is about deletion only");
  }

  @Test
  void plan_neverDeletesAProtectedResource_butStillUpdatesIt() {
    ResourceKey running = ResourceKey.flow("dev", "sync");
    Snapshot git = Snapshots.git().namespace("dev").flow(Flows.flow("dev", "keep")).build();
    Snapshot kestra = Snapshots.kestra().namespace("dev")
        .flow(Flows.flow("dev", "keep")).flow(Flows.flow("dev", "sync")).flow(Flows.flow("dev", "old")).build();
    Policy policy = GIT_WINS.withProtectedResources(Set.of(running)).withGuards(Guards.none());

    Plan plan = Planner.plan(git, kestra, policy);

    Change kept = change(plan, running);
    assertEquals(Action.PROTECTED, kept.action());
    assertEquals(Reason.PROTECTED_RESOURCE, kept.reason());
    assertEquals(Action.DELETE, change(plan, ResourceKey.flow("dev", "old")).action(), "only that one is protected");
    Snapshot gitChanged = Snapshots.git().namespace("dev").flow(Flows.flow("dev", "keep"))
        .flow(Flows.flow("dev", "sync").comment("changed in Git")).build();
    assertEquals(Action.UPDATE, change(Planner.plan(gitChanged, kestra, policy), running).action(),
        "protection is about deletion only");
    assertFalse(Planner.plan(git, kestra, GIT_WINS.withGuards(Guards.none())).id().equals(plan.id()),
        "the protection is part of what the plan id covers");
  }

  @Test
  void plan_protectsDashboards_whenGlobalIsProtected() {
    Snapshot git = Snapshots.git().kinds(ResourceKind.DASHBOARD).scope(Scope.global(Set.of(ResourceKind.DASHBOARD))).build();
    Snapshot kestra = Snapshots.kestra().scope(Scope.global(Set.of(ResourceKind.DASHBOARD)))
        .dashboard("overview", "id: overview\ntitle: O\n").dashboard("ops", "id: ops\ntitle: P\n").build();
    Plan plan = Planner.plan(git, kestra, GIT_WINS.withProtectedNamespaces(Set.of("system", ResourceKey.GLOBAL)));
    assertEquals(Action.PROTECTED, change(plan, ResourceKey.dashboard("overview")).action());
  }

  @Test
  void plan_perKindSourceOfTruth_writesBothSides() {
    Snapshot git = Snapshots.git().namespace("dev").file("dev", "run.sh", "echo git\n").build();
    Snapshot kestra = Snapshots.kestra().namespace("dev").flow(Flows.flow("dev", "a")).build();
    Policy policy = Policy.builder().sourceOfTruth(Side.KESTRA)
        .putSourceOfTruthByKind(ResourceKind.NAMESPACE_FILE, Side.GIT).build();
    Plan plan = Planner.plan(git, kestra, policy);
    assertEquals(Side.KESTRA, change(plan, ResourceKey.namespaceFile("dev", "run.sh")).side());
    assertEquals(Side.GIT, change(plan, ResourceKey.flow("dev", "a")).side());
  }

  @Test
  void plan_reportsTwoEntriesClaimingOneFlow_asAConflict() {
    Snapshot git = Snapshots.git().namespace("dev")
        .with(Flows.flow("dev", "a").resource().withOrigin("dev/flows/a.yml"))
        .with(Flows.flow("dev", "a").log("x", "y").resource().withOrigin("dev/flows/a.yaml"))
        .build();
    Snapshot kestra = Snapshots.kestra().namespace("dev").build();
    Plan plan = Planner.plan(git, kestra, GIT_WINS);
    Change c = change(plan, ResourceKey.flow("dev", "a"));
    assertEquals(Reason.IDENTITY_CONFLICT, c.reason());
    Diagnostic error = plan.errors().get(0);
    assertTrue(error.message().contains("dev/flows/a.yml") && error.message().contains("dev/flows/a.yaml"), error.message());
  }

  @Test
  void plan_ordersFilesFirst_subflowsBeforeCallers_andDeletesLastInReverse() {
    Snapshot git = Snapshots.git().namespace("dev")
        .flow(Flows.flow("dev", "caller").subflow("call", "dev", "callee"))
        .flow(Flows.flow("dev", "callee").triggeredBy("after", "dev", "zzz_upstream"))
        .flow(Flows.flow("dev", "zzz_upstream"))
        .file("dev", "scripts/run.py", "print(1)\n")
        .dashboard("board", "id: board\ntitle: B\n")
        .build();
    Snapshot kestra = Snapshots.kestra().namespace("dev")
        .flow(Flows.flow("dev", "old_caller").subflow("call", "dev", "old_callee"))
        .flow(Flows.flow("dev", "old_callee"))
        .file("dev", "old.txt", "x")
        .build();
    Plan plan = Planner.plan(git, kestra, GIT_WINS.withGuards(Guards.none()));
    assertEquals(List.of(
        ResourceKey.namespaceFile("dev", "scripts/run.py"),
        ResourceKey.flow("dev", "zzz_upstream"),
        ResourceKey.flow("dev", "callee"),
        ResourceKey.flow("dev", "caller"),
        ResourceKey.dashboard("board"),
        ResourceKey.flow("dev", "old_caller"),
        ResourceKey.flow("dev", "old_callee"),
        ResourceKey.namespaceFile("dev", "old.txt")), writeOrder(plan));
    assertEquals(List.of(ResourceKey.flow("dev", "callee")), change(plan, ResourceKey.flow("dev", "caller")).dependsOn());
    assertEquals(List.of(ResourceKey.flow("dev", "old_caller")),
        change(plan, ResourceKey.flow("dev", "old_callee")).dependsOn(), "a subflow is deleted after its caller");
  }

  @Test
  void plan_unparseableYaml_isBlockedWithItsLine_andNeverDeletesTheOtherCopy() {
    Snapshot git = Snapshots.git().namespace("dev")
        .with(ResourceKey.flow("dev", "broken"), "id: broken\nnamespace: dev\ntasks: [\n")
        .build();
    Snapshot kestra = Snapshots.kestra().namespace("dev").flow(Flows.flow("dev", "broken")).flow(Flows.flow("dev", "other"))
        .build();
    Plan plan = Planner.plan(git, kestra, GIT_WINS.withOnInvalidSyntax(OnInvalidSyntax.WARN).withGuards(Guards.none()));
    assertEquals(Reason.INVALID_SOURCE, change(plan, ResourceKey.flow("dev", "broken")).reason());
    assertEquals(Reason.INCOMPLETE_SOURCE, change(plan, ResourceKey.flow("dev", "other")).reason(),
        "with an unreadable flow in dev, no flow of dev is deleted");
    Diagnostic d = plan.diagnostics().stream().filter(x -> x.key().equals(java.util.Optional.of(ResourceKey.flow("dev", "broken"))))
        .findFirst().orElseThrow();
    assertEquals(Severity.WARNING, d.severity());
    assertTrue(d.line().isPresent(), d.render());
    assertTrue(plan.isApplyable(), "WARN lets the rest of the plan go ahead");
  }

  @Test
  void plan_duplicateKeysAndMissingId_areInvalid_andNamed() {
    Snapshot git = Snapshots.git().namespace("dev")
        .with(ResourceKey.flow("dev", "dup"), "id: dup\nnamespace: dev\nnamespace: dev\ntasks: []\n")
        .with(ResourceKey.flow("dev", "noid"), "namespace: dev\ntasks: []\n")
        .build();
    Plan plan = Planner.plan(git, Snapshots.kestra().namespace("dev").build(), GIT_WINS);
    assertEquals(Reason.INVALID_SOURCE, change(plan, ResourceKey.flow("dev", "dup")).reason());
    assertEquals(Reason.INVALID_SOURCE, change(plan, ResourceKey.flow("dev", "noid")).reason());
    assertFalse(plan.isApplyable(), "onInvalidSyntax: FAIL by default");
    assertTrue(plan.errors().stream().anyMatch(d -> d.message().contains("duplicate key") && d.message().contains("namespace")),
        plan.errors().toString());
    assertTrue(plan.errors().stream().anyMatch(d -> d.message().contains("has no 'id'")), plan.errors().toString());
  }

  @Test
  void plan_aPathWithDotDot_isADiagnostic_andBlocksDeletionsInItsNamespace() {
    assertTrue(ResourceKey.problem(ResourceKind.NAMESPACE_FILE, "dev", "a/../etc/passwd").orElseThrow().contains("'..'"));
    assertThrows(IllegalArgumentException.class, () -> ResourceKey.namespaceFile("dev", "../x"));
    Snapshot git = Snapshots.git().namespace("dev")
        .unreadableIn(ResourceKind.NAMESPACE_FILE, "dev", "_files/../x", "path has a '..' segment")
        .build();
    Snapshot kestra = Snapshots.kestra().namespace("dev").file("dev", "x", "data").file("dev", "y", "data").build();
    Plan plan = Planner.plan(git, kestra, GIT_WINS);
    assertEquals(Reason.INCOMPLETE_SOURCE, change(plan, ResourceKey.namespaceFile("dev", "x")).reason());
    assertTrue(plan.diagnostics().stream().anyMatch(d -> d.file().equals(java.util.Optional.of("_files/../x"))));
    assertEquals(0, plan.summary().delete());
  }

  @Test
  void plan_selector_leavesUnselectedResourcesAlone() {
    Snapshot git = Snapshots.git().namespace("dev").flow(Flows.flow("dev", "hello_world")).build();
    Snapshot kestra = Snapshots.kestra().namespace("dev").flow(Flows.flow("dev", "other")).build();
    Plan plan = Planner.plan(git, kestra, GIT_WINS.withSelector(Selector.of(Set.of(), List.of("hello_*"), List.of())));
    assertEquals(List.of(ResourceKey.flow("dev", "hello_world")), plan.changes().stream().map(Change::key).toList());
  }

  @Test
  void plan_anIncludeMatchingNothingOnEitherSide_isAWarning_namedByItsProperty() {
    Snapshot git = Snapshots.git().namespace("dev").flow(Flows.flow("dev", "hello_world")).build();
    Snapshot kestra = Snapshots.kestra().namespace("dev").flow(Flows.flow("dev", "hello_world"))
        .flow(Flows.flow("dev", "other")).build();
    Selector selector = Selector.of(Set.of(ResourceKind.FLOW), List.of("hello_*", "other", "helo_*"), List.of())
        .withProperty("flows");

    Plan plan = Planner.plan(git, kestra, GIT_WINS.withSelector(selector));

    assertEquals(List.of("warning: field 'flows': 'helo_*' matches no flow in Git or Kestra, so it selects nothing"),
        plan.diagnostics().stream().map(Diagnostic::render).toList(),
        "'hello_*' matches on both sides, 'other' only in Kestra (where it is deleted): only 'helo_*' selects nothing");
    assertTrue(plan.isApplyable(), "a warning, not an error");
  }

  @Test
  void plan_anIncludeMatchingOnlyAnotherKind_orOutsideTheScope_matchesNothing() {
    Snapshot git = Snapshots.git().namespace("dev").withChildren().flow(Flows.flow("dev", "etl"))
        .file("dev", "etl.py", "print(1)\n").file("dev.team", "load.py", "print(2)\n").build();
    Snapshot kestra = Snapshots.kestra().namespace("dev").build();
    Selector selector = Selector.of(Set.of(ResourceKind.NAMESPACE_FILE), List.of("*.py", "etl", "load.py"), List.of());

    Plan plan = Planner.plan(git, kestra, GIT_WINS.withSelector(selector));

    assertEquals(List.of("warning: 'etl' matches no namespace file in Git or Kestra, so it selects nothing",
        "warning: 'load.py' matches no namespace file in Git or Kestra, so it selects nothing"),
        plan.diagnostics().stream().map(Diagnostic::render).toList(),
        "'etl' names a flow, not a namespace file; load.py is in dev.team, a child namespace the policy leaves out");
  }

  @Test
  void plan_aPrefixedPatternWithoutAPathsLeadingSlash_isWarnedWithTheWayToWriteIt() {
    Snapshot git = Snapshots.git().namespace("dev").file("dev", "scripts/etl.py", "print(1)\n").build();
    Snapshot kestra = Snapshots.kestra().namespace("dev").build();
    Selector selector = Selector.of(Set.of(ResourceKind.NAMESPACE_FILE), List.of("glob:scripts/*.py",
        "regex:scripts/.*", "glob:/scripts/*.sql"), List.of()).withProperty("files");

    Plan plan = Planner.plan(git, kestra, GIT_WINS.withSelector(selector));

    assertEquals(List.of(
        "warning: field 'files': 'glob:scripts/*.py' matches no namespace file in Git or Kestra, so it selects nothing."
            + " A glob: pattern is matched against a file's path with a leading '/', as in Kestra (/scripts/etl.py):"
            + " write 'glob:/scripts/*.py' from the root, or 'glob:**/scripts/*.py' in any folder",
        "warning: field 'files': 'regex:scripts/.*' matches no namespace file in Git or Kestra, so it selects nothing."
            + " A regex: pattern is matched against a file's path with a leading '/', as in Kestra (/scripts/etl.py):"
            + " write 'regex:/scripts/.*'",
        "warning: field 'files': 'glob:/scripts/*.sql' matches no namespace file in Git or Kestra, so it selects"
            + " nothing"),
        plan.diagnostics().stream().map(Diagnostic::render).toList());
  }

  @Test
  void plan_diffsMaskSecrets() {
    Snapshot git = Snapshots.git().namespace("dev")
        .flow("id: a\nnamespace: dev\ntasks:\n  - id: t\n    type: x.Y\n    password: new-secret\n").build();
    Snapshot kestra = Snapshots.kestra().namespace("dev")
        .flow("id: a\nnamespace: dev\ntasks:\n  - id: t\n    type: x.Y\n    password: old-secret\n").build();
    Plan plan = Planner.plan(git, kestra, GIT_WINS);
    String diff = change(plan, ResourceKey.flow("dev", "a")).diff().orElseThrow().text();
    assertFalse(diff.contains("new-secret") || diff.contains("old-secret"), "the diff shows a secret");
    assertTrue(diff.contains("-    password: <secret-1>") && diff.contains("+    password: <secret-2>"), diff);
  }

  @Test
  void plan_isTheSameForTheSameInputs_inEitherArgumentOrder() {
    Snapshot git = Snapshots.git().namespace("dev").flow(Flows.flow("dev", "a")).flow(Flows.flow("dev", "b")).build();
    Snapshot kestra = Snapshots.kestra().namespace("dev").flow(Flows.flow("dev", "b").log("l", "x")).build();
    assertEquals(Planner.plan(git, kestra, GIT_WINS), Planner.plan(kestra, git, GIT_WINS));
    assertThrows(IllegalArgumentException.class, () -> Planner.plan(git, git, GIT_WINS));
  }

  @Test
  void plan_blocksTheWritesTheTargetRefusedInItsReview_withItsWords_andTheRestGoesAhead() {
    Snapshot git = Snapshots.git().namespace("dev").flow(Flows.flow("dev", "a")).flow(Flows.flow("dev", "b")).build();
    Snapshot kestra = Snapshots.kestra().namespace("dev").flow(Flows.flow("dev", "c")).build();
    ResourceKey a = ResourceKey.flow("dev", "a");
    ResourceKey c = ResourceKey.flow("dev", "c");
    PlanReviewer reviewer = kestraReviewer((draft, current) -> {
      assertEquals(kestra, current, "the review sees the snapshot of its own side");
      return new Review(Map.of(a, "the server would alter it", c, "the server made it"),
          List.of(Diagnostic.warning("Kestra notes: b is fine").forKey(ResourceKey.flow("dev", "b"))));
    });
    Plan plan = Planner.plan(git, kestra, GIT_WINS.withGuards(Guards.none()), PlanOptions.defaults(), reviewer);

    assertEquals(Action.BLOCKED, change(plan, a).action());
    assertEquals(Reason.TARGET_REFUSES, change(plan, a).reason());
    assertTrue(plan.payload(a).isEmpty(), "a blocked write carries nothing to write");
    assertEquals(Action.BLOCKED, change(plan, c).action(), "a deletion can be refused too");
    assertEquals(Action.CREATE, change(plan, ResourceKey.flow("dev", "b")).action());
    assertTrue(plan.isApplyable(), "a refusal is a warning: the rest of the plan goes ahead");
    List<String> warnings = plan.diagnostics().stream().filter(d -> d.severity() == Severity.WARNING)
        .map(Diagnostic::render).toList();
    assertTrue(warnings.stream().anyMatch(w -> w.contains("the server would alter it; it is not written")), warnings.toString());
    assertTrue(warnings.stream().anyMatch(w -> w.contains("the server made it; it is not deleted")), warnings.toString());
    assertTrue(warnings.stream().anyMatch(w -> w.contains("Kestra notes: b is fine")), warnings.toString());
    assertFalse(plan.id().equals(Planner.plan(git, kestra, GIT_WINS.withGuards(Guards.none())).id()),
        "the refusals are part of what the plan id covers");
  }

  @Test
  void theReviewSeesDeletionsAGuardHoldsBack_soApprovingThePlanNeverRunsARefusedDeletion() {
    Snapshot git = Snapshots.git().namespace("dev").build();
    Snapshot kestra = Snapshots.kestra().namespace("dev").flow(Flows.flow("dev", "copy")).build();
    ResourceKey copy = ResourceKey.flow("dev", "copy");
    PlanReviewer refusesTheDeletion = kestraReviewer((draft, current) -> {
      assertEquals(Action.DELETE, change(draft, copy).action(), "the reviewer must see the deletion itself");
      return new Review(Map.of(copy, "it is not the user's to delete"), List.of());
    });
    Plan plan = Planner.plan(git, kestra, GIT_WINS, PlanOptions.defaults(), refusesTheDeletion);
    assertEquals(Reason.TARGET_REFUSES, change(plan, copy).reason());
    Plan approved = Planner.plan(git, kestra, GIT_WINS, PlanOptions.builder().approvedPlanId(plan.id()).build(),
        refusesTheDeletion);
    assertEquals(Action.BLOCKED, change(approved, copy).action(), "an approval never runs a refused deletion");
  }

  @Test
  void aFlowCallingARefusedFlow_isWritten_withAWarningThatItsSubflowWillBeMissing() {
    Snapshot git = Snapshots.git().namespace("dev").flow(Flows.flow("dev", "callee"))
        .flow(Flows.flow("dev", "caller").subflow("call", "dev", "callee")).build();
    Snapshot kestra = Snapshots.kestra().namespace("dev").build();
    ResourceKey callee = ResourceKey.flow("dev", "callee");
    ResourceKey caller = ResourceKey.flow("dev", "caller");
    Plan plan = Planner.plan(git, kestra, GIT_WINS, PlanOptions.defaults(),
        kestraReviewer((draft, current) -> new Review(Map.of(callee, "refused"), List.of())));
    assertEquals(Action.CREATE, change(plan, caller).action());
    assertEquals(List.of(), change(plan, caller).dependsOn(), "no dependency on a change that does not run");
    assertTrue(plan.diagnostics().stream().anyMatch(d -> d.key().filter(caller::equals).isPresent()
        && d.message().contains("refers to flow " + callee.address())), plan.diagnostics().toString());
  }

  @Test
  void plan_withAReviewerThatHasNothingToSay_isThePlanWithoutOne() {
    Snapshot git = Snapshots.git().namespace("dev").flow(Flows.flow("dev", "a")).build();
    Snapshot kestra = Snapshots.kestra().namespace("dev").build();
    assertEquals(Planner.plan(git, kestra, GIT_WINS),
        Planner.plan(git, kestra, GIT_WINS, PlanOptions.defaults(), PlanReviewer.none(Side.KESTRA)));
  }

  /** Kestra's reviewer in a test: the review a function gives. */
  private static PlanReviewer kestraReviewer(java.util.function.BiFunction<Plan, Snapshot, Review> review) {
    return new PlanReviewer() {
      @Override
      public Side side() {
        return Side.KESTRA;
      }

      @Override
      public Review review(Plan draft, Snapshot current) {
        return review.apply(draft, current);
      }
    };
  }
}
