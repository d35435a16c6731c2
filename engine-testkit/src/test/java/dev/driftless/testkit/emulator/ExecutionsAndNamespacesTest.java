package dev.driftless.testkit.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
