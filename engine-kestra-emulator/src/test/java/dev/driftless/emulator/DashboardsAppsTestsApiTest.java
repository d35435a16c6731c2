package dev.driftless.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(15)
class DashboardsAppsTestsApiTest {

  private static final String DASHBOARD = "title: Overview\n# a comment\ncharts: []\n";
  private static final String DASHBOARD_WITH_ID = "id: overview\n" + DASHBOARD;
  private static final String APP = "id: form\ntype: io.kestra.plugin.ee.apps.Execution\nnamespace: dev\nflowId: hello\ndisplayName: Form\n";
  private static final String TEST_SUITE = "id: smoke\nnamespace: dev.team\nflowId: hello\ntestCases:\n  - id: case1\n    type: io.kestra.core.tests.flow.UnitTest\n";

  @Test
  void dashboards_areEnterpriseOnlyOn0_20() {
    try (KestraEmulator oss = KestraEmulator.builder().version("0.20.7").start();
       KestraEmulator ee = KestraEmulator.builder().mode(Mode.EE).version("0.20.7").start()) {
      assertEquals(404, Http.at(oss.apiUrl()).get("/dashboards").status());
      assertEquals(404, Http.at(oss.apiUrl()).postYaml("/dashboards", DASHBOARD).status());
      assertEquals(200, Http.at(ee.apiUrl()).postYaml("/dashboards", DASHBOARD).status());
    }
  }

  @Test
  void dashboards_before2_0_refuseAnIdInTheYaml_andTheServerMakesTheId() {
    try (KestraEmulator kestra = KestraEmulator.builder().version("1.3.0").start()) {
      Http api = Http.at(kestra.apiUrl());
      Http.Res refused = api.postYaml("/dashboards", DASHBOARD_WITH_ID);
      assertEquals(422, refused.status());
      assertTrue(refused.json().get("message").asText().contains("Dashboard id is not editable"), refused.text());

      Http.Res created = api.postYaml("/dashboards", DASHBOARD);
      assertEquals(200, created.status(), created.text());
      String id = created.json().get("id").asText();
      assertEquals(22, id.length());
      assertEquals(DASHBOARD, api.get("/dashboards/" + id).json().get("sourceCode").asText());

      String edited = DASHBOARD.replace("Overview", "Renamed");
      assertEquals(200, api.putYaml("/dashboards/" + id, edited).status());
      assertEquals(edited, kestra.state().dashboardSource("main", id).orElseThrow());
      JsonNode page = api.get("/dashboards?page=1&size=10").json();
      assertEquals(1, page.get("total").asInt());
      assertEquals(204, api.delete("/dashboards/" + id).status());
      assertEquals(404, api.get("/dashboards/" + id).status());
    }
  }

  @Test
  void dashboards_on2_0_takeTheIdFromTheYaml_andWritesAreEnterpriseOnly() {
    try (KestraEmulator oss = KestraEmulator.builder().version("2.0.1").start();
       KestraEmulator ee = KestraEmulator.builder().mode(Mode.EE).version("2.0.1").start()) {
      Http ossApi = Http.at(oss.apiUrl());
      assertEquals(405, ossApi.postYaml("/dashboards", DASHBOARD_WITH_ID).status());
      assertEquals(405, ossApi.putYaml("/dashboards/overview", DASHBOARD_WITH_ID).status());
      oss.state().putDashboard("main", "overview", DASHBOARD_WITH_ID);
      assertEquals(DASHBOARD_WITH_ID, ossApi.get("/dashboards/overview").json().get("sourceCode").asText());

      Http eeApi = Http.at(ee.apiUrl());
      Http.Res created = eeApi.postYaml("/dashboards", DASHBOARD_WITH_ID);
      assertEquals("overview", created.json().get("id").asText());
      assertEquals(409, eeApi.postYaml("/dashboards", DASHBOARD_WITH_ID).status());
    }
  }

  @Test
  void appsAndTests_answer404OnOss_withTheEditionHeader() {
    try (KestraEmulator kestra = KestraEmulator.builder().version("1.3.0").start()) {
      Http api = Http.at(kestra.apiUrl());
      for (Http.Res res : new Http.Res[] {
          api.get("/apps/search"), api.postYaml("/apps", APP),
          api.get("/tests/search?namespace=dev"), api.postYaml("/tests", TEST_SUITE)}) {
        assertEquals(404, res.status());
        assertEquals("OSS", res.header("X-Kestra-Edition"));
      }
    }
  }

  @Test
  void apps_onEnterprise_areKeyedByAServerUid() {
    try (KestraEmulator kestra = KestraEmulator.builder().mode(Mode.EE).version("1.3.0").start()) {
      Http api = Http.at(kestra.apiUrl());
      Http.Res created = api.postYaml("/apps", APP);
      assertEquals(200, created.status(), created.text());
      String uid = created.json().get("uid").asText();
      assertEquals(APP, api.get("/apps/" + uid).json().get("source").asText());
      assertEquals("Form", api.get("/apps/search?page=1&size=10").json().at("/results/0/name").asText());

      String edited = APP.replace("Form", "Better form");
      assertEquals(200, api.putYaml("/apps/" + uid, edited).status());
      assertEquals(edited, kestra.state().appSource("main", uid).orElseThrow());

      Map<String, byte[]> export = Http.unzip(api.postJson("/apps/export", "{\"uids\":[\"" + uid + "\"]}").body());
      assertEquals(edited, Http.utf8(export.get(uid + ".yaml")));
      assertEquals(1, api.deleteJson("/apps", "{\"uids\":[\"" + uid + "\"]}").json().get("count").asInt());
      assertEquals(404, api.get("/apps/" + uid).status());
      assertEquals(422, api.postYaml("/apps", "id: x\n").status());
    }
  }

  @Test
  void tests_onEnterprise_areKeyedByNamespaceAndId() {
    try (KestraEmulator kestra = KestraEmulator.builder().mode(Mode.EE).version("1.3.0").start()) {
      Http api = Http.at(kestra.apiUrl());
      assertEquals(200, api.postYaml("/tests", TEST_SUITE).status());
      assertEquals(TEST_SUITE, api.get("/tests/dev.team/smoke").json().get("source").asText());
      assertEquals(0, api.get("/tests/search?namespace=dev").json().get("total").asInt());
      assertEquals(1, api.get("/tests/search?namespace=dev&includeChildNamespaces=true").json().get("total").asInt());
      String edited = TEST_SUITE + "# edited\n";
      assertEquals(200, api.putYaml("/tests/dev.team/smoke", edited).status());
      assertEquals(edited, kestra.state().testSource("main", "dev.team", "smoke").orElseThrow());
      assertFalse(api.postYaml("/tests/validate", "id: x\n").json().get("constraints").asText().isEmpty());
      Http.Res deleted = api.deleteJson("/tests/by-ids", "{\"ids\":[{\"namespace\":\"dev.team\",\"id\":\"smoke\"}]}");
      assertEquals(1, deleted.json().get("count").asInt());
      assertEquals(404, api.get("/tests/dev.team/smoke").status());
    }
  }

  @Test
  void apps_listedAndToggled_carryTheirFlowAndWhetherEnabled_whileReadsOfOneCarryTheSourceAndDisabled() {
    try (KestraEmulator kestra = KestraEmulator.builder().mode(Mode.EE).version("1.3.0").start()) {
      Http api = Http.at(kestra.apiUrl());
      JsonNode created = api.postYaml("/apps", APP).json();
      String uid = created.get("uid").asText();
      assertEquals(List.of("created", "disabled", "name", "namespace", "source", "tags", "uid", "updated"),
          fieldNames(created), "Kestra's ApiAppSource");
      assertFalse(created.get("disabled").asBoolean());

      JsonNode listed = api.get("/apps/search?page=1&size=10").json().at("/results/0");
      assertEquals(List.of("created", "enabled", "flowId", "id", "name", "namespace", "tags", "type", "uid",
          "updated"), fieldNames(listed), "Kestra's ApiApp");
      assertEquals("hello", listed.get("flowId").asText());
      assertTrue(listed.get("enabled").asBoolean());

      JsonNode disabled = api.post("/apps/" + uid + "/disable").json();
      assertFalse(disabled.get("enabled").asBoolean());
      assertEquals("hello", disabled.get("flowId").asText());
      assertTrue(api.get("/apps/" + uid).json().get("disabled").asBoolean());
      assertTrue(api.post("/apps/" + uid + "/enable").json().get("enabled").asBoolean());
    }
  }

  @Test
  void apps_searchFilters_tagsAndImport_answerAsKestrasModelsSay() {
    try (KestraEmulator kestra = KestraEmulator.builder().mode(Mode.EE).version("1.3.0").start()) {
      Http api = Http.at(kestra.apiUrl());
      String form = api.postYaml("/apps", APP + "tags:\n  - ops\n").json().get("uid").asText();
      String child = api.postYaml("/apps", APP.replace("namespace: dev", "namespace: dev.sub")
          .replace("flowId: hello", "flowId: other") + "tags:\n  - reports\n").json().get("uid").asText();
      assertEquals(List.of(form, child), uids(api.get("/apps/search?filters%5Bnamespace%5D%5BPREFIX%5D=dev")));
      assertEquals(List.of(form), uids(api.get("/apps/search?filters%5Bnamespace%5D%5BEQUALS%5D=dev")));
      assertEquals(List.of(child), uids(api.get("/apps/search?filters%5BflowId%5D%5BEQUALS%5D=other")));
      assertEquals(List.of(child), uids(api.get("/apps/search?flowId=other")));
      assertEquals(List.of(child), uids(api.get("/apps/search?tags=reports,none")));
      assertEquals(List.of(form), uids(api.get("/apps/search?filters%5Btags%5D%5BEQUALS%5D=ops")));
      assertEquals(400, api.get("/apps/search?filters%5Bnamespace%5D%5BSOMEHOW%5D=dev").status());

      JsonNode tags = api.get("/apps/tags").json();
      assertTrue(tags.isObject(), "an object, Kestra's ApiAppTags: " + tags);
      assertEquals("[\"ops\",\"reports\"]", tags.get("tags").toString());

      byte[] zip = Http.zip(Map.of("good.yaml", Http.bytes(APP), "bad.yaml", Http.bytes("id: x\n")));
      JsonNode imported = api.postFile("/apps/import", "fileUpload", "apps.zip", zip).json();
      assertEquals(1, imported.get("success").size(), imported.toString());
      assertEquals("bad.yaml", imported.at("/errors/0/source").asText());
      assertFalse(imported.at("/errors/0/message").asText().isEmpty());
    }
  }

  @Test
  void dashboards_needChartsWithAnIdAndAType_asKestrasModelDoes() {
    try (KestraEmulator kestra = KestraEmulator.builder().version("1.3.0").start()) {
      Http api = Http.at(kestra.apiUrl());
      assertEquals(422, api.postYaml("/dashboards", "title: T\ncharts:\n  - type: x.Table\n").status());
      assertEquals(422, api.postYaml("/dashboards", "title: T\ncharts: {}\n").status());
      assertEquals(422, api.postYaml("/dashboards", "title: T\ntimeWindow: P1D\n").status());
      assertTrue(api.postYaml("/dashboards/validate", "title: T\ncharts:\n  - id: c\n").json()
          .get("constraints").asText().contains("charts[0].type"));
      JsonNode created = api.postYaml("/dashboards", "title: T\nunknown: x\ncharts:\n  - id: c\n    type: x.Table\n").json();
      assertEquals("c", created.at("/charts/0/id").asText());
      assertFalse(created.has("unknown"), "an answer carries the fields of Kestra's dashboard model only");
    }
  }

  @Test
  void tests_needTestCasesThatAreMappingsWithAnIdAndAType() {
    try (KestraEmulator kestra = KestraEmulator.builder().mode(Mode.EE).version("1.3.0").start()) {
      Http api = Http.at(kestra.apiUrl());
      String base = "id: s\nnamespace: dev\nflowId: hello\n";
      assertEquals(422, api.postYaml("/tests", base + "testCases: all\n").status());
      assertEquals(422, api.postYaml("/tests", base + "testCases:\n  - id: c\n").status());
      assertEquals(422, api.postYaml("/tests", base + "testCases:\n  - id: c\n    type: t.UnitTest\n"
          + "    assertions: equal\n").status());
      assertTrue(api.postYaml("/tests/validate", base + "testCases:\n  - type: t.UnitTest\n").json()
          .get("constraints").asText().contains("testCases[0].id"));
      assertEquals(200, api.postYaml("/tests", base).status(), "a suite without test cases is taken");
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    Collections.sort(out);
    return out;
  }

  private static List<String> uids(Http.Res res) {
    assertEquals(200, res.status(), res.text());
    List<String> out = new ArrayList<>();
    res.json().get("results").forEach(a -> out.add(a.get("uid").asText()));
    return out;
  }

  @Test
  void tests_areAbsentFromEnterpriseBefore0_23() {
    try (KestraEmulator kestra = KestraEmulator.builder().mode(Mode.EE).version("0.22.0").start()) {
      assertEquals(404, Http.at(kestra.apiUrl()).postYaml("/tests", TEST_SUITE).status());
    }
  }
}
