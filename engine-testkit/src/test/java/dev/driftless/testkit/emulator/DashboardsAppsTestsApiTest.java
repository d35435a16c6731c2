package dev.driftless.testkit.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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
  void tests_areAbsentFromEnterpriseBefore0_23() {
    try (KestraEmulator kestra = KestraEmulator.builder().mode(Mode.EE).version("0.22.0").start()) {
      assertEquals(404, Http.at(kestra.apiUrl()).postYaml("/tests", TEST_SUITE).status());
    }
  }
}
