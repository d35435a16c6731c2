package dev.driftless.kestra.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kestra.sdk.api.DashboardsApi;
import io.kestra.sdk.model.ChartChartOption;
import io.kestra.sdk.model.DashboardControllerDashboardResponse;
import io.kestra.sdk.model.PagedResultsDashboardControllerDashboardResponse;
import io.kestra.sdk.model.ValidateConstraintViolation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dashboard calls of a sync. Before 2.0 the server makes a dashboard's id (and refuses one in the
 * YAML); from 2.0 the id comes from the YAML and only Enterprise writes dashboards (OSS answers 405).
 */
@Timeout(30)
class DashboardsContractTest {

  static final String BODY = """
      title: Overview
      description: Executions at a glance
      # a comment a sync must keep
      timeWindow:
        default: P30D
        max: P365D
      charts:
        - id: executions
          type: io.kestra.plugin.core.dashboard.chart.TimeSeries
          chartOptions:
            displayName: Executions
          data:
            type: io.kestra.plugin.core.dashboard.data.Executions
            columns:
              date:
                field: START_DATE
      """;

  /**
   * A chart without an id: Kestra refuses it, and the SDK could not read it back (its
   * {@code ChartChartOption} requires an id and a type).
   */
  static final String NO_CHART_ID = "title: Broken\ncharts:\n  - type: io.kestra.plugin.core.dashboard.chart.Table\n";

  @Test
  void dashboards_onOss1_3_areWrittenWithServerMadeIds() {
    try (SdkSession s = SdkSession.start(Server.OSS_1_3)) {
      serverMadeIds(s);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.driftless.kestra.contract.Server#enterprise")
  void dashboards_onEnterprise_areWritten(Server server) {
    try (SdkSession s = SdkSession.start(server)) {
      if (server.isTwoOh()) {
        idsFromYaml(s);
      } else {
        serverMadeIds(s);
      }
    }
  }

  @Test
  void dashboards_onOss2_0_areReadOnly() {
    try (SdkSession s = SdkSession.start(Server.OSS_2_0)) {
      readOnly(s);
    }
  }

  /** 1.x: create without an id, the server's id back; read, update, search, validate, delete. */
  static void serverMadeIds(SdkSession s) {
    DashboardsApi dashboards = s.sdk().dashboards();
    String t = s.tenant();
    s.refused("DashboardsApi.createDashboard", 422, () -> dashboards.createDashboard(t, "id: mine\n" + BODY));
    s.refused("DashboardsApi.createDashboard", 422, () -> dashboards.createDashboard(t, NO_CHART_ID));
    DashboardControllerDashboardResponse created = s.call("DashboardsApi.createDashboard",
        () -> dashboards.createDashboard(t, BODY));
    String id = created.getId();
    assertNotNull(id, "the server's id");
    assertEquals(22, id.length(), "an id shaped like Kestra's");
    assertDashboard(created, id, "Overview", BODY);
    readUpdateSearchDelete(s, id);
  }

  /** 2.0 Enterprise: the id comes from the YAML. */
  static void idsFromYaml(SdkSession s) {
    DashboardsApi dashboards = s.sdk().dashboards();
    String t = s.tenant();
    String source = "id: overview\n" + BODY;
    DashboardControllerDashboardResponse created = s.call("DashboardsApi.createDashboard",
        () -> dashboards.createDashboard(t, source));
    assertDashboard(created, "overview", "Overview", source);
    s.refused("DashboardsApi.createDashboard", 409, () -> dashboards.createDashboard(t, source));
    s.refused("DashboardsApi.createDashboard", 422, () -> dashboards.createDashboard(t, "id: other\n" + NO_CHART_ID));
    readUpdateSearchDelete(s, "overview");
  }

  /** 2.0 OSS: reads and validation answer, every write is a 405. */
  static void readOnly(SdkSession s) {
    DashboardsApi dashboards = s.sdk().dashboards();
    String t = s.tenant();
    String source = "id: overview\n" + BODY;
    s.refused("DashboardsApi.createDashboard", 405, () -> dashboards.createDashboard(t, source));
    s.kestra().state().putDashboard(t, "overview", source);
    s.refused("DashboardsApi.updateDashboard", 405, () -> dashboards.updateDashboard("overview", t, source));
    s.refused("DashboardsApi.deleteDashboard", 405, () -> dashboards.deleteDashboard("overview", t));
    assertDashboard(s.call("DashboardsApi.dashboard", () -> dashboards.dashboard("overview", t)),
        "overview", "Overview", source);
    PagedResultsDashboardControllerDashboardResponse page = s.call("DashboardsApi.searchDashboards",
        () -> dashboards.searchDashboards(t, 1, 50, null, null));
    assertEquals(1L, page.getTotal());
    assertEquals("overview", page.getResults().get(0).getId());
    validate(s);
  }

  private static void readUpdateSearchDelete(SdkSession s, String id) {
    DashboardsApi dashboards = s.sdk().dashboards();
    String t = s.tenant();
    String prefix = s.server().isTwoOh() ? "id: " + id + "\n" : "";
    assertDashboard(s.call("DashboardsApi.dashboard", () -> dashboards.dashboard(id, t)), id, "Overview", prefix + BODY);

    String edited = prefix + BODY.replace("title: Overview", "title: Renamed");
    DashboardControllerDashboardResponse updated = s.call("DashboardsApi.updateDashboard",
        () -> dashboards.updateDashboard(id, t, edited));
    assertDashboard(updated, id, "Renamed", edited);

    PagedResultsDashboardControllerDashboardResponse page = s.call("DashboardsApi.searchDashboards",
        () -> dashboards.searchDashboards(t, 1, 50, null, null));
    assertEquals(1L, page.getTotal());
    DashboardControllerDashboardResponse listed = page.getResults().get(0);
    assertEquals(id, listed.getId());
    assertEquals("Renamed", listed.getTitle());
    assertEquals(Boolean.FALSE, listed.getDeleted());
    assertEquals(0L, s.call("DashboardsApi.searchDashboards",
        () -> dashboards.searchDashboards(t, 1, 50, "nothing-like-it", null)).getTotal());

    validate(s);

    s.run("DashboardsApi.deleteDashboard", () -> dashboards.deleteDashboard(id, t));
    s.refused("DashboardsApi.dashboard", 404, () -> dashboards.dashboard(id, t));
    s.refused("DashboardsApi.deleteDashboard", 404, () -> dashboards.deleteDashboard(id, t));
  }

  private static void validate(SdkSession s) {
    DashboardsApi dashboards = s.sdk().dashboards();
    ValidateConstraintViolation valid = s.call("DashboardsApi.validateDashboard",
        () -> dashboards.validateDashboard(s.tenant(), BODY));
    assertNotNull(valid.getIndex(), "index is required");
    assertNull(valid.getConstraints(), "a valid dashboard has no constraints");
    ValidateConstraintViolation invalid = s.call("DashboardsApi.validateDashboard",
        () -> dashboards.validateDashboard(s.tenant(), "charts: []\n"));
    assertTrue(invalid.getConstraints().contains("title"), invalid.getConstraints());
    ValidateConstraintViolation chartless = s.call("DashboardsApi.validateDashboard",
        () -> dashboards.validateDashboard(s.tenant(), NO_CHART_ID));
    assertTrue(chartless.getConstraints().contains("charts[0].id"), chartless.getConstraints());
  }

  static void assertDashboard(DashboardControllerDashboardResponse d, String id, String title, String source) {
    assertEquals(id, d.getId());
    assertEquals(title, d.getTitle(), "title is required");
    assertEquals(Boolean.FALSE, d.getDeleted(), "deleted is required");
    assertEquals(source, d.getSourceCode());
    assertEquals("Executions at a glance", d.getDescription());
    assertEquals("P30D", d.getTimeWindow().getDefault());
    List<ChartChartOption> charts = d.getCharts();
    assertEquals(1, charts.size());
    assertEquals("executions", charts.get(0).getId());
    assertEquals("io.kestra.plugin.core.dashboard.chart.TimeSeries", charts.get(0).getType());
    assertNotNull(d.getCreated(), "created");
    assertNotNull(d.getUpdated(), "updated");
  }
}
