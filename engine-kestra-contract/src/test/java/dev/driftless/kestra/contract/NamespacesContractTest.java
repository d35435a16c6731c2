package dev.driftless.kestra.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.kestra.sdk.api.NamespacesApi;
import io.kestra.sdk.model.Namespace;
import io.kestra.sdk.model.PagedResultsNamespace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The namespace calls of a sync: the search everywhere, the writes of Enterprise. */
@Timeout(30)
class NamespacesContractTest {

  @ParameterizedTest
  @MethodSource("dev.driftless.kestra.contract.Server#all")
  void theNamespaceSearch_isAnsweredInTheSdksModel(Server server) {
    try (SdkSession s = SdkSession.start(server)) {
      searchCalls(s);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.driftless.kestra.contract.Server#enterprise")
  void enterpriseNamespaceWrites_areAnsweredInTheSdksModel(Server server) {
    try (SdkSession s = SdkSession.start(server)) {
      enterpriseCalls(s);
    }
  }

  /** Namespaces exist through their flows and files; {@code existing=false} adds their parents. */
  static void searchCalls(SdkSession s) {
    NamespacesApi namespaces = s.sdk().namespaces();
    String t = s.tenant();
    s.kestra().state().putFlowSource(t, FlowsContractTest.flow("company.team.sub", "a"));
    s.kestra().state().putNamespaceFile(t, "files.only", "/x.txt", new byte[] {1});

    PagedResultsNamespace existing = s.call("NamespacesApi.searchNamespaces",
        () -> namespaces.searchNamespaces(t, null, 1, 50, null, true));
    assertEquals(List.of("company.team.sub", "files.only"), ids(existing));
    assertEquals(2L, existing.getTotal());
    PagedResultsNamespace withParents = s.call("NamespacesApi.searchNamespaces",
        () -> namespaces.searchNamespaces(t, "company", 1, 50, null, false));
    assertEquals(List.of("company", "company.team", "company.team.sub"), ids(withParents));
    withParents.getResults().forEach(ns -> assertEquals(Boolean.FALSE, ns.getDeleted(), "deleted is required"));
  }

  /** Create, read, update and delete a namespace, as the SDK's {@link Namespace} sends it. */
  static void enterpriseCalls(SdkSession s) {
    NamespacesApi namespaces = s.sdk().namespaces();
    String t = s.tenant();
    Namespace created = s.call("NamespacesApi.createNamespace",
        () -> namespaces.createNamespace(t, new Namespace().id("company.team").description("The team")));
    assertNamespace(created, "company.team");
    assertEquals("The team", created.getDescription());
    s.refused("NamespacesApi.createNamespace", s.server().isTwoOh() ? 409 : 422,
        () -> namespaces.createNamespace(t, new Namespace().id("company.team")));

    Namespace read = s.call("NamespacesApi.namespace", () -> namespaces.namespace("company.team", t));
    assertNamespace(read, "company.team");
    assertEquals("The team", read.getDescription());

    Namespace updated = s.call("NamespacesApi.updateNamespace", () -> namespaces.updateNamespace("company.team", t,
        new Namespace().id("company.team").description("Renamed").variables(Map.of("region", "eu"))));
    assertNamespace(updated, "company.team");
    assertEquals("Renamed", updated.getDescription());
    assertEquals(Map.of("region", "eu"), updated.getVariables());

    assertEquals(List.of("company.team"), ids(s.call("NamespacesApi.searchNamespaces",
        () -> namespaces.searchNamespaces(t, null, 1, 50, null, true))));
    s.run("NamespacesApi.deleteNamespace", () -> namespaces.deleteNamespace("company.team", t));
    s.refused("NamespacesApi.namespace", 404, () -> namespaces.namespace("company.team", t));
  }

  private static void assertNamespace(Namespace namespace, String id) {
    assertEquals(id, namespace.getId());
    assertNotNull(namespace.getDeleted(), "deleted is required");
  }

  private static List<String> ids(PagedResultsNamespace page) {
    assertNotNull(page.getTotal(), "total is required");
    return page.getResults().stream().map(Namespace::getId).toList();
  }
}
