package dev.driftless.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(15)
class FlowsApiTest {

  /** Comments, blank lines, odd indentation, CRLF, trailing blank lines and a --- inside a block string. */
  static final String TRICKY = "# leading comment\r\n"
      + "id: tricky\r\n"
      + "namespace: dev.team\r\n"
      + "\r\n"
      + "description:   odd   spacing   # trailing comment\r\n"
      + "tasks:\r\n"
      + "    -   id: hello\r\n"
      + "        type: io.kestra.plugin.core.log.Log\r\n"
      + "        message: |\r\n"
      + "          before\r\n"
      + "          ---\r\n"
      + "          after\r\n"
      + "\r\n\r\n";

  private static KestraEmulator start(String version) {
    return KestraEmulator.builder().version(version).start();
  }

  private static String filter(String prefix) {
    return URLEncoder.encode("filters[namespace][PREFIX]", StandardCharsets.UTF_8) + "=" + prefix;
  }

  @Test
  void postThenGet_withSource_returnsTheExactBytes() {
    try (KestraEmulator kestra = start("1.3.0")) {
      Http api = Http.at(kestra.apiUrl());
      Http.Res created = api.postYaml("/flows", TRICKY);
      assertEquals(200, created.status(), created.text());
      assertEquals(TRICKY, created.json().get("source").asText());
      assertEquals(1, created.json().get("revision").asInt());

      Http.Res withSource = api.get("/flows/dev.team/tricky?source=true");
      assertEquals(TRICKY, withSource.json().get("source").asText());
      assertEquals("before\n---\nafter\n", withSource.json().at("/tasks/0/message").asText());
      assertFalse(api.get("/flows/dev.team/tricky").json().has("source"), "source defaults to false");
      assertEquals(TRICKY, kestra.state().flowSource("main", "dev.team", "tricky").orElseThrow());
    }
  }

  @Test
  void exportByQuery_zipHoldsTheExactBytes_namedNamespaceDashId() {
    try (KestraEmulator kestra = start("1.3.0")) {
      Http api = Http.at(kestra.apiUrl());
      api.postYaml("/flows", TRICKY);
      api.postYaml("/flows", Http.flow("dev.team.sub", "child"));
      api.postYaml("/flows", Http.flow("devx", "other"));

      Http.Res export = api.get("/flows/export/by-query?" + filter("dev.team"));
      assertEquals(200, export.status());
      Map<String, byte[]> entries = Http.unzip(export.body());
      assertEquals(List.of("dev.team-tricky.yml", "dev.team.sub-child.yml"), List.copyOf(entries.keySet()));
      assertArrayEquals(Http.bytes(TRICKY), entries.get("dev.team-tricky.yml"));
    }
  }

  @Test
  void exportByIds_namesEntriesPerVersion_andHoldsTheExactBytes() {
    try (KestraEmulator old = start("0.20.7"); KestraEmulator current = start("1.3.0")) {
      String ids = "[{\"namespace\":\"dev.team\",\"id\":\"tricky\"}]";
      Http oldApi = Http.at(old.apiUrl());
      oldApi.postYaml("/flows", TRICKY);
      Map<String, byte[]> oldEntries = Http.unzip(oldApi.postJson("/flows/export/by-ids", ids).body());
      assertArrayEquals(Http.bytes(TRICKY), oldEntries.get("dev.team.tricky.yml"));

      Http api = Http.at(current.apiUrl());
      api.postYaml("/flows", TRICKY);
      Map<String, byte[]> entries = Http.unzip(api.postJson("/flows/export/by-ids", ids).body());
      assertArrayEquals(Http.bytes(TRICKY), entries.get("dev.team.tricky.yaml"));
      assertEquals(404, api.postJson("/flows/export/by-ids", "[{\"namespace\":\"dev\",\"id\":\"none\"}]").status());
    }
  }

  @Test
  void put_withIdenticalSource_makesNoNewRevision() {
    try (KestraEmulator kestra = start("1.3.0")) {
      Http api = Http.at(kestra.apiUrl());
      api.postYaml("/flows", TRICKY);
      Http.Res same = api.putYaml("/flows/dev.team/tricky", TRICKY);
      assertEquals(200, same.status());
      assertEquals(1, same.json().get("revision").asInt());
      assertEquals(1, api.get("/flows/dev.team/tricky/revisions").json().size());
    }
  }

  @Test
  void put_withOnlyACommentChanged_makesANewRevision() {
    try (KestraEmulator kestra = start("1.3.0")) {
      Http api = Http.at(kestra.apiUrl());
      api.postYaml("/flows", TRICKY);
      String edited = TRICKY.replace("# leading comment", "# another comment");
      Http.Res updated = api.putYaml("/flows/dev.team/tricky", edited);
      assertEquals(2, updated.json().get("revision").asInt());
      JsonNode revisions = api.get("/flows/dev.team/tricky/revisions").json();
      assertEquals(2, revisions.size());
      assertEquals(TRICKY, revisions.get(0).get("source").asText());
      assertEquals(edited, revisions.get(1).get("source").asText());
      assertEquals(TRICKY, api.get("/flows/dev.team/tricky?source=true&revision=1").json().get("source").asText());
    }
  }

  @Test
  void put_neverCreates_andRefusesAnIdOrNamespaceChange() {
    try (KestraEmulator kestra = start("1.3.0")) {
      Http api = Http.at(kestra.apiUrl());
      assertEquals(404, api.putYaml("/flows/dev/a", Http.flow("dev", "a")).status());
      assertTrue(kestra.state().flows("main").isEmpty());

      api.postYaml("/flows", Http.flow("dev", "a"));
      Http.Res renamed = api.putYaml("/flows/dev/a", Http.flow("dev", "b"));
      assertEquals(422, renamed.status());
      assertEquals("flow.id", renamed.json().at("/_embedded/errors/0/path").asText());
      assertEquals(422, api.putYaml("/flows/dev/a", Http.flow("prod", "a")).status());
    }
  }

  @Test
  void delete_isSoft_andACreateAfterwardsContinuesTheRevisions() {
    try (KestraEmulator kestra = start("1.3.0")) {
      Http api = Http.at(kestra.apiUrl());
      api.postYaml("/flows", Http.flow("dev", "a"));
      api.putYaml("/flows/dev/a", Http.flow("dev", "a") + "# edit\n");
      assertEquals(204, api.delete("/flows/dev/a").status());
      assertEquals(404, api.delete("/flows/dev/a").status());
      assertEquals(404, api.get("/flows/dev/a").status());
      JsonNode deleted = api.get("/flows/dev/a?allowDeleted=true").json();
      assertTrue(deleted.get("deleted").asBoolean());
      assertEquals(3, deleted.get("revision").asInt());
      assertEquals(2, api.get("/flows/dev/a/revisions").json().size());
      assertEquals(3, api.get("/flows/dev/a/revisions?allowDelete=true").json().size());
      assertTrue(kestra.state().flowRevisions("main", "dev", "a").get(2).deleted());

      assertEquals(4, api.postYaml("/flows", Http.flow("dev", "a")).json().get("revision").asInt());
    }
  }

  @Test
  void create_withAnExistingId_is422UpTo1x_and409From2x() {
    try (KestraEmulator v1 = start("1.3.0"); KestraEmulator v2 = start("2.0.1")) {
      Http api1 = Http.at(v1.apiUrl());
      api1.postYaml("/flows", Http.flow("dev", "a"));
      Http.Res dup1 = api1.postYaml("/flows", Http.flow("dev", "a"));
      assertEquals(422, dup1.status());
      assertEquals("flow.id", dup1.json().at("/_embedded/errors/0/path").asText());

      Http api2 = Http.at(v2.apiUrl());
      api2.postYaml("/flows", Http.flow("dev", "a"));
      Http.Res dup2 = api2.postYaml("/flows", Http.flow("dev", "a"));
      assertEquals(409, dup2.status());
      assertTrue(dup2.json().get("type").asText().endsWith("/entity-already-exists"));
    }
  }

  @Test
  void reservedFlowIds_areRefusedFrom1_0_only() {
    try (KestraEmulator old = start("0.23.0"); KestraEmulator v1 = start("1.0.4")) {
      assertEquals(200, Http.at(old.apiUrl()).postYaml("/flows", Http.flow("dev", "executions")).status());
      Http.Res refused = Http.at(v1.apiUrl()).postYaml("/flows", Http.flow("dev", "executions"));
      assertEquals(422, refused.status());
      assertEquals("", refused.json().at("/_embedded/errors/0/path").asText(), "a flow-wide violation, as on Kestra");
      assertTrue(refused.json().at("/_embedded/errors/0/message").asText().contains("reserved keyword: executions"),
          refused.text());
    }
  }

  @Test
  void search_pagesFromOne_withoutSource_andPrefixMeansNamespaceAndChildren() {
    try (KestraEmulator kestra = start("1.3.0")) {
      Http api = Http.at(kestra.apiUrl());
      for (String ns : List.of("dev", "dev.a", "dev.a.b", "devx", "prod")) {
        api.postYaml("/flows", Http.flow(ns, "f"));
      }
      JsonNode page1 = api.get("/flows/search?page=1&size=2&sort=namespace:asc&" + filter("dev")).json();
      assertEquals(3, page1.get("total").asInt());
      assertEquals(List.of("dev", "dev.a"), namespaces(page1.get("results")));
      assertFalse(page1.get("results").get(0).has("source"));
      JsonNode page2 = api.get("/flows/search?page=2&size=2&sort=namespace:asc&" + filter("dev")).json();
      assertEquals(List.of("dev.a.b"), namespaces(page2.get("results")));

      JsonNode legacy = api.get("/flows/search?size=50&namespace=dev.a").json();
      assertEquals(2, legacy.get("total").asInt());
      assertEquals(422, api.get("/flows/search?page=0").status());

      assertEquals(List.of("dev.a"), namespaces(api.get("/flows/dev.a").json()));
    }
  }

  private static List<String> namespaces(JsonNode flows) {
    return StreamSupport.stream(flows.spliterator(), false).map(f -> f.get("namespace").asText()).toList();
  }

  @Test
  void bulk_splitsNaivelyOnDashes_soADashLineInsideABlockStringBreaksTheCall() {
    try (KestraEmulator kestra = start("1.3.0")) {
      Http api = Http.at(kestra.apiUrl());
      String body = TRICKY + "---\n" + Http.flow("dev.team", "second");
      Http.Res bulk = api.postYaml("/flows/bulk?delete=false", body);
      assertEquals(422, bulk.status(), "the --- inside the block string splits the flow in two");
      assertTrue(kestra.state().flows("main").isEmpty(), "nothing is applied");
      assertEquals(200, api.postYaml("/flows", TRICKY).status(), "per-flow POST handles the same source");
    }
  }

  @Test
  void bulk_trimsEveryPart_soStoredSourcesLoseSurroundingWhitespace() {
    try (KestraEmulator kestra = start("1.3.0")) {
      Http api = Http.at(kestra.apiUrl());
      String first = "\n# first\n" + Http.flow("dev", "a");
      String second = Http.flow("dev", "b");
      Http.Res bulk = api.postYaml("/flows/bulk", first + "---\n" + second);
      assertEquals(200, bulk.status(), bulk.text());
      assertEquals(first.trim(), kestra.state().flowSource("main", "dev", "a").orElseThrow());
      assertNotEquals(first, kestra.state().flowSource("main", "dev", "a").orElseThrow());
      assertEquals(second.trim(), kestra.state().flowSource("main", "dev", "b").orElseThrow());
    }
  }

  @Test
  void namespaceReplace_deletesFlowsMissingFromTheBody_byDefault() {
    try (KestraEmulator kestra = start("1.3.0")) {
      Http api = Http.at(kestra.apiUrl());
      api.postYaml("/flows", Http.flow("dev", "old"));
      api.postYaml("/flows", Http.flow("dev", "kept"));
      api.postYaml("/flows", Http.flow("prod", "untouched"));
      Http.Res replaced = api.postYaml("/flows/dev", Http.flow("dev", "kept") + "---\n" + Http.flow("dev", "new"));
      assertEquals(200, replaced.status(), replaced.text());
      List<String> live = kestra.state().flows("main").stream().map(f -> f.namespace() + "." + f.id()).toList();
      assertEquals(List.of("dev.kept", "dev.new", "prod.untouched"), live);
      assertEquals(422, api.postYaml("/flows/dev", Http.flow("prod", "x")).status(), "flows of another namespace");
    }
  }

  @Test
  void validate_isAlways200_withOneResultPerDocument() {
    try (KestraEmulator kestra = start("1.3.0")) {
      Http api = Http.at(kestra.apiUrl());
      String body = Http.flow("dev", "good") + "---\n" + "id: bad\nnamespace: dev\ntasks: []\n";
      Http.Res validated = api.postYaml("/flows/validate", body);
      assertEquals(200, validated.status());
      JsonNode results = validated.json();
      assertEquals(2, results.size());
      assertEquals(0, results.get(0).get("index").asInt());
      assertEquals("good", results.get(0).get("flow").asText());
      assertFalse(results.get(0).has("constraints"));
      assertEquals("bad", results.get(1).get("flow").asText());
      assertTrue(results.get(1).get("constraints").asText().contains("tasks"));
      assertTrue(results.get(1).get("deprecationPaths").isArray());
      assertFalse(results.get(1).get("outdated").asBoolean());
    }
  }

  @Test
  void disableByIds_rewritesTheSource_andMakesARevision() {
    try (KestraEmulator kestra = start("1.3.0")) {
      Http api = Http.at(kestra.apiUrl());
      api.postYaml("/flows", Http.flow("dev", "a"));
      Http.Res disabled = api.postJson("/flows/disable/by-ids", "[{\"namespace\":\"dev\",\"id\":\"a\"}]");
      assertEquals(1, disabled.json().get("count").asInt());
      JsonNode flow = api.get("/flows/dev/a?source=true").json();
      assertEquals(2, flow.get("revision").asInt());
      assertTrue(flow.get("disabled").asBoolean());
      assertEquals(Http.flow("dev", "a") + "disabled: true\n", flow.get("source").asText());

      api.postJson("/flows/enable/by-ids", "[{\"namespace\":\"dev\",\"id\":\"a\"}]");
      assertEquals(Http.flow("dev", "a") + "disabled: false\n", kestra.state().flowSource("main", "dev", "a").orElseThrow());
    }
  }

  @Test
  void deleteByIds_countsDeletions_and404sOnAMissingFlow() {
    try (KestraEmulator kestra = start("1.3.0")) {
      Http api = Http.at(kestra.apiUrl());
      api.postYaml("/flows", Http.flow("dev", "a"));
      api.postYaml("/flows", Http.flow("dev", "b"));
      Http.Res deleted = api.deleteJson("/flows/delete/by-ids", "[{\"namespace\":\"dev\",\"id\":\"a\"}]");
      assertEquals(1, deleted.json().get("count").asInt());
      assertEquals(404, api.deleteJson("/flows/delete/by-ids", "[{\"namespace\":\"dev\",\"id\":\"zzz\"}]").status());
      assertEquals(1, kestra.state().flows("main").size());
    }
  }

  @Test
  void import_readsAZipOfSources_andListsTheFilesItCouldNotImport() {
    try (KestraEmulator kestra = start("1.3.0")) {
      Http api = Http.at(kestra.apiUrl());
      byte[] zip = Http.zip(Map.of(
          "good.yml", Http.bytes(TRICKY),
          "bad.yml", Http.bytes("id: bad\nnamespace: dev\n")));
      Http.Res imported = api.postFile("/flows/import", "fileUpload", "flows.zip", zip);
      assertEquals(200, imported.status(), imported.text());
      assertEquals("[\"bad.yml\"]", imported.text());
      assertEquals(TRICKY, kestra.state().flowSource("main", "dev.team", "tricky").orElseThrow());
      assertEquals(422, api.postFile("/flows/import?failOnError=true", "fileUpload", "flows.zip", zip).status());
    }
  }

  @Test
  void drafts_existFrom2_0_andAreIgnoredBefore() {
    try (KestraEmulator v1 = start("1.3.0"); KestraEmulator v2 = start("2.0.1")) {
      Http api2 = Http.at(v2.apiUrl());
      Http.Res draft = api2.postYaml("/flows?draft=true", Http.flow("dev", "a"));
      assertTrue(draft.json().get("draft").asBoolean(), draft.text());
      assertTrue(v2.state().flowRevisions("main", "dev", "a").get(0).draft());

      Http.Res ignored = Http.at(v1.apiUrl()).postYaml("/flows?draft=true", Http.flow("dev", "a"));
      assertFalse(ignored.json().has("draft"));
      assertFalse(v1.state().flowRevisions("main", "dev", "a").get(0).draft());
    }
  }

  @Test
  void jsonBodiedCreate_regeneratesTheSource_andLosesComments() {
    try (KestraEmulator kestra = start("1.3.0")) {
      Http api = Http.at(kestra.apiUrl());
      String json = "{\"id\":\"a\",\"namespace\":\"dev\",\"tasks\":[{\"id\":\"t\",\"type\":\"io.kestra.plugin.core.log.Log\",\"message\":\"hi\"}]}";
      assertEquals(200, api.postJson("/flows", json).status());
      String stored = kestra.state().flowSource("main", "dev", "a").orElseThrow();
      assertTrue(stored.contains("id: a") && stored.contains("type: io.kestra.plugin.core.log.Log"), stored);
    }
  }

  @Test
  void seededBrokenSource_isServedVerbatim_withAnException() {
    try (KestraEmulator kestra = start("1.3.0")) {
      String broken = "id: broken\nnamespace: dev\ntasks: [unclosed\n";
      FlowRevision seeded = kestra.state().putFlowSource("main", broken);
      assertEquals(1, seeded.revision());
      JsonNode flow = Http.at(kestra.apiUrl()).get("/flows/dev/broken?source=true").json();
      assertEquals(broken, flow.get("source").asText());
      assertTrue(flow.has("exception"));
      Map<String, byte[]> export = Http.unzip(Http.at(kestra.apiUrl()).get("/flows/export/by-query").body());
      assertArrayEquals(Http.bytes(broken), export.get("dev-broken.yml"));
    }
  }
}
