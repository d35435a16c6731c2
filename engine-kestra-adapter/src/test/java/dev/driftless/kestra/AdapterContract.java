package dev.driftless.kestra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.driftless.apply.ApplyResult;
import dev.driftless.apply.ChangeResult;
import dev.driftless.apply.Outcome;
import dev.driftless.core.apply.Applier;
import dev.driftless.core.plan.Planner;
import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.diagnostic.Severity;
import dev.driftless.plan.Plan;
import dev.driftless.policy.Guards;
import dev.driftless.policy.Policy;
import dev.driftless.policy.Selector;
import dev.driftless.policy.WhenMissing;
import dev.driftless.port.AccessDeniedException;
import dev.driftless.resource.Content;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.testkit.fake.InMemorySide;
import dev.driftless.testkit.fixture.Flows;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * What the Kestra adapter does on any Kestra server, stated through its ports only (writes go
 * through the writer, checks through the reader), so that the same tests run against every
 * emulated version and edition and against a real server. Each test works in a namespace of its
 * own and removes what it wrote.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
abstract class AdapterContract {

  /** A flow with comments, odd indentation, CRLF line endings and a {@code ---} inside a block string. */
  static final String TRICKY = "# A flow kept byte for byte\r\n"
      + "id: tricky\r\n"
      + "namespace: %s\r\n"
      + "\r\n"
      + "description: |\r\n"
      + "   Three spaces in, on purpose.\r\n"
      + "tasks:\r\n"
      + "   - id: run   # odd indentation\r\n"
      + "     type: io.kestra.plugin.core.log.Log\r\n"
      + "     message: |\r\n"
      + "        before\r\n"
      + "        ---\r\n"
      + "        after\r\n"
      + "\r\n"
      + "# trailing comment\r\n";

  private static final Set<ResourceKind> FLOWS_AND_FILES = EnumSet.of(ResourceKind.FLOW, ResourceKind.NAMESPACE_FILE);

  protected KestraSide side;
  protected String ns;

  /** Settings that reach the server under test with valid credentials. */
  protected abstract KestraSettings settings();

  /** The same settings with credentials the server refuses. */
  protected abstract KestraSettings refusedSettings();

  /** The password or token of {@link #settings()}, to check no message shows it. */
  protected abstract String secret();

  /** Starts what the server under test needs, before the side is opened; nothing by default. */
  protected void startServer() {}

  /** Stops it, after the side is closed; nothing by default. */
  protected void stopServer() {}

  @BeforeAll
  void openSide() {
    startServer();
    side = KestraSide.open(settings().withAllowMissingNamespaces(true));
  }

  @AfterAll
  void closeSide() {
    try {
      if (side != null) {
        side.close();
      }
    } finally {
      stopServer();
    }
  }

  @BeforeEach
  void freshNamespace() {
    byte[] random = new byte[4];
    ThreadLocalRandom.current().nextBytes(random);
    ns = "driftless.it.t" + HexFormat.of().formatHex(random);
  }

  @AfterEach
  void removeWhatWasWritten() {
    if (side != null && ns != null) {
      Scope scope = Scope.namespaces(List.of(ns), true, writableKinds(EnumSet.of(ResourceKind.FLOW,
          ResourceKind.NAMESPACE_FILE, ResourceKind.APP, ResourceKind.TEST)));
      sync(InMemorySide.git(), scope, Policy.builder().sourceOfTruth(Side.GIT).guards(Guards.none())
          .includeChildNamespaces(true).build());
    }
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void trickyFlow_survivesGitToKestraToGit_byteForByte() {
    String source = String.format(TRICKY, ns);
    InMemorySide git = InMemorySide.git().put(ResourceKey.flow(ns, "tricky"), source);
    Scope scope = Scope.namespace(ns, EnumSet.of(ResourceKind.FLOW));
    assertComplete(syncFromGit(git, scope));

    Snapshot kestra = side.reader().read(scope);
    assertArrayEquals(source.getBytes(StandardCharsets.UTF_8),
        kestra.resource(ResourceKey.flow(ns, "tricky")).orElseThrow().content().bytes(), "Kestra holds other bytes");

    InMemorySide back = InMemorySide.git();
    Plan plan = Planner.plan(back.read(scope), kestra, Policy.builder().sourceOfTruth(Side.KESTRA).build());
    assertComplete(Applier.to(back).apply(plan));
    assertArrayEquals(source.getBytes(StandardCharsets.UTF_8),
        back.get(ResourceKey.flow(ns, "tricky")).orElseThrow().content().bytes(), "Git got other bytes back");
  }

  @Test
  void createUpdateDelete_converge_andEachPlanWritesOnlyWhatChanged() {
    InMemorySide git = InMemorySide.git()
        .put(Flows.flow(ns, "first").comment("one").log("hi", "hello").resource())
        .put(Flows.flow(ns, "second").input("who", "STRING", "you").crlf().resource())
        .put(ResourceKey.namespaceFile(ns, "scripts/main.py"), "print('hi')\n")
        .put(ResourceKey.namespaceFile(ns, "data/deep/er/blob.bin"), Content.of(new byte[] {0, 1, 2, (byte) 255, 10, 13}))
        .put(ResourceKey.namespaceFile(ns, "archive.zip"), Content.of("not unpacked".getBytes(StandardCharsets.UTF_8)))
        .put(ResourceKey.namespaceFile(ns, spacedName()), "unicode\n");
    Scope scope = Scope.namespace(ns, FLOWS_AND_FILES);
    assertComplete(syncFromGit(git, scope));
    assertInSync(git, scope);

    git.put(Flows.flow(ns, "first").comment("two").log("hi", "hello").resource());
    git.put(ResourceKey.namespaceFile(ns, "scripts/main.py"), "print('changed')\n");
    ApplyResult updated = syncFromGit(git, scope);
    assertComplete(updated);
    assertEquals(2, updated.results().size(), "only the two changed resources are written");
    assertInSync(git, scope);

    git.remove(ResourceKey.flow(ns, "second"));
    git.remove(ResourceKey.namespaceFile(ns, "archive.zip"));
    ApplyResult deleted = syncFromGit(git, scope);
    assertComplete(deleted);
    assertEquals(2, deleted.results().size());
    assertInSync(git, scope);
    Snapshot kestra = side.reader().read(scope);
    assertFalse(kestra.index().containsKey(ResourceKey.flow(ns, "second")));
    assertTrue(kestra.index().containsKey(ResourceKey.namespaceFile(ns, "data/deep/er/blob.bin")));
  }

  @Test
  void childNamespaces_areReadOnlyWhenAsked() {
    InMemorySide git = InMemorySide.git()
        .put(Flows.flow(ns, "parent").resource())
        .put(Flows.flow(ns + ".child", "kid").resource())
        .put(ResourceKey.namespaceFile(ns, "a.txt"), "a\n")
        .put(ResourceKey.namespaceFile(ns + ".child", "b.txt"), "b\n");
    Scope withChildren = Scope.namespaces(List.of(ns), true, FLOWS_AND_FILES);
    assertComplete(sync(git, withChildren, Policy.builder().sourceOfTruth(Side.GIT).includeChildNamespaces(true).build()));

    Snapshot all = side.reader().read(withChildren);
    assertEquals(Set.of(ResourceKey.flow(ns, "parent"), ResourceKey.flow(ns + ".child", "kid"),
        ResourceKey.namespaceFile(ns, "a.txt"), ResourceKey.namespaceFile(ns + ".child", "b.txt")),
        all.index().keySet());
    Snapshot parentOnly = side.reader().read(Scope.namespace(ns, FLOWS_AND_FILES));
    assertEquals(Set.of(ResourceKey.flow(ns, "parent"), ResourceKey.namespaceFile(ns, "a.txt")),
        parentOnly.index().keySet());
  }

  @Test
  void aFlowKestraRefuses_writesNothing_andEveryProblemIsNamedWithItsFlowAndField() {
    InMemorySide git = InMemorySide.git()
        .put(Flows.flow(ns, "good").resource())
        .put(ResourceKey.flow(ns, "empty"), "id: empty\nnamespace: " + ns + "\ntasks: []\n")
        .put(ResourceKey.flow(ns, "untyped"), "id: untyped\nnamespace: " + ns + "\ntasks:\n  - id: t\n    message: hi\n")
        .put(ResourceKey.namespaceFile(ns, "file.txt"), "x\n");
    Scope scope = Scope.namespace(ns, FLOWS_AND_FILES);
    ApplyResult result = syncFromGit(git, scope);

    assertTrue(side.reader().read(scope).entries().isEmpty(), "something was written");
    ChangeResult empty = outcome(result, ResourceKey.flow(ns, "empty"));
    ChangeResult untyped = outcome(result, ResourceKey.flow(ns, "untyped"));
    assertEquals(Outcome.FAILED, empty.outcome());
    assertEquals(Outcome.FAILED, untyped.outcome());
    assertTrue(empty.cause().orElseThrow().contains("flow " + ns + "/empty") && empty.cause().get().contains("tasks"),
        empty.cause().get());
    assertTrue(untyped.cause().orElseThrow().contains("flow " + ns + "/untyped")
        && untyped.cause().get().contains("Invalid type: <null>"), untyped.cause().get());
    assertEquals(Outcome.SKIPPED, outcome(result, ResourceKey.flow(ns, "good")).outcome());
    assertEquals(Outcome.SKIPPED, outcome(result, ResourceKey.namespaceFile(ns, "file.txt")).outcome());
  }

  @Test
  void aResourceChangedAfterPlanning_isStale_andNotOverwritten() {
    InMemorySide git = InMemorySide.git().put(Flows.flow(ns, "a").comment("v1").resource());
    Scope scope = Scope.namespace(ns, EnumSet.of(ResourceKind.FLOW));
    assertComplete(syncFromGit(git, scope));

    git.put(Flows.flow(ns, "a").comment("v2").resource());
    Plan plan = Planner.plan(git.read(scope), side.reader().read(scope), Policy.builder().sourceOfTruth(Side.GIT).build());
    InMemorySide meanwhile = InMemorySide.git().put(Flows.flow(ns, "a").comment("someone else").resource());
    assertComplete(syncFromGit(meanwhile, scope));

    ApplyResult result = Applier.to(side.writer()).apply(plan);
    assertEquals(Outcome.STALE, outcome(result, ResourceKey.flow(ns, "a")).outcome());
    assertArrayEquals(Flows.flow(ns, "a").comment("someone else").content().bytes(),
        side.reader().read(scope).resource(ResourceKey.flow(ns, "a")).orElseThrow().content().bytes());
  }

  @Test
  void kindsTheServerLacks_areLeftOutOfTheScope_withAWarningNamingThem() {
    Set<ResourceKind> all = EnumSet.of(ResourceKind.FLOW, ResourceKind.NAMESPACE_FILE, ResourceKind.DASHBOARD,
        ResourceKind.APP, ResourceKind.TEST);
    Snapshot snapshot = side.reader().read(Scope.namespace(ns, all));
    for (ResourceKind kind : all) {
      boolean lacking = side.server().cannotRead(kind).isPresent();
      assertEquals(!lacking, snapshot.scope().kinds().contains(kind), kind.label());
      if (lacking) {
        assertTrue(snapshot.diagnostics().stream().anyMatch(d -> d.severity() == Severity.WARNING
            && d.message().contains(kind.label() + "s")), () -> kind.label() + ": " + snapshot.diagnostics());
      }
    }
  }

  @Test
  void dashboards_areKeyedByTheirId_andConverge() {
    assumeTrue(side.server().cannotWrite(ResourceKind.DASHBOARD).isEmpty(), "this server cannot write dashboards");
    String id = "driftless-it-" + ns.substring(ns.lastIndexOf('.') + 2);
    ResourceKey key = ResourceKey.dashboard(id);
    InMemorySide git = InMemorySide.git().put(key, "id: " + id + "\ntitle: Same title\n# kept\ncharts: []\n");
    Scope scope = Scope.global(EnumSet.of(ResourceKind.DASHBOARD));
    Policy onlyOurs = Policy.builder().sourceOfTruth(Side.GIT).whenMissingInSource(WhenMissing.KEEP)
        .selector(Selector.of(Set.of(), List.of(id), List.of())).build();
    try {
      assertComplete(sync(git, scope, onlyOurs));
      assertArrayEquals(git.get(key).orElseThrow().content().bytes(),
          side.reader().read(scope).resource(key).orElseThrow().content().bytes());
      git.put(key, "id: " + id + "\ntitle: Same title\n# changed\ncharts: []\n");
      assertComplete(sync(git, scope, onlyOurs));
      assertEquals(0, plan(git, scope, onlyOurs).summary().writes());
    } finally {
      Policy removeOurs = Policy.builder().sourceOfTruth(Side.GIT).guards(Guards.none())
          .selector(Selector.of(Set.of(), List.of(id), List.of())).build();
      sync(InMemorySide.git(), scope, removeOurs);
      assertFalse(side.reader().read(scope).index().containsKey(key), "the test dashboard was not removed");
    }
  }

  @Test
  void appsAndTests_roundTrip_onEnterprise() {
    assumeTrue(side.server().cannotWrite(ResourceKind.APP).isEmpty()
        && side.server().cannotWrite(ResourceKind.TEST).isEmpty(), "apps and tests are Enterprise only");
    ResourceKey app = ResourceKey.app(ns, "form");
    ResourceKey test = ResourceKey.test(ns, "suite");
    InMemorySide git = InMemorySide.git()
        .put(Flows.flow(ns, "a").resource())
        .put(app, "id: form\ntype: io.kestra.plugin.ee.apps.Execution\nnamespace: " + ns + "\nflowId: a\n")
        .put(test, "id: suite\nnamespace: " + ns + "\nflowId: a\ntestCases:\n  - id: c\n    type: "
            + "io.kestra.core.tests.flow.UnitTest\n");
    Scope scope = Scope.namespace(ns, EnumSet.of(ResourceKind.FLOW, ResourceKind.APP, ResourceKind.TEST));
    assertComplete(syncFromGit(git, scope));
    assertInSync(git, scope);
    git.put(app, "id: form\ntype: io.kestra.plugin.ee.apps.Execution\nnamespace: " + ns + "\nflowId: a # edited\n");
    assertComplete(syncFromGit(git, scope));
    assertInSync(git, scope);
    git.remove(test);
    assertComplete(syncFromGit(git, scope));
    assertInSync(git, scope);
  }

  @Test
  void refusedCredentials_areAccessDenied_namingTheUserButNeverTheSecret() {
    AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> {
      try (KestraSide refused = KestraSide.open(refusedSettings())) {
        refused.reader().read(Scope.namespace(ns, EnumSet.of(ResourceKind.FLOW)));
      }
    });
    assertTrue(e.getMessage().contains("refused the"), e.getMessage());
    assertFalse(e.getMessage().contains(secret()), "the message shows the secret");
    assertFalse(String.valueOf(e.getCause()).contains(secret()), "the cause shows the secret");
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * A namespace file name with a space and an accent, where the server keeps such names (Kestra 0.20
   * and 0.21 store a space as '+': {@code ServerQuirksTest} covers that).
   */
  private String spacedName() {
    return side.server().atLeast(0, 22) ? "with space/é.txt" : "with-accent/é.txt";
  }

  protected ApplyResult syncFromGit(InMemorySide git, Scope scope) {
    return sync(git, scope, Policy.builder().sourceOfTruth(Side.GIT).build());
  }

  protected Plan plan(InMemorySide git, Scope scope, Policy policy) {
    return Planner.plan(git.read(scope), side.reader().read(scope), policy);
  }

  protected ApplyResult sync(InMemorySide git, Scope scope, Policy policy) {
    Plan plan = plan(git, scope, policy);
    assertTrue(plan.isApplyable(), () -> "plan has errors: " + plan.errors());
    return Applier.to(side.writer()).apply(plan);
  }

  private void assertInSync(InMemorySide git, Scope scope) {
    Plan again = plan(git, scope, Policy.builder().sourceOfTruth(Side.GIT).build());
    assertEquals(0, again.summary().writes(), () -> "still differs: " + again.writes());
  }

  protected static void assertComplete(ApplyResult result) {
    assertTrue(result.isComplete(), () -> result.line() + "\n" + result.results().stream()
        .filter(r -> !r.outcome().isSuccess())
        .map(r -> r.outcome() + " " + r.change().key() + ": " + r.cause().orElse(""))
        .collect(Collectors.joining("\n")) + "\n" + result.diagnostics().stream().map(Diagnostic::render)
        .collect(Collectors.joining("\n")));
  }

  protected static ChangeResult outcome(ApplyResult result, ResourceKey key) {
    return result.results().stream().filter(r -> r.change().key().equals(key)).findFirst()
        .orElseThrow(() -> new AssertionError("no result for " + key + " in " + result.results()));
  }

  protected Set<ResourceKind> writableKinds(Set<ResourceKind> kinds) {
    Set<ResourceKind> out = EnumSet.noneOf(ResourceKind.class);
    for (ResourceKind kind : kinds) {
      if (side.server().cannotWrite(kind).isEmpty()) {
        out.add(kind);
      }
    }
    return out;
  }
}
