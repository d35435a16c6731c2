package dev.driftless.kestra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.apply.ApplyResult;
import dev.driftless.apply.Outcome;
import dev.driftless.core.apply.Applier;
import dev.driftless.core.plan.Planner;
import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.emulator.KestraEmulator;
import dev.driftless.plan.Action;
import dev.driftless.plan.Change;
import dev.driftless.plan.Plan;
import dev.driftless.plan.PlanOptions;
import dev.driftless.plan.Reason;
import dev.driftless.policy.Guards;
import dev.driftless.policy.Policy;
import dev.driftless.resource.Content;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.testkit.fake.InMemorySide;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What particular Kestra versions do to what is written to them, seen on a real server, reproduced
 * by the emulator and planned for: nothing is planned that could never converge, and no apply churns.
 */
@Timeout(60)
class ServerQuirksTest {

  private static final String T = KestraEmulator.DEFAULT_TENANT;
  private static final Policy GIT_WINS = Policy.builder().sourceOfTruth(Side.GIT).guards(Guards.none()).build();
  private static final Scope FLOWS = Scope.namespace("dev", EnumSet.of(ResourceKind.FLOW));
  private static final ResourceKey VERSIONED = ResourceKey.flow("dev", "versioned");
  private static final String WITH_REVISION = "id: versioned\nnamespace: dev\nrevision: 3\ntasks:\n  - id: t\n"
      + "    type: io.kestra.plugin.core.log.Log\n    message: hi\n";
  private static final String WITHOUT_REVISION = "id: versioned\nnamespace: dev\ntasks:\n  - id: t\n"
      + "    type: io.kestra.plugin.core.log.Log\n    message: hi\n";

  @Test
  void onKestra0_20_aRevisionLine_isRemovedByTheServer_soAnUnreviewedApplyNeverConverges() {
    try (ReaderTest.Fixture f = ReaderTest.Fixture.of(Emulators.Server.LEGACY_0_20)) {
      InMemorySide git = InMemorySide.git().put(VERSIONED, WITH_REVISION);
      Plan unreviewed = Planner.plan(git.read(FLOWS), f.side.reader().read(FLOWS), GIT_WINS);
      ApplyResult result = Applier.to(f.side.writer()).apply(unreviewed);
      assertEquals(Outcome.FAILED, AdapterContract.outcome(result, VERSIONED).outcome(),
          "the emulator no longer removes the line as Kestra 0.20 does");
      assertEquals(WITHOUT_REVISION, f.emulator.state().flowSource(T, "dev", "versioned").orElseThrow());
    }
  }

  @Test
  void onKestra0_20_aFlowWithARevisionLine_isBlockedUpFront_withTheReasonAndTheLine() {
    try (ReaderTest.Fixture f = ReaderTest.Fixture.of(Emulators.Server.LEGACY_0_20)) {
      InMemorySide git = InMemorySide.git().put(VERSIONED, WITH_REVISION);
      Plan plan = reviewed(f, git);
      Change change = change(plan, VERSIONED);
      assertEquals(Action.BLOCKED, change.action());
      assertEquals(Reason.TARGET_REFUSES, change.reason());
      String warning = warningFor(plan, VERSIONED);
      assertTrue(warning.contains("removes the line 'revision: 3' (line 3)"), warning);
      assertTrue(warning.contains("remove that line from the file"), warning);
      assertTrue(plan.isApplyable(), "the rest of the plan goes ahead");

      f.emulator.requests().clear();
      Applier.to(f.side.writer()).apply(plan);
      assertEquals(0, f.emulator.requests().count("*", "/api/v1/flows/dev/**"), "a blocked flow is not written");
      assertEquals(0, f.emulator.requests().count("POST", "/api/v1/flows"), "a blocked flow is not written");
    }
  }

  @Test
  void from0_21_aRevisionLineIsKept_butAnUpdateChangingOnlyIt_isBlocked_neverChurns() {
    try (ReaderTest.Fixture f = ReaderTest.Fixture.of(Emulators.Server.OSS_1_3)) {
      InMemorySide git = InMemorySide.git().put(VERSIONED, WITH_REVISION);
      ApplyResult created = Applier.to(f.side.writer()).apply(reviewed(f, git));
      assertTrue(created.isComplete(), created.toString());
      assertEquals(WITH_REVISION, f.emulator.state().flowSource(T, "dev", "versioned").orElseThrow());
      assertFalse(reviewed(f, git).hasWrites(), "in sync after the create");

      git.put(VERSIONED, WITH_REVISION.replace("revision: 3", "revision: 4"));
      Plan plan = reviewed(f, git);
      assertEquals(Reason.TARGET_REFUSES, change(plan, VERSIONED).reason());
      assertTrue(warningFor(plan, VERSIONED).contains("only in its top-level 'revision: 4' line"),
          warningFor(plan, VERSIONED));
      int revisions = f.emulator.state().flowRevisions(T, "dev", "versioned").size();
      Applier.to(f.side.writer()).apply(plan);
      assertEquals(revisions, f.emulator.state().flowRevisions(T, "dev", "versioned").size(), "no new revision");

      git.put(VERSIONED, WITH_REVISION.replace("revision: 3", "revision: 4").replace("hi", "hello"));
      ApplyResult updated = Applier.to(f.side.writer()).apply(reviewed(f, git));
      assertTrue(updated.isComplete(), "an update that changes more than the line is stored: " + updated);
      assertFalse(reviewed(f, git).hasWrites());
    }
  }

  @Test
  void kestrasValidation_refusesAFlowInThePlan_inKestrasWords_andTheRestGoesAhead() {
    try (ReaderTest.Fixture f = ReaderTest.Fixture.of(Emulators.Server.OSS_1_3)) {
      ResourceKey bad = ResourceKey.flow("dev", "bad");
      ResourceKey good = ResourceKey.flow("dev", "good");
      InMemorySide git = InMemorySide.git()
          .put(bad, "id: bad\nnamespace: dev\ntasks:\n  - id: t\n    type: io.kestra.plugin.not.There\n")
          .put(good, WITHOUT_REVISION.replace("versioned", "good"));
      Plan plan = reviewed(f, git);
      assertEquals(Action.BLOCKED, change(plan, bad).action());
      assertTrue(warningFor(plan, bad).contains("Kestra's validation refuses it"), warningFor(plan, bad));
      assertTrue(warningFor(plan, bad).contains("io.kestra.plugin.not.There"), warningFor(plan, bad));
      assertEquals(Action.CREATE, change(plan, good).action());
      ApplyResult result = Applier.to(f.side.writer()).apply(plan);
      assertTrue(result.isComplete(), result.toString());
      assertTrue(f.emulator.state().flowSource(T, "dev", "good").isPresent());
    }
  }

  @Test
  void kestrasNotesOnAFlowItTakes_showInThePlan_asWarningsNamingTheFlow() {
    try (ReaderTest.Fixture f = ReaderTest.Fixture.of(Emulators.Server.LEGACY_0_20)) {
      ResourceKey old = ResourceKey.flow("dev", "old-style");
      InMemorySide git = InMemorySide.git().put(old, "id: old-style\nnamespace: dev\ntasks:\n  - id: t\n"
          + "    type: io.kestra.core.tasks.log.Log\n    message: hi\n");
      Plan plan = reviewed(f, git);
      assertEquals(Action.CREATE, change(plan, old).action(), "a deprecated alias is still taken");
      assertTrue(warningFor(plan, old).contains("Kestra notes: io.kestra.core.tasks.log.Log is replaced by"
          + " io.kestra.plugin.core.log.Log"), warningFor(plan, old));
    }
  }

  @Test
  void beforeKestra0_23_aFlowWithATopLevelTenantId_isBlocked_forItWouldLandInAnotherTenant() {
    String elsewhere = WITHOUT_REVISION.replace("versioned", "moved").replace("tasks:", "tenantId: other\ntasks:");
    ResourceKey moved = ResourceKey.flow("dev", "moved");
    InMemorySide git = InMemorySide.git().put(moved, elsewhere);
    try (ReaderTest.Fixture f = ReaderTest.Fixture.of(Emulators.Server.LEGACY_0_20)) {
      Plan unreviewed = Planner.plan(git.read(FLOWS), f.side.reader().read(FLOWS), GIT_WINS);
      Applier.to(f.side.writer()).apply(unreviewed);
      assertTrue(f.emulator.state().flowSource(T, "dev", "moved").isEmpty(), "the emulator keeps it where it was sent");

      Plan plan = reviewed(f, git);
      assertEquals(Reason.TARGET_REFUSES, change(plan, moved).reason());
      assertTrue(warningFor(plan, moved).contains("has a top-level 'tenantId' (line 3)"), warningFor(plan, moved));
    }
    try (ReaderTest.Fixture f = ReaderTest.Fixture.of(Emulators.Server.OSS_1_3)) {
      assertTrue(Applier.to(f.side.writer()).apply(reviewed(f, git)).isComplete(), "from 0.23 the path decides");
      assertEquals(elsewhere, f.emulator.state().flowSource(T, "dev", "moved").orElseThrow());
    }
  }

  @Test
  void whenKestrasValidationCannotBeAsked_thePlanSaysSo_andGoesAhead() {
    try (ReaderTest.Fixture f = ReaderTest.Fixture.of(Emulators.Server.OSS_1_3)) {
      f.emulator.faults().add(dev.driftless.emulator.Fault.unavailable(1.0)
          .on("POST", "/api/v1/main/flows/validate"));
      InMemorySide git = InMemorySide.git().put(VERSIONED, WITHOUT_REVISION);
      Plan plan = reviewed(f, git);
      assertEquals(Action.CREATE, change(plan, VERSIONED).action());
      assertTrue(plan.diagnostics().stream().anyMatch(d -> d.message().startsWith("Kestra's validation could not be"
          + " asked")), plan.diagnostics().toString());
    }
  }

  @Test
  void aPlanWithNothingToWriteToKestra_costsNoValidationCall() {
    try (ReaderTest.Fixture f = ReaderTest.Fixture.of(Emulators.Server.OSS_1_3)) {
      f.emulator.state().putFlowSource(T, "dev", "versioned", WITHOUT_REVISION);
      InMemorySide git = InMemorySide.git().put(VERSIONED, WITHOUT_REVISION);
      f.emulator.requests().clear();
      assertFalse(reviewed(f, git).hasWrites());
      assertEquals(0, f.emulator.requests().count("POST", "/api/v1/main/flows/validate"));
    }
  }

  @Test
  void onKestra0_20_fileNamesItWouldAlter_areBlocked_andItsAlteredCopyIsNeverDeleted() {
    try (ReaderTest.Fixture f = ReaderTest.Fixture.of(Emulators.Server.LEGACY_0_20)) {
      Scope files = Scope.namespace("dev", EnumSet.of(ResourceKind.NAMESPACE_FILE));
      f.emulator.state().putNamespaceFile(T, "dev", "/scripts/a+b.py", bytes("print(1)"));
      f.emulator.state().putNamespaceFile(T, "dev", "/plain.txt", bytes("old"));
      InMemorySide git = InMemorySide.git()
          .put(ResourceKey.namespaceFile("dev", "scripts/a b.py"), Content.of(bytes("print(1)")))
          .put(ResourceKey.namespaceFile("dev", "notes/c#d.txt"), Content.of(bytes("c")))
          .put(ResourceKey.namespaceFile("dev", "e%f.txt"), Content.of(bytes("e")))
          .put(ResourceKey.namespaceFile("dev", "plain.txt"), Content.of(bytes("new")));
      Plan plan = Planner.plan(git.read(files), f.side.reader().read(files), GIT_WINS, PlanOptions.defaults(),
          f.side.reviewer());

      ResourceKey spaced = ResourceKey.namespaceFile("dev", "scripts/a b.py");
      ResourceKey copy = ResourceKey.namespaceFile("dev", "scripts/a+b.py");
      assertEquals(Reason.TARGET_REFUSES, change(plan, spaced).reason());
      assertTrue(warningFor(plan, spaced).contains("stores a space in a namespace file name as '+'"),
          warningFor(plan, spaced));
      assertEquals(Action.BLOCKED, change(plan, copy).action(), "Kestra's altered copy is not deleted");
      assertTrue(warningFor(plan, copy).contains("under an altered name"), warningFor(plan, copy));
      assertEquals(Action.BLOCKED, change(plan, ResourceKey.namespaceFile("dev", "notes/c#d.txt")).action());
      assertEquals(Action.BLOCKED, change(plan, ResourceKey.namespaceFile("dev", "e%f.txt")).action());
      assertEquals(Action.UPDATE, change(plan, ResourceKey.namespaceFile("dev", "plain.txt")).action());

      assertTrue(Applier.to(f.side.writer()).apply(plan).isComplete());
      assertEquals(java.util.List.of("/plain.txt", "/scripts/a+b.py"), f.emulator.state().namespaceFilePaths(T, "dev"));
      Plan again = Planner.plan(git.read(files), f.side.reader().read(files), GIT_WINS, PlanOptions.defaults(),
          f.side.reviewer());
      assertFalse(again.hasWrites(), "nothing is re-created or deleted on the next run");
    }
  }

  @Test
  void onKestra0_20_aNamespaceHoldingOnlyFiles_isReadWhereGitHasIt_withAWarning() {
    try (ReaderTest.Fixture f = ReaderTest.Fixture.of(Emulators.Server.LEGACY_0_20)) {
      f.emulator.state().putFlowSource(T, "company.team", "a", WITHOUT_REVISION.replace("versioned", "a")
          .replace("namespace: dev", "namespace: company.team"));
      f.emulator.state().putNamespaceFile(T, "company.data", "/seed.csv", bytes("x,y\n"));
      Scope tenant = Scope.tenant(EnumSet.of(ResourceKind.NAMESPACE_FILE));
      ResourceKey seed = ResourceKey.namespaceFile("company.data", "seed.csv");

      Snapshot listedOnly = f.side.reader().read(tenant);
      assertTrue(listedOnly.resource(seed).isEmpty(), "0.20 does not list a namespace holding only files");
      assertTrue(listedOnly.diagnostics().stream().anyMatch(d -> d.message().contains("lists only namespaces that"
          + " hold flows")), listedOnly.diagnostics().toString());

      InMemorySide git = InMemorySide.git().put(seed, Content.of(bytes("x,y\n")));
      Snapshot gitSnapshot = git.read(tenant);
      Snapshot hinted = f.side.reader().read(tenant, Planner.kestraNamespacesOf(gitSnapshot, GIT_WINS));
      assertTrue(hinted.resource(seed).isPresent(), "read where Git has the namespace");
      assertFalse(Planner.plan(gitSnapshot, hinted, GIT_WINS).hasWrites(), "in sync, not created forever");
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static Plan reviewed(ReaderTest.Fixture f, InMemorySide git) {
    Snapshot gitSnapshot = git.read(FLOWS);
    Snapshot kestraSnapshot = f.side.reader().read(FLOWS, Set.of());
    return Planner.plan(gitSnapshot, kestraSnapshot, GIT_WINS, PlanOptions.defaults(), f.side.reviewer());
  }

  private static Change change(Plan plan, ResourceKey key) {
    return plan.changes().stream().filter(c -> c.key().equals(key)).findFirst().orElseThrow();
  }

  private static String warningFor(Plan plan, ResourceKey key) {
    return plan.diagnostics().stream().filter(d -> d.key().filter(key::equals).isPresent())
        .map(Diagnostic::render).reduce("", (a, b) -> a + "\n" + b);
  }
}
