package dev.driftless.kestra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.apply.ApplyResult;
import dev.driftless.core.apply.Applier;
import dev.driftless.core.plan.Planner;
import dev.driftless.emulator.KestraEmulator;
import dev.driftless.emulator.RecordedRequest;
import dev.driftless.plan.Plan;
import dev.driftless.policy.Guards;
import dev.driftless.policy.Policy;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.testkit.fake.InMemorySide;
import dev.driftless.testkit.fixture.Flows;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What reading and writing cost, counted by the emulator. */
@Timeout(60)
class RequestEconomyTest {

  private static final String T = KestraEmulator.DEFAULT_TENANT;
  private static final Scope FLOWS_AND_FILES = Scope.namespace("company.team",
      EnumSet.of(ResourceKind.FLOW, ResourceKind.NAMESPACE_FILE));
  /** Routes that change something. */
  private static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "DELETE");

  @ParameterizedTest
  @EnumSource(value = Emulators.Server.class, names = {"LEGACY_0_20", "OSS_1_3", "OSS_2_0", "EE_2_0"})
  void aNamespaceOf1000FlowsAnd200Files_isReadInAtMost5Requests(Emulators.Server server) {
    try (ReaderTest.Fixture f = ReaderTest.Fixture.of(server)) {
      seed(f.emulator, 1000, 200);
      f.emulator.requests().clear();
      Snapshot read = f.side.reader().read(FLOWS_AND_FILES);
      assertEquals(1200, read.entries().size());
      long requests = f.emulator.requests().size();
      System.out.println("economy " + server + ": 1000 flows + 200 files read in " + requests + " requests "
          + f.emulator.requests().countsByRoute());
      assertTrue(requests <= 5, requests + " requests: " + f.emulator.requests().countsByRoute());

      f.emulator.requests().clear();
      f.side.reader().read(FLOWS_AND_FILES.withIncludeChildNamespaces(true));
      assertTrue(f.emulator.requests().size() <= 5, "with children: " + f.emulator.requests().countsByRoute());
    }
  }

  @Test
  void aPlanChangingKResources_costsKWrites_oneValidation_andAConstantNumberOfReads() {
    Map<Integer, Long> readsByK = new TreeMap<>();
    for (int k : List.of(3, 30, 90)) {
      try (ReaderTest.Fixture f = ReaderTest.Fixture.of(Emulators.Server.OSS_1_3)) {
        seed(f.emulator, 300, 60);
        InMemorySide git = InMemorySide.git();
        f.side.reader().read(FLOWS_AND_FILES).resources().forEach(git::put);
        // k changes, a third each: flows created, flows updated, files deleted.
        for (int i = 0; i < k / 3; i++) {
          git.put(Flows.flow("company.team", "new_" + i).resource());
          git.put(Flows.flow("company.team", "flow_" + i).comment("changed").resource());
          git.remove(ResourceKey.namespaceFile("company.team", "files/file_" + i + ".txt"));
        }
        Plan plan = Planner.plan(git.read(FLOWS_AND_FILES), f.side.reader().read(FLOWS_AND_FILES),
            Policy.builder().sourceOfTruth(Side.GIT).guards(Guards.none()).build());
        assertEquals(k, plan.summary().writes());
        f.emulator.requests().clear();
        ApplyResult result = Applier.to(f.side.writer()).apply(plan);
        assertTrue(result.isComplete(), result.line());

        List<RecordedRequest> all = f.emulator.requests().all();
        long validations = f.emulator.requests().count("POST", "/api/v1/main/flows/validate");
        long writes = all.stream().filter(r -> WRITE_METHODS.contains(r.method())).count() - validations;
        long reads = all.size() - writes - validations;
        System.out.println("economy: a plan of " + k + " changes cost " + writes + " writes, " + validations
            + " validation, " + reads + " reads");
        assertEquals(k, writes, f.emulator.requests().countsByRoute().toString());
        assertEquals(1, validations);
        readsByK.put(k, reads);
      }
    }
    assertEquals(1, Set.copyOf(readsByK.values()).size(), "reads grow with the plan: " + readsByK);
    assertTrue(readsByK.values().iterator().next() <= 6, readsByK.toString());
  }

  private static void seed(KestraEmulator emulator, int flows, int files) {
    if (emulator.mode().isEnterprise()) {
      emulator.state().putNamespace(T, "company.team");
    }
    for (int i = 0; i < flows; i++) {
      emulator.state().putFlowSource(T, Flows.flow("company.team", "flow_" + i).comment("flow " + i)
          .log("hello", "hi " + i).yaml());
    }
    for (int i = 0; i < files; i++) {
      emulator.state().putNamespaceFile(T, "company.team", "/files/file_" + i + ".txt",
          ("content " + i + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }
}
