package dev.driftless.kestra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.apply.ApplyResult;
import dev.driftless.core.apply.Applier;
import dev.driftless.core.plan.Planner;
import dev.driftless.emulator.Execution;
import dev.driftless.emulator.Fault;
import dev.driftless.emulator.KestraEmulator;
import dev.driftless.emulator.RecordedRequest;
import dev.driftless.kestra.internal.client.Operation;
import dev.driftless.plan.Plan;
import dev.driftless.policy.Guards;
import dev.driftless.policy.Policy;
import dev.driftless.resource.Content;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.testkit.fake.InMemorySide;
import dev.driftless.testkit.fixture.Flows;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every request the adapter sends carries exactly the {@code Accept} and {@code Content-Type} of its
 * {@link Operation}, which are those of Kestra's official SDK (held to it by
 * {@code SdkOperationsTableTest}); Kestra routes by them, so any other {@code Accept} can reach
 * another route.
 */
@Timeout(120)
class OperationHeadersTest {

  private static final String T = KestraEmulator.DEFAULT_TENANT;
  private static final Policy GIT_WINS = Policy.builder().sourceOfTruth(Side.GIT).guards(Guards.none()).build();

  @ParameterizedTest
  @EnumSource(Emulators.Server.class)
  void everyRequestOfAReadAndAnApply_carriesItsOperationsHeaders(Emulators.Server server) {
    Set<Operation> seen = exercise(server);
    assertTrue(seen.contains(Operation.EXPORT_FLOWS_BY_QUERY), seen.toString());
  }

  @Test
  void theServersTogether_exerciseEveryOperation() {
    Set<Operation> seen = EnumSet.noneOf(Operation.class);
    for (Emulators.Server server : Emulators.Server.values()) {
      seen.addAll(exercise(server));
    }
    seen.addAll(exerciseFailurePaths(Emulators.Server.EE_2_0));
    Set<Operation> missing = EnumSet.allOf(Operation.class);
    missing.removeAll(seen);
    assertEquals(Set.of(), missing, "operations no test sent, so their headers went unchecked");
  }

  /** Reads, creates, updates and deletes every kind the server can write; checks each request's headers. */
  private static Set<Operation> exercise(Emulators.Server server) {
    try (ReaderTest.Fixture f = ReaderTest.Fixture.of(server)) {
      KestraServer kestra = f.side.server();
      Set<ResourceKind> kinds = EnumSet.noneOf(ResourceKind.class);
      for (ResourceKind kind : List.of(ResourceKind.FLOW, ResourceKind.NAMESPACE_FILE, ResourceKind.DASHBOARD,
          ResourceKind.APP, ResourceKind.TEST)) {
        if (kestra.cannotWrite(kind).isEmpty()) {
          kinds.add(kind);
        }
      }
      f.emulator.state().putFlowSource(T, Flows.flow("dev", "old").yaml());
      f.emulator.state().putFlowSource(T, Flows.flow("dev", "gone").yaml());
      f.emulator.state().putNamespaceFile(T, "dev", "/gone.txt", bytes("bye"));
      f.emulator.state().putExecution(T, Execution.of("e1", "dev", "old").withOutputFile("out.txt", bytes("o")));
      InMemorySide git = InMemorySide.git()
          .put(Flows.flow("dev", "old").comment("changed").resource())
          .put(Flows.flow("dev", "made").resource())
          .put(ResourceKey.namespaceFile("dev", "deep/new.txt"), Content.of(bytes("hi")))
          .put(Flows.flow("fresh", "first").resource());
      if (kinds.contains(ResourceKind.DASHBOARD)) {
        git.put(ResourceKey.dashboard("overview"), "id: overview\ntitle: Overview\ncharts: []\n");
        f.emulator.state().putDashboard(T, "old", "id: old\ntitle: Old\ncharts: []\n");
      }
      if (kinds.contains(ResourceKind.APP)) {
        git.put(ResourceKey.app("dev", "form"), "id: form\ntype: io.kestra.plugin.ee.apps.Execution\nnamespace: dev\n"
            + "flowId: made\n");
        git.put(ResourceKey.test("dev", "suite"), "id: suite\nnamespace: dev\nflowId: made\ntestCases:\n  - id: c\n"
            + "    type: io.kestra.core.tests.flow.UnitTest\n");
        git.put(ResourceKey.app("dev", "new-form"), "id: new-form\ntype: io.kestra.plugin.ee.apps.Execution\n"
            + "namespace: dev\nflowId: made\n");
        git.put(ResourceKey.test("dev", "new-suite"), "id: new-suite\nnamespace: dev\nflowId: made\ntestCases:\n"
            + "  - id: c\n    type: io.kestra.core.tests.flow.UnitTest\n");
        f.emulator.state().putApp(T, "uid-old", "id: stale\ntype: io.kestra.plugin.ee.apps.Execution\nnamespace: dev\n"
            + "flowId: old\n");
        f.emulator.state().putApp(T, "uid-form", "id: form\ntype: io.kestra.plugin.ee.apps.Execution\nnamespace: dev\n"
            + "flowId: old\n");
        f.emulator.state().putTest(T, "dev", "suite", "id: suite\nnamespace: dev\nflowId: old\ntestCases:\n"
            + "  - id: c\n    type: io.kestra.core.tests.flow.UnitTest\n");
        f.emulator.state().putTest(T, "dev", "stale", "id: stale\nnamespace: dev\nflowId: old\ntestCases:\n"
            + "  - id: c\n    type: io.kestra.core.tests.flow.UnitTest\n");
      }
      Scope scope = Scope.namespaces(Set.of("dev", "fresh"), false, kinds);
      Plan plan = Planner.plan(git.read(scope), f.side.reader().read(scope), GIT_WINS);
      assertTrue(plan.isApplyable(), plan.errors().toString());
      ApplyResult result = Applier.to(f.side.writer()).apply(plan);
      assertTrue(result.isComplete(), result.toString());
      f.side.executionFiles("e1", Map.of()).read(Scope.global(Set.of(ResourceKind.EXECUTION_FILE)));
      return checked(f, server);
    }
  }

  /**
   * The calls made only when something goes wrong: the read that checks whether a create whose
   * answer was lost happened, and the directory made when an upload says its directory is missing.
   */
  private static Set<Operation> exerciseFailurePaths(Emulators.Server server) {
    try (ReaderTest.Fixture f = ReaderTest.Fixture.of(server)) {
      f.emulator.faults().add(Fault.unavailable(1.0).on("POST", "/api/v1/main/flows"))
          .add(Fault.unavailable(1.0).on("POST", "/api/v1/main/dashboards"))
          .add(Fault.notFound(1.0).on("POST", "/api/v1/main/namespaces/dev/files"));
      InMemorySide git = InMemorySide.git()
          .put(Flows.flow("dev", "made").resource())
          .put(ResourceKey.namespaceFile("dev", "deep/new.txt"), Content.of(bytes("hi")))
          .put(ResourceKey.dashboard("overview"), "id: overview\ntitle: Overview\ncharts: []\n");
      f.emulator.state().putDashboard(T, "listed", "id: listed\ntitle: Listed\ncharts: []\n");
      Scope scope = Scope.namespaces(Set.of("dev"), false,
          EnumSet.of(ResourceKind.FLOW, ResourceKind.NAMESPACE_FILE, ResourceKind.DASHBOARD));
      Plan plan = Planner.plan(git.read(scope), f.side.reader().read(scope),
          Policy.builder().sourceOfTruth(Side.GIT).guards(Guards.none())
              .whenMissingInSource(dev.driftless.policy.WhenMissing.KEEP).build());
      ApplyResult result = Applier.to(f.side.writer()).apply(plan);
      assertTrue(!result.isComplete(), "the injected faults let the apply through: " + result);
      return checked(f, server);
    }
  }

  /** The operations of the requests the emulator recorded, each checked for its headers. */
  private static Set<Operation> checked(ReaderTest.Fixture f, Emulators.Server server) {
    {
      Set<Operation> seen = EnumSet.noneOf(Operation.class);
      List<String> wrong = new ArrayList<>();
      for (RecordedRequest request : f.emulator.requests().all()) {
        Optional<Operation> operation = operationOf(request);
        if (operation.isEmpty()) {
          wrong.add(request.method() + " " + request.path() + ": no operation has route " + request.route());
          continue;
        }
        Operation op = operation.get();
        seen.add(op);
        String accept = op.accept().orElse("");
        String contentType = op.contentType().map(Operation::mediaType).orElse("");
        if (!request.accept().equals(accept)
            || !(request.contentType().isEmpty() ? "" : Operation.mediaType(request.contentType())).equals(contentType)) {
          wrong.add(op + " sent Accept '" + request.accept() + "' and Content-Type '" + request.contentType()
              + "', not '" + accept + "' and '" + contentType + "'");
        }
      }
      assertEquals(List.of(), wrong, server.name());
      return seen;
    }
  }

  /** The operation of a recorded request, by its method and the template of the route it took. */
  private static Optional<Operation> operationOf(RecordedRequest request) {
    String route = request.route();
    String template = route.substring(route.indexOf(' ') + 1).replaceFirst("^/api/v1(/\\{tenant\\})?(?=/)", "");
    for (Operation op : Operation.values()) {
      String opTemplate = op.root() ? op.template().replaceFirst("^/api/v1", "") : op.template();
      if (op.method().equals(request.method()) && normalize(opTemplate).equals(normalize(template))) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }

  /** A template with its variables renamed, so {@code {uid}} and {@code {id}} compare equal. */
  private static String normalize(String template) {
    return template.replaceAll("\\{[^}]+}", "{}");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unused")
  private static Set<String> names(Set<Operation> operations) {
    Set<String> out = new TreeSet<>();
    operations.forEach(o -> out.add(o.name()));
    return out;
  }
}
