package dev.driftless.kestra.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kestra.sdk.api.AppsApi;
import io.kestra.sdk.model.AppsControllerApiApp;
import io.kestra.sdk.model.AppsControllerApiAppSource;
import io.kestra.sdk.model.AppsControllerApiBulkImportResponse;
import io.kestra.sdk.model.AppsControllerApiBulkOperationRequest;
import io.kestra.sdk.model.PagedResultsAppsControllerApiApp;
import io.kestra.sdk.model.QueryFilter;
import io.kestra.sdk.model.QueryFilterField;
import io.kestra.sdk.model.QueryFilterOp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The app calls of a sync (Enterprise): apps are keyed by a uid the server makes; the search lists
 * each app's flow and whether it is enabled, the reads of one app carry its source.
 */
@Timeout(30)
class AppsContractTest {

  static final String FORM = """
      id: form
      type: io.kestra.plugin.ee.apps.Execution
      displayName: Request form
      namespace: company.team
      flowId: hello
      access: PRIVATE
      tags:
        - ops
        - forms
      """;
  static final String REPORT = """
      id: report
      type: io.kestra.plugin.ee.apps.Execution
      namespace: company.team.sub
      flowId: nightly
      tags:
        - reports
      """;
  static final String OTHER = """
      id: other
      type: io.kestra.plugin.ee.apps.Execution
      namespace: companyx
      flowId: elsewhere
      """;

  @ParameterizedTest
  @MethodSource("dev.driftless.kestra.contract.Server#enterprise")
  void everyAppCallOfASync_isAnsweredInTheSdksModels(Server server) {
    try (SdkSession s = SdkSession.start(server)) {
      syncCalls(s);
    }
  }

  @Test
  void apps_areAbsentFromOss() {
    try (SdkSession s = SdkSession.start(Server.OSS_1_3)) {
      s.refused("AppsApi.searchApps",
          404, () -> s.sdk().apps().searchApps(s.tenant(), 1, 10, null, null, null, null, null, null));
      s.refused("AppsApi.createApp", 404, () -> s.sdk().apps().createApp(s.tenant(), FORM));
    }
  }

  /**
   * Create, read, update, search (legacy parameters and filters), enable and disable one and in
   * bulk, tags, export, import, delete one and in bulk.
   */
  static void syncCalls(SdkSession s) {
    AppsApi apps = s.sdk().apps();
    String t = s.tenant();

    AppsControllerApiAppSource created = s.call("AppsApi.createApp", () -> apps.createApp(t, FORM));
    String uid = created.getUid();
    assertNotNull(uid, "the server's uid");
    assertAppSource(created, uid, FORM, false);
    assertEquals("Request form", created.getName());
    assertEquals(List.of("ops", "forms"), created.getTags());
    String reportUid = s.call("AppsApi.createApp", () -> apps.createApp(t, REPORT)).getUid();
    String otherUid = s.call("AppsApi.createApp", () -> apps.createApp(t, OTHER)).getUid();
    s.refused("AppsApi.createApp", 422, () -> apps.createApp(t, "id: incomplete\n"));

    assertAppSource(s.call("AppsApi.app", () -> apps.app(uid, t)), uid, FORM, false);
    String edited = FORM.replace("Request form", "Better form");
    s.run("AppsApi.updateApp", () -> apps.updateApp(uid, t, edited));
    assertAppSource(s.call("AppsApi.app", () -> apps.app(uid, t)), uid, edited, false);

    PagedResultsAppsControllerApiApp all = s.call("AppsApi.searchApps",
        () -> apps.searchApps(t, 1, 50, null, null, null, null, null, null));
    assertEquals(3L, all.getTotal());
    AppsControllerApiApp listed = byUid(all).get(uid);
    assertEquals("form", listed.getId());
    assertEquals("company.team", listed.getNamespace());
    assertEquals("hello", listed.getFlowId(), "a search lists each app's flow");
    assertEquals(Boolean.TRUE, listed.getEnabled(), "a search lists whether each app is enabled");
    assertEquals("io.kestra.plugin.ee.apps.Execution", listed.getType());
    assertEquals("Better form", listed.getName());

    assertEquals(Set.of(uid, reportUid), byUid(s.call("AppsApi.searchApps",
        () -> apps.searchApps(t, 1, 50, null, null, null, null, null, namespace(QueryFilterOp.PREFIX, "company.team"))))
        .keySet());
    assertEquals(Set.of(uid), byUid(s.call("AppsApi.searchApps",
        () -> apps.searchApps(t, 1, 50, null, null, null, null, null, namespace(QueryFilterOp.EQUALS, "company.team"))))
        .keySet());
    assertEquals(Set.of(uid, reportUid), byUid(s.call("AppsApi.searchApps",
        () -> apps.searchApps(t, 1, 50, null, "company.team", null, null, null, null))).keySet());
    assertEquals(Set.of(reportUid), byUid(s.call("AppsApi.searchApps",
        () -> apps.searchApps(t, 1, 50, null, null, "nightly", null, null, null))).keySet());
    assertEquals(Set.of(otherUid), byUid(s.call("AppsApi.searchApps",
        () -> apps.searchApps(t, 1, 50, "other", null, null, null, null, null))).keySet());
    assertEquals(Set.of(reportUid), byUid(s.call("AppsApi.searchApps",
        () -> apps.searchApps(t, 1, 50, null, null, null, null, List.of("reports"), null))).keySet());
    PagedResultsAppsControllerApiApp paged = s.call("AppsApi.searchApps",
        () -> apps.searchApps(t, 2, 2, null, null, null, null, null, null));
    assertEquals(3L, paged.getTotal());
    assertEquals(1, paged.getResults().size());

    AppsControllerApiApp disabled = s.call("AppsApi.disableApp", () -> apps.disableApp(uid, t));
    assertEquals(uid, disabled.getUid());
    assertEquals(Boolean.FALSE, disabled.getEnabled());
    assertAppSource(s.call("AppsApi.app", () -> apps.app(uid, t)), uid, edited, true);
    AppsControllerApiApp enabled = s.call("AppsApi.enableApp", () -> apps.enableApp(uid, t));
    assertEquals(Boolean.TRUE, enabled.getEnabled());
    assertEquals("hello", enabled.getFlowId());

    AppsControllerApiBulkOperationRequest both = new AppsControllerApiBulkOperationRequest().uids(List.of(uid, reportUid));
    s.call("AppsApi.bulkDisableApps", () -> apps.bulkDisableApps(t, both));
    assertEquals(Map.of(uid, false, reportUid, false, otherUid, true), enabledByUid(s));
    s.call("AppsApi.bulkEnableApps", () -> apps.bulkEnableApps(t, both));
    assertEquals(Map.of(uid, true, reportUid, true, otherUid, true), enabledByUid(s));

    assertEquals(List.of("forms", "ops", "reports"), s.call("AppsApi.listTags", () -> apps.listTags(t)).getTags());

    Map<String, String> export = Zip.entries(s.call("AppsApi.bulkExportApps", () -> apps.bulkExportApps(t, both)));
    assertEquals(Set.of(edited, REPORT), Set.copyOf(export.values()));

    String imported = OTHER.replace("id: other", "id: imported");
    AppsControllerApiBulkImportResponse result = s.call("AppsApi.bulkImportApps", () -> apps.bulkImportApps(t,
        s.upload("apps.zip", Zip.of(Map.of("imported.yaml", imported, "broken.yaml", "id: broken\n")))));
    assertEquals(1, result.getSuccess().size(), result.toString());
    assertEquals(1, result.getErrors().size(), result.toString());
    assertNotNull(result.getErrors().get(0).getMessage());
    assertEquals(4L, s.call("AppsApi.searchApps",
        () -> apps.searchApps(t, 1, 50, null, null, null, null, null, null)).getTotal());

    s.run("AppsApi.deleteApp", () -> apps.deleteApp(otherUid, t));
    s.refused("AppsApi.app", 404, () -> apps.app(otherUid, t));
    s.refused("AppsApi.deleteApp", 404, () -> apps.deleteApp(otherUid, t));
    s.call("AppsApi.bulkDeleteApps", () -> apps.bulkDeleteApps(t, both));
    assertEquals(1L, s.call("AppsApi.searchApps",
        () -> apps.searchApps(t, 1, 50, null, null, null, null, null, null)).getTotal());
  }

  private static void assertAppSource(AppsControllerApiAppSource app, String uid, String source, boolean disabled) {
    assertEquals(uid, app.getUid());
    assertEquals(source, app.getSource());
    assertTrue(app.getNamespace().startsWith("company"), app.getNamespace());
    assertEquals(disabled, app.getDisabled());
    assertNotNull(app.getCreated(), "created");
    assertNotNull(app.getUpdated(), "updated");
  }

  private static List<QueryFilter> namespace(QueryFilterOp op, String value) {
    return List.of(new QueryFilter().field(QueryFilterField.NAMESPACE).operation(op).value(value));
  }

  private static Map<String, AppsControllerApiApp> byUid(PagedResultsAppsControllerApiApp page) {
    assertNotNull(page.getTotal(), "total is required");
    Map<String, AppsControllerApiApp> out = new LinkedHashMap<>();
    page.getResults().forEach(a -> out.put(a.getUid(), a));
    assertEquals(new TreeSet<>(out.keySet()).size(), page.getResults().size(), "uids are unique");
    return out;
  }

  private static Map<String, Boolean> enabledByUid(SdkSession s) {
    Map<String, Boolean> out = new LinkedHashMap<>();
    s.call("AppsApi.searchApps", () -> s.sdk().apps().searchApps(s.tenant(), 1, 50, null, null, null, null, null, null))
        .getResults().forEach(a -> out.put(a.getUid(), a.getEnabled()));
    return out;
  }
}
