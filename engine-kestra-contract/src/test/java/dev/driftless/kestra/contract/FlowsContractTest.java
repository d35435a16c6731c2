package dev.driftless.kestra.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kestra.sdk.api.FlowsApi;
import io.kestra.sdk.model.Flow;
import io.kestra.sdk.model.FlowInterface;
import io.kestra.sdk.model.FlowWithSource;
import io.kestra.sdk.model.IdWithNamespace;
import io.kestra.sdk.model.Label;
import io.kestra.sdk.model.PagedResultsFlow;
import io.kestra.sdk.model.QueryFilter;
import io.kestra.sdk.model.QueryFilterField;
import io.kestra.sdk.model.QueryFilterOp;
import io.kestra.sdk.model.ValidateConstraintViolation;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The flow calls of a sync, through the SDK: each answer reads into its model with what a sync needs. */
@Timeout(30)
class FlowsContractTest {

  static final String NS = "company.team";
  static final String HELLO = """
      id: hello
      namespace: company.team
      # a comment a sync must keep
      labels:
        team: data
        env: prod
      tasks:
        - id: log
          type: io.kestra.plugin.core.log.Log
          message: Hello
      """;
  static final String HELLO_EDITED = HELLO.replace("Hello", "Hello again");
  static final String CHILD = flow("company.team.sub", "child");
  static final String OUTSIDE = flow("companyx", "outside");

  static String flow(String namespace, String id) {
    return "id: " + id + "\nnamespace: " + namespace + "\ntasks:\n  - id: log\n"
        + "    type: io.kestra.plugin.core.log.Log\n    message: hi\n";
  }

  @ParameterizedTest
  @MethodSource("dev.driftless.kestra.contract.Server#all")
  void everyFlowCallOfASync_isAnsweredInTheSdksModels(Server server) {
    try (SdkSession s = SdkSession.start(server)) {
      syncCalls(s);
    }
  }

  /** Create, read, update, list, search, export, validate, revisions, bulk and namespace writes, delete. */
  static void syncCalls(SdkSession s) {
    FlowsApi flows = s.sdk().flows();
    String t = s.tenant();

    FlowWithSource created = s.call("FlowsApi.createFlow", () -> flows.createFlow(t, HELLO));
    assertFlowWithSource(created, NS, "hello", 1, HELLO);
    assertEquals(List.of("team=data", "env=prod"), labels(created.getLabels()));
    assertEquals(List.of("log"), created.getTasks().stream().map(task -> task.getId()).toList());
    assertEquals(Boolean.FALSE, created.getDisabled());
    assertEquals(Boolean.FALSE, created.getDeleted());
    s.refused("FlowsApi.createFlow", s.server().isTwoOh() ? 409 : 422, () -> flows.createFlow(t, HELLO));

    FlowWithSource read = s.call("FlowsApi.flow", () -> flows.flow(NS, "hello", t, true, null, null));
    assertFlowWithSource(read, NS, "hello", 1, HELLO);
    FlowWithSource withoutSource = s.call("FlowsApi.flow", () -> flows.flow(NS, "hello", t, false, null, null));
    assertNull(withoutSource.getSource(), "source only when asked");
    assertEquals(1, withoutSource.getRevision());

    FlowWithSource updated = s.call("FlowsApi.updateFlow", () -> flows.updateFlow(NS, "hello", t, HELLO_EDITED));
    assertFlowWithSource(updated, NS, "hello", 2, HELLO_EDITED);
    FlowWithSource unchanged = s.call("FlowsApi.updateFlow", () -> flows.updateFlow(NS, "hello", t, HELLO_EDITED));
    assertEquals(2, unchanged.getRevision(), "an unchanged source makes no revision");

    s.call("FlowsApi.createFlow", () -> flows.createFlow(t, CHILD));
    s.call("FlowsApi.createFlow", () -> flows.createFlow(t, OUTSIDE));

    PagedResultsFlow page = s.call("FlowsApi.searchFlows", () -> flows.searchFlows(t, 1, 50, null, prefix(NS)));
    assertEquals(2L, page.getTotal());
    assertEquals(Set.of("company.team/hello", "company.team.sub/child"), keys(page.getResults()));
    page.getResults().forEach(f -> {
      assertNotNull(f.getRevision(), "a search lists each flow's revision");
      assertNotNull(f.getLabels());
    });
    PagedResultsFlow second = s.call("FlowsApi.searchFlows", () -> flows.searchFlows(t, 2, 1, null, prefix(NS)));
    assertEquals(2L, second.getTotal());
    assertEquals(1, second.getResults().size());

    List<Flow> listed = s.call("FlowsApi.listFlowsByNamespace", () -> flows.listFlowsByNamespace(NS, t));
    assertEquals(Set.of("company.team/hello"), keys(listed));

    byte[] byQuery = s.call("FlowsApi.exportFlowsByQuery", () -> flows.exportFlowsByQuery(t, prefix(NS)));
    assertEquals(Set.of(HELLO_EDITED, CHILD), Set.copyOf(Zip.entries(byQuery).values()));
    byte[] byIds = s.call("FlowsApi.exportFlowsByIds", () -> flows.exportFlowsByIds(t,
        List.of(new IdWithNamespace().namespace(NS).id("hello"), new IdWithNamespace().namespace("companyx").id("outside"))));
    assertEquals(Set.of(HELLO_EDITED, OUTSIDE), Set.copyOf(Zip.entries(byIds).values()));

    List<ValidateConstraintViolation> valid = s.call("FlowsApi.validateFlows", () -> flows.validateFlows(t, HELLO));
    assertEquals(1, valid.size());
    assertEquals(0, valid.get(0).getIndex());
    assertEquals("hello", valid.get(0).getFlow());
    assertNull(valid.get(0).getConstraints(), "a valid flow has no constraints");
    List<ValidateConstraintViolation> invalid = s.call("FlowsApi.validateFlows",
        () -> flows.validateFlows(t, "id: broken\nnamespace: company.team\n"));
    assertEquals(1, invalid.size());
    assertEquals(0, invalid.get(0).getIndex());
    assertTrue(invalid.get(0).getConstraints().contains("tasks"), invalid.get(0).getConstraints());

    List<FlowWithSource> revisions = s.call("FlowsApi.listFlowRevisions",
        () -> flows.listFlowRevisions(NS, "hello", t, null));
    assertEquals(List.of(1, 2), revisions.stream().map(FlowWithSource::getRevision).toList());
    assertEquals(List.of(HELLO, HELLO_EDITED), revisions.stream().map(FlowWithSource::getSource).toList());

    String bulk = flow(NS, "second") + "---\n" + flow(NS, "third");
    List<FlowInterface> written = s.call("FlowsApi.bulkUpdateFlows",
        () -> flows.bulkUpdateFlows(t, false, NS, false, bulk));
    assertEquals(List.of("second", "third"), written.stream().map(FlowInterface::getId).toList());
    written.forEach(f -> {
      assertEquals(NS, f.getNamespace());
      assertEquals(1, f.getRevision());
    });

    String namespaceBody = HELLO_EDITED + "---\n" + flow(NS, "fourth");
    List<FlowInterface> replaced = s.call("FlowsApi.updateFlowsInNamespace",
        () -> flows.updateFlowsInNamespace(NS, t, namespaceBody, false, null));
    assertEquals(Set.of("hello", "fourth"), ids(replaced));
    assertEquals(Set.of("company.team/hello", "company.team/second", "company.team/third", "company.team/fourth"),
        keys(s.call("FlowsApi.listFlowsByNamespace", () -> flows.listFlowsByNamespace(NS, t))));

    s.run("FlowsApi.deleteFlow", () -> flows.deleteFlow(NS, "hello", t));
    s.refused("FlowsApi.flow", 404, () -> flows.flow(NS, "hello", t, true, null, null));
    s.refused("FlowsApi.deleteFlow", 404, () -> flows.deleteFlow(NS, "hello", t));
    FlowWithSource deleted = s.call("FlowsApi.flow", () -> flows.flow(NS, "hello", t, true, null, true));
    assertEquals(Boolean.TRUE, deleted.getDeleted());
    assertFalse(keys(s.call("FlowsApi.searchFlows", () -> flows.searchFlows(t, 1, 50, null, prefix(NS))).getResults())
        .contains("company.team/hello"));
  }

  static void assertFlowWithSource(FlowWithSource flow, String namespace, String id, int revision, String source) {
    assertEquals(id, flow.getId());
    assertEquals(namespace, flow.getNamespace());
    assertEquals(revision, flow.getRevision());
    assertEquals(source, flow.getSource());
    assertNotNull(flow.getLabels(), "labels, a list");
    assertNotNull(flow.getDisabled(), "disabled is required");
    assertNotNull(flow.getDeleted(), "deleted is required");
    assertFalse(flow.getTasks().isEmpty(), "tasks are required");
  }

  static List<QueryFilter> prefix(String namespace) {
    return List.of(new QueryFilter().field(QueryFilterField.NAMESPACE).operation(QueryFilterOp.PREFIX).value(namespace));
  }

  private static List<String> labels(List<Label> labels) {
    return labels.stream().map(l -> l.getKey() + "=" + l.getValue()).toList();
  }

  private static Set<String> keys(Collection<Flow> flows) {
    Set<String> out = new TreeSet<>();
    flows.forEach(f -> out.add(f.getNamespace() + "/" + f.getId()));
    return out;
  }

  private static Set<String> ids(Collection<FlowInterface> flows) {
    Set<String> out = new TreeSet<>();
    flows.forEach(f -> out.add(f.getId()));
    return out;
  }
}
