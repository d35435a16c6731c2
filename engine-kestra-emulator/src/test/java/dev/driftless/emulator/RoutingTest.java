package dev.driftless.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Routes are chosen as Kestra's web framework chooses them, by path, method, {@code Content-Type}
 * and {@code Accept}, because real clients depend on it (each case was seen on Kestra 0.20.7).
 */
@Timeout(30)
class RoutingTest {

  /** What every call of Driftless's adapter used to send. */
  private static final String JSON_FIRST = "application/json, application/problem+json, */*";

  @Test
  void exportByQuery_withAJsonAccept_isTakenByTheFlowRoute_andAnswers404() {
    try (KestraEmulator kestra = KestraEmulator.builder().version("0.20.7").start()) {
      Http api = Http.at(kestra.apiUrl());
      api.postYaml("/flows", Http.flow("company.team", "hello"));

      Http.Res json = api.get("/flows/export/by-query?namespace=company.team", JSON_FIRST);
      assertEquals(404, json.status(), json.text());
      assertEquals("Not Found", json.json().get("message").asText());

      for (String accept : new String[] {"application/octet-stream", "*/*"}) {
        Http.Res zip = api.get("/flows/export/by-query?namespace=company.team", accept);
        assertEquals(200, zip.status(), accept + ": " + zip.text());
        assertEquals("application/octet-stream", zip.contentType());
        assertEquals(1, Http.unzip(zip.body()).size());
      }
      assertEquals(200, api.get("/flows/export/by-query?namespace=company.team").status(), "no Accept at all");
    }
  }

  @Test
  void exportByQuery_withAJsonAccept_answersTheFlowNamedLikeTheRoute_whenThereIsOne() {
    try (KestraEmulator kestra = KestraEmulator.builder().version("0.20.7").start()) {
      Http api = Http.at(kestra.apiUrl());
      api.postYaml("/flows", Http.flow("export", "by-query"));
      JsonNode flow = api.get("/flows/export/by-query", JSON_FIRST).json();
      assertEquals("by-query", flow.get("id").asText());
      assertEquals("export", flow.get("namespace").asText());
    }
  }

  @Test
  void anAcceptNoRouteProduces_is406_namingTheTypesItDoes() {
    try (KestraEmulator kestra = KestraEmulator.builder().version("0.20.7").start()) {
      Http.Res refused = Http.at(kestra.apiUrl()).get("/flows/search", "application/octet-stream");
      assertEquals(406, refused.status());
      assertEquals("Not Acceptable: Specified Accept Types [application/octet-stream] not supported. Supported types:"
          + " [application/json]", refused.json().get("message").asText());
    }
  }

  @Test
  void aBodyOfATypeTheRouteDoesNotTake_is415() {
    try (KestraEmulator kestra = KestraEmulator.builder().version("1.3.0").start()) {
      Http.Res refused = Http.at(kestra.apiUrl()).postJson("/namespaces/dev/files?path=/a.txt", "{}");
      assertEquals(415, refused.status(), refused.text());
    }
  }

  @Test
  void aJsonBodyToValidate_isTakenByTheNamespaceUpdate_whichConsumesJson() {
    try (KestraEmulator kestra = KestraEmulator.builder().version("0.20.7").start()) {
      Http api = Http.at(kestra.apiUrl());
      api.postYaml("/flows", Http.flow("validate", "kept"));
      Http.Res taken = api.postJson("/flows/validate", "[]");
      assertEquals(200, taken.status(), taken.text());
      assertEquals(404, api.get("/flows/validate/kept").status(), "namespace 'validate' was replaced by nothing");
    }
  }

  @Test
  void flowSourceSearch_andGraph_areRoutesOfTheirOwn_notNamespaces() {
    try (KestraEmulator kestra = KestraEmulator.builder().version("0.20.7").start()) {
      Http api = Http.at(kestra.apiUrl());
      api.postYaml("/flows", Http.flow("graph", "kept"));
      api.postYaml("/flows", Http.flow("company.team", "hello"));

      JsonNode sources = api.get("/flows/source?q=company.team").json();
      assertEquals(1, sources.get("total").asInt());
      assertEquals("hello", sources.at("/results/0/model/id").asText());
      assertTrue(sources.at("/results/0/fragments/0").asText().contains("[mark]company.team[/mark]"));

      Http.Res graph = api.postYaml("/flows/graph", Http.flow("graph", "drawn"));
      assertEquals(200, graph.status(), graph.text());
      assertTrue(graph.json().get("nodes").isArray());
      assertEquals(200, api.get("/flows/graph/kept").status(), "a flow of namespace 'graph' is left alone");
      assertEquals(404, api.get("/flows/graph/drawn").status(), "drawing a graph stores nothing");
    }
  }

  @Test
  void deprecatedFlows_isARouteFrom1_0_andANamespaceBefore() {
    try (KestraEmulator legacy = KestraEmulator.builder().version("0.20.7").start();
        KestraEmulator current = KestraEmulator.builder().version("1.3.0").start()) {
      Http old = Http.at(legacy.apiUrl());
      old.postYaml("/flows", Http.flow("deprecated", "a"));
      assertEquals("a", old.get("/flows/deprecated").json().at("/0/id").asText(), "0.20: the flows of namespace 'deprecated'");

      Http api = Http.at(current.apiUrl());
      api.postYaml("/flows", Http.flow("deprecated", "a"));
      assertEquals(0, api.get("/flows/deprecated").json().size(), "1.x: no flow uses a deprecated feature");
    }
  }
}
