package dev.driftless.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What Kestra 0.20 does to what it stores, as seen on a real 0.20.7 server, and what later versions do. */
@Timeout(30)
class LegacyStorageTest {

  private static final String VERSIONED = "id: a\nnamespace: dev\nrevision: 3\ntasks:\n  - id: t\n"
      + "    type: io.kestra.plugin.core.log.Log\n    message: hi\n";

  @Test
  void on0_20_theRevisionLine_isMissingFromEverySourceServed_andEachPutMakesARevision() {
    try (KestraEmulator kestra = KestraEmulator.builder().version("0.20.7").start()) {
      Http api = Http.at(kestra.apiUrl());
      assertEquals(200, api.postYaml("/flows", VERSIONED).status());
      String served = VERSIONED.replace("revision: 3\n", "");
      assertEquals(served, api.get("/flows/dev/a?source=true").json().get("source").asText());
      assertEquals(served, Http.utf8(Http.unzip(api.get("/flows/export/by-query?namespace=dev").body())
          .get("dev.a.yml")), "the export serves it the same way");
      api.putYaml("/flows/dev/a", VERSIONED);
      api.putYaml("/flows/dev/a", VERSIONED);
      assertEquals(3, api.get("/flows/dev/a").json().get("revision").asInt(), "each identical PUT is a new revision");
    }
  }

  @Test
  void from0_21_theRevisionLine_isKept_butAnUpdateChangingOnlyIt_isNoChange() {
    try (KestraEmulator kestra = KestraEmulator.builder().version("1.3.0").start()) {
      Http api = Http.at(kestra.apiUrl());
      api.postYaml("/flows", VERSIONED);
      assertEquals(VERSIONED, api.get("/flows/dev/a?source=true").json().get("source").asText());
      JsonNode after = api.putYaml("/flows/dev/a", VERSIONED.replace("revision: 3", "revision: 4")).json();
      assertEquals(1, after.get("revision").asInt());
      assertEquals(VERSIONED, after.get("source").asText(), "the old text is kept");
    }
  }

  @Test
  void on0_20_fileNames_areStoredAltered_spaceAsPlus_cutAtHash_percentRefused() {
    try (KestraEmulator kestra = KestraEmulator.builder().version("0.20.7").start()) {
      Http api = Http.at(kestra.apiUrl());
      byte[] hello = Http.bytes("hello");
      assertEquals(200, api.postFile("/namespaces/dev/files?path=/a%20b.txt", "fileContent", "blob", hello).status());
      assertEquals(200, api.postFile("/namespaces/dev/files?path=/c%23d.txt", "fileContent", "blob", hello).status());
      assertEquals(200, api.postFile("/namespaces/dev/files?path=/g%2Bh.txt", "fileContent", "blob", hello).status());
      Http.Res percent = api.postFile("/namespaces/dev/files?path=/e%25f.txt", "fileContent", "blob", hello);
      assertEquals(422, percent.status());
      assertEquals("Illegal argument: Malformed escape pair at index 22: kestra:///dev/_files/e%f.txt",
          percent.json().get("message").asText());

      List<String> names = new ArrayList<>();
      api.get("/namespaces/dev/files/directory?path=/").json().forEach(f -> names.add(f.get("fileName").asText()));
      assertEquals(List.of("a+b.txt", "c", "g+h.txt"), names.stream().sorted().toList());
      assertEquals("hello", api.get("/namespaces/dev/files?path=/a%20b.txt").text(), "the name as sent reads the altered one");
      api.delete("/namespaces/dev/files?path=/a%20b.txt");
      assertEquals(404, api.get("/namespaces/dev/files?path=/a%2Bb.txt").status(), "and deletes it");
    }
  }

  @Test
  void from0_22_fileNames_areStoredAsSent() {
    try (KestraEmulator kestra = KestraEmulator.builder().version("1.3.0").start()) {
      Http api = Http.at(kestra.apiUrl());
      api.postFile("/namespaces/dev/files?path=/a%20b%23c%25.txt", "fileContent", "blob", Http.bytes("x"));
      assertEquals("x", api.get("/namespaces/dev/files?path=/a%20b%23c%25.txt").text());
    }
  }

  @Test
  void on0_20_theNamespaceSearch_listsOnlyNamespacesOfFlows_theirParents_andSystem() {
    try (KestraEmulator kestra = KestraEmulator.builder().version("0.20.7").start()) {
      Http api = Http.at(kestra.apiUrl());
      api.postYaml("/flows", Http.flow("company.team", "a"));
      api.postFile("/namespaces/files.only/files?path=/x.txt", "fileContent", "blob", Http.bytes("x"));
      for (String query : List.of("", "?existing=true")) {
        JsonNode found = api.get("/namespaces/search" + query).json();
        List<String> ids = new ArrayList<>();
        found.get("results").forEach(n -> {
          ids.add(n.get("id").asText());
          assertTrue(n.get("disabled").asBoolean(), n.toString());
        });
        assertEquals(List.of("company", "company.team", "system"), ids, query);
        assertFalse(ids.contains("files.only"));
      }
    }
  }

  @Test
  void aTopLevelTenantId_sendsTheFlowIntoThatTenant_outOfSight() {
    try (KestraEmulator kestra = KestraEmulator.builder().version("0.20.7").start()) {
      Http api = Http.at(kestra.apiUrl());
      String flow = Http.flow("dev", "moved").replace("tasks:", "tenantId: other\ntasks:");
      assertEquals(200, api.postYaml("/flows", flow).status());
      assertEquals(404, api.get("/flows/dev/moved").status(), "not in the tenant it was sent to");
      assertEquals(422, api.postYaml("/flows", flow).status(), "but there, where it already exists");
    }
    try (KestraEmulator kestra = KestraEmulator.builder().version("1.3.0").start()) {
      Http api = Http.at(kestra.apiUrl());
      assertEquals(200, api.postYaml("/flows", Http.flow("dev", "kept").replace("tasks:", "tenantId: other\ntasks:"))
          .status());
      assertEquals(200, api.get("/flows/dev/kept").status(), "from 0.23 the path decides the tenant");
    }
  }

  @Test
  void aMissingFile_is404_withItsPathInStorage() {
    try (KestraEmulator kestra = KestraEmulator.builder().version("0.20.7").start()) {
      Http.Res missing = Http.at(kestra.apiUrl()).get("/namespaces/company.team/files?path=/nope.txt");
      assertEquals(404, missing.status());
      assertEquals("Not Found: /app/storage/company/team/_files/nope.txt (No such file or directory)",
          missing.json().get("message").asText());
    }
  }
}
