package dev.driftless.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class ExecutionsAndNamespacesTest {

  @Test
  void execution_showsOutputFilesAsKestraUris_andServesTheirBytes() {
    try (KestraEmulator kestra = KestraEmulator.builder().version("1.3.0").start()) {
      byte[] content = Http.bytes("id: generated\n");
      Execution execution = Execution.of("exec1", "dev.team", "export")
          .withOutput("count", 1)
          .withOutputFile("flows/a.yml", content);
      kestra.state().putExecution("main", execution);
      Http api = Http.at(kestra.apiUrl());

      JsonNode json = api.get("/executions/exec1").json();
      String uri = json.at("/outputs/outputFiles").get("flows/a.yml").asText();
      assertEquals(execution.outputFileUri("flows/a.yml"), uri);
      assertEquals("kestra:///dev/team/export/executions/exec1/tasks/outputs/exec1/flows/a.yml", uri);
      assertEquals(1, json.at("/outputs/count").asInt());
      assertEquals("SUCCESS", json.at("/state/current").asText());

      Http.Res file = api.get("/executions/exec1/file?path=" + URLEncoder.encode(uri, StandardCharsets.UTF_8));
      assertEquals(200, file.status());
      assertArrayEquals(content, file.body());
      assertEquals(404, api.get("/executions/none").status());
    }
  }

  @Test
  void execution_carriesWhatKestrasApiExecutionRequires() {
    try (KestraEmulator kestra = KestraEmulator.builder().mode(Mode.EE).version("2.0.1").start()) {
      kestra.state().putExecution("team", Execution.of("exec1", "dev", "flow").withState("FAILED"));
      JsonNode json = Http.at(kestra.apiUrl("team")).get("/executions/exec1").json();
      assertEquals("team", json.get("tenantId").asText());
      assertEquals("exec1", json.get("originalId").asText());
      assertEquals("1970-01-01T00:00:00Z", json.at("/metadata/originalCreatedDate").asText());
      assertEquals(1, json.at("/metadata/attemptNumber").asInt());
      assertTrue(json.get("labels").isArray());
      JsonNode state = json.get("state");
      assertEquals("FAILED", state.get("current").asText());
      assertEquals(List.of("CREATED", "RUNNING", "FAILED"),
          StreamSupport.stream(state.get("histories").spliterator(), false).map(h -> h.get("state").asText()).toList());
      assertEquals("1970-01-01T00:00:00Z", state.get("startDate").asText());
      assertEquals("1970-01-01T00:00:02Z", state.get("endDate").asText());
      assertEquals("PT2S", state.get("duration").asText());
      assertEquals("FAILED", json.at("/taskRunList/0/state/current").asText());
      assertEquals(3, json.at("/taskRunList/0/state/histories").size());
    }
  }

  @Test
  void aRunningExecution_hasNoEndYet() {
    try (KestraEmulator kestra = KestraEmulator.builder().version("1.3.0").start()) {
      kestra.state().putExecution("main", Execution.of("exec1", "dev", "flow").withState("RUNNING"));
      JsonNode state = Http.at(kestra.apiUrl()).get("/executions/exec1").json().get("state");
      assertEquals(2, state.get("histories").size());
      assertFalse(state.has("endDate"));
      assertFalse(state.has("duration"));
    }
  }

  @Test
  void namespaceSearch_infersNamespacesFromFlowsAndFiles_onOss() {
    try (KestraEmulator kestra = KestraEmulator.builder().version("1.3.0").start()) {
      kestra.state().putFlowSource("main", Http.flow("a.b.c", "f"));
      kestra.state().putNamespaceFile("main", "files.only", "/x.txt", Http.bytes("x"));
      Http api = Http.at(kestra.apiUrl());
      assertEquals(List.of("a", "a.b", "a.b.c", "files", "files.only"),
          ids(api.get("/namespaces/search?existing=false&page=1&size=50").json()));
      assertEquals(List.of("a.b.c", "files.only"),
          ids(api.get("/namespaces/search?existing=true&page=1&size=50").json()));
      assertEquals(405, api.deleteJson("/namespaces/a", "{}").status(), "no namespace CRUD on OSS");
    }
  }

  @Test
  void namespaces_canBeCreatedAndDeleted_onEnterprise() {
    try (KestraEmulator kestra = KestraEmulator.builder().mode(Mode.EE).version("1.3.0").start()) {
      Http api = Http.at(kestra.apiUrl());
      assertEquals(200, api.postJson("/namespaces", "{\"id\":\"company.team\"}").status());
      assertEquals(List.of("company.team"), kestra.state().namespaces("main"));
      assertEquals(200, api.get("/namespaces/company.team").status());
      assertEquals(200, api.putJson("/namespaces/company.team", "{\"description\":\"d\"}").status());
      assertEquals("d", api.get("/namespaces/company.team").json().get("description").asText());
      assertEquals(204, api.delete("/namespaces/company.team").status());
      assertEquals(404, api.get("/namespaces/company.team").status());
    }
  }

  private static List<String> ids(JsonNode page) {
    return StreamSupport.stream(page.get("results").spliterator(), false).map(n -> n.get("id").asText()).toList();
  }
}
