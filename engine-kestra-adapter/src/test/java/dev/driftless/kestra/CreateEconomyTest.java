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
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.testkit.fake.InMemorySide;
import dev.driftless.testkit.fixture.Flows;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Creating flows spread over ten namespaces, counted by the emulator: one {@code POST /flows} per
 * flow, one validation for all of them, no request naming a flow, and reads that do not grow with
 * the number of flows (the session's state before and after writing, read per namespace).
 */
@org.junit.jupiter.api.Timeout(120)
class CreateEconomyTest {

  private static final String T = KestraEmulator.DEFAULT_TENANT;
  private static final Scope COMPANY = Scope.namespaces(List.of("company"), true, Set.of(ResourceKind.FLOW));
  private static final int NAMESPACES = 10;

  @ParameterizedTest
  @EnumSource(value = Emulators.Server.class, names = {"OSS_1_3", "EE_2_0"})
  void creatingFlowsInTenNamespaces_costsOnePostPerFlow_oneValidation_andReadsThatDoNotGrow(Emulators.Server server) {
    Map<Integer, Long> readsByCount = new TreeMap<>();
    for (int perNamespace : List.of(3, 30)) {
      try (ReaderTest.Fixture f = ReaderTest.Fixture.of(server)) {
        if (f.emulator.mode().isEnterprise()) {
          f.emulator.state().putNamespace(T, "company");
          for (int n = 0; n < NAMESPACES; n++) {
            f.emulator.state().putNamespace(T, "company.team" + n);
          }
        }
        InMemorySide git = InMemorySide.git();
        for (int n = 0; n < NAMESPACES; n++) {
          for (int i = 0; i < perNamespace; i++) {
            git.put(Flows.flow("company.team" + n, "flow_" + i).log("hello", "hi " + i).resource());
          }
        }
        int flows = NAMESPACES * perNamespace;
        Plan plan = Planner.plan(git.read(COMPANY), f.side.reader().read(COMPANY),
            Policy.builder().sourceOfTruth(Side.GIT).guards(Guards.none()).includeChildNamespaces(true).build());
        assertEquals(flows, plan.summary().create());
        f.emulator.requests().clear();

        ApplyResult result = Applier.to(f.side.writer()).apply(plan);

        assertTrue(result.isComplete(), result.line());
        assertEquals(flows, f.emulator.state().flows(T).size());
        List<RecordedRequest> all = f.emulator.requests().all();
        Map<String, Long> routes = f.emulator.requests().countsByRoute();
        long posts = f.emulator.requests().count("POST", "/api/v1/main/flows");
        long validations = f.emulator.requests().count("POST", "/api/v1/main/flows/validate");
        assertEquals(flows, posts, routes.toString());
        assertEquals(1, validations, routes.toString());
        assertTrue(all.stream().noneMatch(r -> r.path().contains("/flow_")), () -> "a request names a flow: " + routes);
        assertEquals(all.size() - posts - validations, all.stream().filter(r -> r.method().equals("GET")).count(),
            "besides the creates and the validation, only reads: " + routes);
        readsByCount.put(flows, all.size() - posts - validations);
        System.out.println("economy " + server + ": " + flows + " flows created in " + NAMESPACES + " namespaces: "
            + routes);
      }
    }
    assertEquals(1, Set.copyOf(readsByCount.values()).size(), "reads grow with the flows: " + readsByCount);
  }
}
