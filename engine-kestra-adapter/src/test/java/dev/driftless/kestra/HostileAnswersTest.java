package dev.driftless.kestra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.core.plan.Planner;
import dev.driftless.emulator.KestraEmulator;
import dev.driftless.plan.Action;
import dev.driftless.plan.Plan;
import dev.driftless.policy.Guards;
import dev.driftless.policy.Policy;
import dev.driftless.port.DriftlessException;
import dev.driftless.resource.Content;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.testkit.fake.InMemorySide;
import dev.driftless.testkit.fixture.Flows;
import dev.driftless.testkit.hostile.HostileProxy;
import dev.driftless.testkit.hostile.Misbehaviour;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Answers a healthy Kestra never gives, from a hostile proxy in front of the emulator: each makes the
 * read fail with words, and none is ever taken for "Kestra holds less", which would delete the other
 * side's copies. Kestra is the source here and Git the target, so a smaller Kestra snapshot would plan
 * deletions in Git.
 */
@Timeout(120)
class HostileAnswersTest {

  private static final String T = KestraEmulator.DEFAULT_TENANT;
  private static final Scope SCOPE = Scope.namespace("dev", EnumSet.of(ResourceKind.FLOW, ResourceKind.NAMESPACE_FILE));
  private static final Policy KESTRA_WINS = Policy.builder().sourceOfTruth(Side.KESTRA).guards(Guards.none()).build();
  private static final String FLOW_EXPORT = "/api/v1/main/flows/export/by-query";
  private static final String FILE_EXPORT = "/api/v1/main/namespaces/dev/files/export";
  private static final String FLOW_SEARCH = "/api/v1/main/flows/search";

  @Test
  void anHtmlPage_whereTheFileExportShouldBe_failsTheRead() {
    String message = failure("GET", FILE_EXPORT, Misbehaviour.htmlPage(), Duration.ofMinutes(1));
    assertTrue(message.contains("Kestra answered text/html where application/octet-stream was expected"), message);
    assertTrue(message.contains("login or maintenance page"), message);
  }

  @Test
  void anHtmlPage_whereTheFlowExportShouldBe_failsTheRead() {
    failure("GET", FLOW_EXPORT, Misbehaviour.htmlPage(), Duration.ofMinutes(1));
  }

  @Test
  void anHtmlPageLabelledAsAZip_failsTheRead() {
    String message = failure("GET", FILE_EXPORT, Misbehaviour.body(200, "application/octet-stream",
        "<html><body>Sign in</body></html>"), Duration.ofMinutes(1));
    assertTrue(message.contains("is not a whole ZIP archive"), message);
  }

  @Test
  void jsonWhereTheZipShouldBe_failsTheRead() {
    failure("GET", FILE_EXPORT, Misbehaviour.body(200, "application/json", "{\"message\":\"oops\"}"),
        Duration.ofMinutes(1));
  }

  @Test
  void a404FromAProxy_whereTheFileExportShouldBe_failsTheRead() {
    failure("GET", FILE_EXPORT, Misbehaviour.status(404, true), Duration.ofMinutes(1));
  }

  @Test
  void aZipCutShort_failsTheRead_whereverItIsCut() {
    failure("GET", FILE_EXPORT, Misbehaviour.truncated(0.5), Duration.ofMinutes(1));
    String message = failure("GET", FILE_EXPORT, Misbehaviour.zipWithoutDirectory(), Duration.ofMinutes(1));
    assertTrue(message.contains("ends without the archive's directory"), message);
  }

  @Test
  void aFlowSearchWithFieldsOfTheWrongTypes_failsTheRead() {
    UnaryOperator<com.fasterxml.jackson.databind.JsonNode> numbers = page -> {
      page.get("results").forEach(item -> ((ObjectNode) item).put("id", 42));
      return page;
    };
    String message = failure("GET", FLOW_SEARCH, Misbehaviour.json(numbers), Duration.ofMinutes(1));
    assertTrue(message.contains("an item has no text 'id' (number)"), message);
    failure("GET", FLOW_SEARCH, Misbehaviour.json(page -> ((ObjectNode) page).put("total", "many")),
        Duration.ofMinutes(1));
  }

  @Test
  void aSearchThatPagesForever_isReadNoFurtherThanTheLimit_andFailsTheRead() {
    String huge = failure("GET", FLOW_SEARCH, Misbehaviour.endlessPages(1000, Long.MAX_VALUE / 2), Duration.ofMinutes(1));
    assertTrue(huge.contains("lists more than 200000 items"), huge);
  }

  @Test
  void aSearchListingFlowsTheExportLacks_makesThemUnreadable_neverDeletesAnything() {
    Plan plan = planThrough("GET", FLOW_SEARCH, Misbehaviour.json(page -> {
      ObjectNode listing = (ObjectNode) page;
      for (int i = 1; i <= 3000; i++) {
        listing.withArray("results").addObject().put("id", "ghost-" + i).put("namespace", "dev").put("revision", 1);
      }
      return listing.put("total", listing.get("total").asLong() + 3000);
    }), 10_000);
    assertEquals(0, plan.changes().stream().filter(c -> c.action() == Action.DELETE).count(), plan.changes().toString());
    assertTrue(plan.changes().stream().filter(c -> c.action() == Action.BLOCKED).count() >= 3000,
        "listed but not exported, they are unreadable");
  }

  @Test
  void aSearchPagingPastItsTotal_failsTheRead() {
    String message = failure("GET", FLOW_SEARCH, Misbehaviour.endlessPages(1000, 3000), Duration.ofMinutes(1));
    assertTrue(message.contains("gave more items (4000) than the total it gave (3000)"), message);
  }

  @Test
  void aZipBomb_failsTheRead_withoutExhaustingMemory() {
    String many = failure("GET", FILE_EXPORT, Misbehaviour.zipBomb(300_000, 0), Duration.ofMinutes(1));
    assertTrue(many.contains("more than 200000 entries"), many);
    String big = failure("GET", FLOW_EXPORT, Misbehaviour.zipBomb(1, 2L << 30), Duration.ofMinutes(1));
    assertTrue(big.contains("expands to more than"), big);
  }

  @Test
  void aBodyTrickledPastTheCallDeadline_failsTheRead_byTheDeadline() {
    long start = System.nanoTime();
    String message = failure("GET", FILE_EXPORT, Misbehaviour.trickle(Duration.ofMillis(200)), Duration.ofSeconds(2));
    long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
    assertTrue(message.contains("within the call deadline of 2 s"), message);
    assertTrue(seconds < 30, "took " + seconds + " s");
  }

  @Test
  void aListingWhoseTotalUndercountsItsItems_isNotTakenForFewerDashboards() {
    String overview = "id: overview\ntitle: Overview\ncharts: []\n";
    String ops = "id: ops\ntitle: Ops\ncharts: []\n";
    Scope dashboards = Scope.global(EnumSet.of(ResourceKind.DASHBOARD));
    try (KestraEmulator kestra = Emulators.Server.OSS_1_3.start();
        HostileProxy proxy = HostileProxy.before(kestra.url())) {
      kestra.state().putDashboard(T, "overview", overview);
      kestra.state().putDashboard(T, "ops", ops);
      InMemorySide git = InMemorySide.git().put(ResourceKey.dashboard("overview"), overview)
          .put(ResourceKey.dashboard("ops"), ops);
      proxy.on("GET", "/api/v1/main/dashboards", Misbehaviour.json(page -> ((ObjectNode) page).put("total", 1)));
      try (KestraSide side = KestraSide.open(KestraSettings.builder().url(proxy.url().toString())
          .auth(Emulators.Server.OSS_1_3.auth()).pageSize(1).build())) {
        try {
          Plan plan = Planner.plan(git.read(dashboards), side.reader().read(dashboards), KESTRA_WINS);
          assertEquals(List.of(), plan.changes().stream().filter(c -> c.action() == Action.DELETE).toList(),
              "a listing that says it is shorter than it is was taken for fewer dashboards");
        } catch (DriftlessException e) {
          assertFalse(e.getMessage().contains("Exception"), e.getMessage());
        }
      }
    }
  }

  /**
   * The test suite search is the only way to know a test suite is there: one listed under an id that
   * is not valid may be any suite of its namespace, so none of them is deleted from Git; one listed
   * under a namespace that is not valid may be any suite at all, so test suites are left out.
   */
  @Test
  void aTestSuiteListedUnderANameThatIsNotValid_isNeverTakenForFewerTestSuites() {
    Scope tests = Scope.namespace("dev", EnumSet.of(ResourceKind.TEST));
    for (String field : List.of("id", "namespace")) {
      try (KestraEmulator kestra = Emulators.Server.EE_1_3.start();
          HostileProxy proxy = HostileProxy.before(kestra.url())) {
        kestra.state().putNamespace(T, "dev");
        kestra.state().putTest(T, "dev", "t1", testSuite("t1"));
        kestra.state().putTest(T, "dev", "t2", testSuite("t2"));
        InMemorySide git = InMemorySide.git().put(ResourceKey.test("dev", "t1"), testSuite("t1"))
            .put(ResourceKey.test("dev", "t2"), testSuite("t2"));
        proxy.on("GET", "/api/v1/main/tests/search", Misbehaviour.json(page -> {
          ((ObjectNode) page.get("results").get(0)).put(field, "not valid!");
          return page;
        }));
        try (KestraSide side = KestraSide.open(KestraSettings.builder().url(proxy.url().toString())
            .auth(Emulators.Server.EE_1_3.auth()).build())) {
          Snapshot read = side.reader().read(tests);
          Plan plan = Planner.plan(git.read(tests), read, KESTRA_WINS);
          assertEquals(List.of(), plan.changes().stream().filter(c -> c.action() == Action.DELETE).toList(),
              field + ": a test suite listed under a name that is not valid was taken for no suite");
          String said = read.diagnostics().toString();
          assertTrue(said.contains("whose id or namespace is not valid"), said);
          assertTrue(said.contains(field.equals("id") ? "no test suite of namespace dev is deleted while it is there"
              : "tests are left out of this snapshot"), said);
        }
      }
    }
  }

  private static String testSuite(String id) {
    return "id: " + id + "\nnamespace: dev\nflowId: a\ntestCases:\n  - id: case0\n"
        + "    type: io.kestra.core.tests.flow.UnitTest\n    assertions:\n      - value: \"{{ outputs.t.value }}\"\n"
        + "        equalTo: v0\n";
  }

  /** Reads Kestra through the proxy answering this call with the misbehaviour, and plans; no read may fail. */
  private static Plan planThrough(String method, String path, Misbehaviour misbehaviour) {
    return planThrough(method, path, misbehaviour, 1000);
  }

  private static Plan planThrough(String method, String path, Misbehaviour misbehaviour, int pageSize) {
    try (KestraEmulator kestra = Emulators.Server.OSS_1_3.start();
        HostileProxy proxy = HostileProxy.before(kestra.url())) {
      kestra.state().putFlowSource(T, Flows.flow("dev", "a").yaml());
      InMemorySide git = InMemorySide.git().put(Flows.flow("dev", "a").resource());
      proxy.on(method, path, misbehaviour);
      try (KestraSide side = KestraSide.open(KestraSettings.builder().url(proxy.url().toString())
          .auth(Emulators.Server.OSS_1_3.auth()).pageSize(pageSize).build())) {
        return Planner.plan(git.read(SCOPE), side.reader().read(SCOPE), KESTRA_WINS);
      }
    }
  }

  /**
   * Reads Kestra through the proxy answering this call with the misbehaviour; the read must fail with
   * words, and Git (in sync with Kestra) must be planned nothing to delete. Returns the message.
   */
  private static String failure(String method, String path, Misbehaviour misbehaviour, Duration deadline) {
    try (KestraEmulator kestra = Emulators.Server.OSS_1_3.start();
        HostileProxy proxy = HostileProxy.before(kestra.url())) {
      kestra.state().putFlowSource(T, Flows.flow("dev", "a").yaml());
      kestra.state().putFlowSource(T, Flows.flow("dev", "b").yaml());
      kestra.state().putNamespaceFile(T, "dev", "/x.txt", "x".getBytes(StandardCharsets.UTF_8));
      kestra.state().putNamespaceFile(T, "dev", "/y.txt", "y".getBytes(StandardCharsets.UTF_8));
      InMemorySide git = InMemorySide.git().put(Flows.flow("dev", "a").resource()).put(Flows.flow("dev", "b").resource())
          .put(ResourceKey.namespaceFile("dev", "x.txt"), Content.of("x".getBytes(StandardCharsets.UTF_8)))
          .put(ResourceKey.namespaceFile("dev", "y.txt"), Content.of("y".getBytes(StandardCharsets.UTF_8)));
      KestraSettings settings = KestraSettings.builder().url(proxy.url().toString()).auth(Emulators.Server.OSS_1_3.auth())
          .maxAttempts(2).retryBaseDelay(Duration.ofMillis(5)).retryMaxDelay(Duration.ofMillis(10))
          .callDeadline(deadline).build();
      try (KestraSide side = KestraSide.open(settings)) {
        Snapshot healthy = side.reader().read(SCOPE);
        assertFalse(Planner.plan(git.read(SCOPE), healthy, KESTRA_WINS).hasWrites(), "not in sync to begin with");
        proxy.on(method, path, misbehaviour);
        DriftlessException e = assertThrows(DriftlessException.class, () -> {
          Snapshot read = side.reader().read(SCOPE);
          Plan plan = Planner.plan(git.read(SCOPE), read, KESTRA_WINS);
          assertEquals(0, plan.changes().stream().filter(c -> c.action() == Action.DELETE).count(),
              "a bad answer was taken for less: " + plan.changes());
        });
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
        return e.getMessage();
      }
    }
  }
}
