package dev.driftless.kestra.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kestra.sdk.api.TestSuitesApi;
import io.kestra.sdk.model.BulkResponse;
import io.kestra.sdk.model.PagedResultsTestSuite;
import io.kestra.sdk.model.TestSuite;
import io.kestra.sdk.model.TestSuiteControllerTestSuiteApiId;
import io.kestra.sdk.model.TestSuiteControllerTestSuiteBulkRequest;
import io.kestra.sdk.model.UnitTest;
import io.kestra.sdk.model.ValidateConstraintViolation;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The test suite calls of a sync (Enterprise): suites are keyed by namespace and id. */
@Timeout(30)
class TestSuitesContractTest {

  static final String SMOKE = """
      id: smoke
      namespace: company.team
      description: The flow says hello
      flowId: hello
      # a comment a sync must keep
      testCases:
        - id: says-hello
          type: io.kestra.core.tests.flow.UnitTest
          fixtures:
            inputs:
              name: world
          assertions:
            - value: "{{ outputs.log.message }}"
              equalTo: hello world
      """;
  static final String CHILD = SMOKE.replace("id: smoke", "id: deeper").replace("namespace: company.team",
      "namespace: company.team.sub");

  @ParameterizedTest
  @MethodSource("dev.driftless.kestra.contract.Server#enterprise")
  void everyTestSuiteCallOfASync_isAnsweredInTheSdksModels(Server server) {
    try (SdkSession s = SdkSession.start(server)) {
      syncCalls(s);
    }
  }

  @Test
  void testSuites_areAbsentFromOss() {
    try (SdkSession s = SdkSession.start(Server.OSS_1_3)) {
      s.refused("TestSuitesApi.createTestSuite", 404, () -> s.sdk().testSuites().createTestSuite(s.tenant(), SMOKE));
    }
  }

  /** Create, read, update, search, validate, delete one and by ids. */
  static void syncCalls(SdkSession s) {
    TestSuitesApi tests = s.sdk().testSuites();
    String t = s.tenant();

    TestSuite created = s.call("TestSuitesApi.createTestSuite", () -> tests.createTestSuite(t, SMOKE));
    assertSuite(created, "company.team", "smoke", SMOKE);
    UnitTest testCase = created.getTestCases().get(0);
    assertEquals("says-hello", testCase.getId());
    assertEquals("io.kestra.core.tests.flow.UnitTest", testCase.getType());
    assertEquals("hello world", testCase.getAssertions().get(0).getEqualTo());
    s.refused("TestSuitesApi.createTestSuite", s.server().isTwoOh() ? 409 : 422, () -> tests.createTestSuite(t, SMOKE));
    s.call("TestSuitesApi.createTestSuite", () -> tests.createTestSuite(t, CHILD));
    s.refused("TestSuitesApi.createTestSuite", 422, () -> tests.createTestSuite(t,
        "id: odd\nnamespace: company.team\nflowId: hello\ntestCases: all of them\n"));

    assertSuite(s.call("TestSuitesApi.testSuite", () -> tests.testSuite("company.team", "smoke", t)),
        "company.team", "smoke", SMOKE);
    String edited = SMOKE.replace("hello world", "hello there");
    TestSuite updated = s.call("TestSuitesApi.updateTestSuite",
        () -> tests.updateTestSuite("company.team", "smoke", t, edited));
    assertSuite(updated, "company.team", "smoke", edited);
    s.refused("TestSuitesApi.updateTestSuite", 422,
        () -> tests.updateTestSuite("company.team", "smoke", t, edited.replace("id: smoke", "id: renamed")));

    PagedResultsTestSuite exact = s.call("TestSuitesApi.searchTestSuites",
        () -> tests.searchTestSuites(t, 1, 50, null, "company.team", null, false));
    assertEquals(Set.of("company.team/smoke"), keys(exact));
    PagedResultsTestSuite withChildren = s.call("TestSuitesApi.searchTestSuites",
        () -> tests.searchTestSuites(t, 1, 50, null, "company.team", null, true));
    assertEquals(Set.of("company.team/smoke", "company.team.sub/deeper"), keys(withChildren));
    withChildren.getResults().forEach(suite -> {
      assertEquals("hello", suite.getFlowId(), "flowId is required");
      assertEquals(1, suite.getTestCases().size(), "testCases are required");
    });

    ValidateConstraintViolation valid = s.call("TestSuitesApi.validateTestSuite",
        () -> tests.validateTestSuite(t, SMOKE));
    assertNotNull(valid.getIndex(), "index is required");
    assertNull(valid.getConstraints());
    ValidateConstraintViolation invalid = s.call("TestSuitesApi.validateTestSuite",
        () -> tests.validateTestSuite(t, "id: lonely\nnamespace: company.team\n"));
    assertTrue(invalid.getConstraints().contains("flowId"), invalid.getConstraints());

    s.call("TestSuitesApi.deleteTestSuite", () -> tests.deleteTestSuite("company.team", "smoke", t));
    s.refused("TestSuitesApi.testSuite", 404, () -> tests.testSuite("company.team", "smoke", t));
    s.refused("TestSuitesApi.deleteTestSuite", 404, () -> tests.deleteTestSuite("company.team", "smoke", t));

    BulkResponse deleted = s.call("TestSuitesApi.deleteTestSuitesByIds", () -> tests.deleteTestSuitesByIds(t,
        new TestSuiteControllerTestSuiteBulkRequest().ids(List.of(
            new TestSuiteControllerTestSuiteApiId().namespace("company.team.sub").id("deeper")))));
    assertEquals(1, deleted.getCount());
    assertEquals(0L, s.call("TestSuitesApi.searchTestSuites",
        () -> tests.searchTestSuites(t, 1, 50, null, null, null, null)).getTotal());
  }

  private static void assertSuite(TestSuite suite, String namespace, String id, String source) {
    assertEquals(id, suite.getId(), "id is required");
    assertEquals(namespace, suite.getNamespace(), "namespace is required");
    assertEquals("hello", suite.getFlowId(), "flowId is required");
    assertEquals(source, suite.getSource());
    assertEquals(1, suite.getTestCases().size(), "testCases are required");
    assertEquals("The flow says hello", suite.getDescription());
  }

  private static Set<String> keys(PagedResultsTestSuite page) {
    assertNotNull(page.getTotal(), "total is required");
    return page.getResults().stream().map(suite -> suite.getNamespace() + "/" + suite.getId())
        .collect(Collectors.toSet());
  }
}
