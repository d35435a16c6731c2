package dev.driftless.kestra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.driftless.apply.ApplyResult;
import dev.driftless.apply.ChangeResult;
import dev.driftless.apply.Outcome;
import dev.driftless.core.apply.Applier;
import dev.driftless.core.plan.Planner;
import dev.driftless.emulator.Fault;
import dev.driftless.emulator.FlowRevision;
import dev.driftless.emulator.KestraEmulator;
import dev.driftless.plan.Plan;
import dev.driftless.policy.Guards;
import dev.driftless.policy.Policy;
import dev.driftless.port.DriftlessException;
import dev.driftless.resource.Content;
import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.testkit.fake.InMemorySide;
import dev.driftless.testkit.fixture.Flows;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

/**
 * An apply of 500 changes while Kestra answers 10% of requests with 503 and drops 10% of
 * connections: every change ends applied or reported as failed with its cause, planning again
 * converges, and Kestra ends holding exactly Git's bytes: nothing lost, nothing corrupted.
 */
@Timeout(120)
class FaultsTest {

  private static final String T = KestraEmulator.DEFAULT_TENANT;
  private static final Scope SCOPE = Scope.namespace("dev", EnumSet.of(ResourceKind.FLOW, ResourceKind.NAMESPACE_FILE));
  private static final Policy GIT_WINS = Policy.builder().sourceOfTruth(Side.GIT).guards(Guards.none()).build();

  /**
   * With 5 attempts per call the retries cure nearly everything; with 2, some changes fail, are
   * reported with their cause, and the next plans pick up exactly those.
   */
  @ParameterizedTest(name = "{0} attempts per call")
  @ValueSource(ints = {5, 2})
  void anApplyOf500ChangesUnderFaults_completesOrNamesItsFailures_andPlanningAgainConverges(int attempts) {
    Emulators.Server server = Emulators.Server.OSS_1_3;
    try (KestraEmulator emulator = server.start();
        KestraSide side = KestraSide.open(Emulators.settings(emulator, server.auth()).maxAttempts(attempts).build())) {
      // Kestra holds 200 flows and 50 files; Git changes 150 flows, adds 250 flows and 50 files, and
      // drops 50 files: 500 changes.
      InMemorySide git = InMemorySide.git();
      for (int i = 0; i < 200; i++) {
        String source = Flows.flow("dev", "f" + i).log("hello", "v1 " + i).yaml();
        emulator.state().putFlowSource(T, source);
        git.put(ResourceKey.flow("dev", "f" + i), i < 150 ? Flows.flow("dev", "f" + i).comment("v2").crlf()
            .log("hello", "v2 " + i).yaml() : source);
      }
      for (int i = 200; i < 450; i++) {
        git.put(Flows.flow("dev", "f" + i).script("run", "echo " + i, "---", "done").resource());
      }
      for (int i = 0; i < 50; i++) {
        emulator.state().putNamespaceFile(T, "dev", "/old/file" + i + ".txt", ("old " + i).getBytes(StandardCharsets.UTF_8));
        git.put(ResourceKey.namespaceFile("dev", "new/dir" + (i % 5) + "/file" + i + ".bin"),
            Content.of(new byte[] {(byte) i, 0, (byte) 0xff, '\r', '\n'}));
      }
      emulator.faults().seed(20240601L)
          .add(Fault.unavailable(0.10))
          .add(Fault.dropConnection(0.10));

      Plan first = plan(git, side);
      assertEquals(500, first.summary().writes());
      int rounds = 0;
      int failed = 0;
      Plan plan = first;
      while (plan.summary().writes() > 0) {
        if (++rounds > 8) {
          fail("no convergence after 8 rounds: " + plan.summary().line());
        }
        ApplyResult result = Applier.to(side.writer()).apply(plan);
        System.out.println("faults: round " + rounds + ": " + result.line());
        for (ChangeResult r : result.results()) {
          if (r.outcome() != Outcome.APPLIED) {
            failed++;
            assertTrue(r.cause().filter(c -> !c.isBlank()).isPresent(), r.change().key() + " ended " + r.outcome()
                + " without a cause");
          }
        }
        assertAppliedChangesLanded(emulator, result);
        plan = plan(git, side);
      }
      emulator.faults().clear();
      assertKestraHoldsExactly(emulator, git);
      if (attempts == 2) {
        assertTrue(failed > 0 && rounds > 1, "with 2 attempts some change was expected to fail and be re-planned");
      }
      System.out.println("faults (" + attempts + " attempts): converged in " + rounds + " round(s), " + failed
          + " change outcomes not applied on the way; " + emulator.requests().size()
          + " requests, of which " + emulator.requests().all().stream().filter(r -> r.dropped()).count()
          + " dropped and " + emulator.requests().all().stream().filter(r -> r.status() == 503).count() + " answered 503");
    }
  }

  /** Plans from fresh snapshots, reading again when a read itself gave up under the faults. */
  private static Plan plan(InMemorySide git, KestraSide side) {
    for (int attempt = 1; ; attempt++) {
      try {
        return Planner.plan(git.read(SCOPE), side.reader().read(SCOPE), GIT_WINS);
      } catch (DriftlessException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  private static void assertAppliedChangesLanded(KestraEmulator emulator, ApplyResult result) {
    for (ChangeResult r : result.results()) {
      if (r.outcome() != Outcome.APPLIED) {
        continue;
      }
      ResourceKey key = r.change().key();
      byte[] stored = stored(emulator, key);
      if (r.change().after().isPresent()) {
        assertEquals(r.change().after().get(), dev.driftless.resource.Fingerprint.of(stored), key + " landed corrupted");
      } else {
        assertEquals(0, stored.length, key + " was reported deleted but is still there");
      }
    }
  }

  private static byte[] stored(KestraEmulator emulator, ResourceKey key) {
    if (key.kind() == ResourceKind.FLOW) {
      return emulator.state().flowSource(T, key.namespace(), key.name()).map(s -> s.getBytes(StandardCharsets.UTF_8))
          .orElse(new byte[0]);
    }
    return emulator.state().namespaceFile(T, key.namespace(), "/" + key.name()).orElse(new byte[0]);
  }

  private static void assertKestraHoldsExactly(KestraEmulator emulator, InMemorySide git) {
    Map<ResourceKey, byte[]> kestra = new HashMap<>();
    for (FlowRevision flow : emulator.state().flows(T)) {
      kestra.put(ResourceKey.flow(flow.namespace(), flow.id()), flow.source().getBytes(StandardCharsets.UTF_8));
    }
    for (String path : emulator.state().namespaceFilePaths(T, "dev")) {
      kestra.put(ResourceKey.namespaceFile("dev", path.substring(1)),
          emulator.state().namespaceFile(T, "dev", path).orElseThrow());
    }
    Map<ResourceKey, Resource> wanted = git.resources();
    assertEquals(wanted.keySet(), kestra.keySet(), "Kestra holds other resources than Git");
    wanted.forEach((key, resource) -> assertArrayEquals(resource.content().bytes(), kestra.get(key), key.toString()));
    for (FlowRevision flow : emulator.state().flows(T)) {
      int revisions = emulator.state().flowRevisions(T, flow.namespace(), flow.id()).size();
      assertTrue(revisions <= 2, flow.id() + " has " + revisions + " revisions: a write was repeated");
    }
  }
}
