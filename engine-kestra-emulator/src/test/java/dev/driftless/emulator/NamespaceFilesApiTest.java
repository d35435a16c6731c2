package dev.driftless.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(15)
class NamespaceFilesApiTest {

  private static final String FILES = "/namespaces/dev/files";
  private static final byte[] BINARY = {0, 1, 2, (byte) 0xff, '\r', '\n', 'x'};

  private static KestraEmulator start(String version) {
    return KestraEmulator.builder().version(version).start();
  }

  @Test
  void upload_thenGet_returnsTheExactBytes() {
    try (KestraEmulator kestra = start("1.3.0")) {
      Http api = Http.at(kestra.apiUrl());
      Http.Res uploaded = api.postFile(FILES + "?path=/scripts/main.py", "fileContent", "blob", BINARY);
      assertEquals(200, uploaded.status(), uploaded.text());
      Http.Res read = api.get(FILES + "?path=/scripts/main.py");
      assertEquals(200, read.status());
      assertArrayEquals(BINARY, read.body());
      assertArrayEquals(BINARY, kestra.state().namespaceFile("main", "dev", "/scripts/main.py").orElseThrow());
      assertEquals(404, api.get(FILES + "?path=/scripts/missing.py").status());
    }
  }

  @Test
  void upload_withAWrongPartName_is500() {
    try (KestraEmulator kestra = start("0.20.7")) {
      Http.Res wrong = Http.at(kestra.apiUrl()).postFile(FILES + "?path=/a.txt", "file", "blob", BINARY);
      assertEquals(500, wrong.status());
      assertTrue(kestra.state().namespaceFilePaths("main", "dev").isEmpty());
    }
  }

  @Test
  void upload_ofAFileNamedZip_unpacksIntoTheRoot_andIgnoresPath() {
    try (KestraEmulator kestra = start("1.3.0")) {
      Map<String, byte[]> entries = new LinkedHashMap<>();
      entries.put("a.txt", Http.bytes("A"));
      entries.put("dir/b.txt", Http.bytes("B"));
      Http.Res uploaded = Http.at(kestra.apiUrl())
          .postFile(FILES + "?path=/archives/bundle.zip", "fileContent", "bundle.zip", Http.zip(entries));
      assertEquals(200, uploaded.status(), uploaded.text());
      assertEquals(List.of("/a.txt", "/dir/b.txt"), kestra.state().namespaceFilePaths("main", "dev"));
    }
  }

  @Test
  void upload_ofAZipUnderANeutralName_storesTheArchiveItself() {
    try (KestraEmulator kestra = start("1.3.0")) {
      byte[] zip = Http.zip(Map.of("a.txt", Http.bytes("A")));
      Http.at(kestra.apiUrl()).postFile(FILES + "?path=/archives/bundle.zip", "fileContent", "blob", zip);
      assertEquals(List.of("/archives/bundle.zip"), kestra.state().namespaceFilePaths("main", "dev"));
      assertArrayEquals(zip, kestra.state().namespaceFile("main", "dev", "/archives/bundle.zip").orElseThrow());
    }
  }

  @Test
  void directoryListing_isNotRecursive_and404sForAMissingDirectory() {
    try (KestraEmulator kestra = start("1.3.0")) {
      kestra.state().putNamespaceFile("main", "dev", "/top.txt", Http.bytes("12345"));
      kestra.state().putNamespaceFile("main", "dev", "/scripts/deep/x.py", Http.bytes("x"));
      Http api = Http.at(kestra.apiUrl());
      api.post(FILES + "/directory?path=/empty");

      JsonNode root = api.get(FILES + "/directory?path=/").json();
      assertEquals(List.of("empty:Directory", "scripts:Directory", "top.txt:File"), names(root));
      JsonNode top = root.get(2);
      assertEquals(5, top.get("size").asLong());
      assertTrue(top.get("creationTime").asLong() > 0 && top.get("lastModifiedTime").asLong() > 0);
      assertEquals(List.of("deep:Directory"), names(api.get(FILES + "/directory?path=/scripts").json()));
      assertEquals(List.of(), names(api.get(FILES + "/directory?path=/empty").json()));
      assertEquals(404, api.get(FILES + "/directory?path=/nope").status());
      assertEquals("File", api.get(FILES + "/stats?path=/top.txt").json().get("type").asText());
    }
  }

  private static List<String> names(JsonNode listing) {
    return StreamSupport.stream(listing.spliterator(), false)
        .map(e -> e.get("fileName").asText() + ":" + e.get("type").asText()).toList();
  }

  @Test
  void export_isAZipOfEveryFile_plusTheFlowsOn0_20Only() {
    try (KestraEmulator old = start("0.20.7"); KestraEmulator current = start("1.3.0")) {
      for (KestraEmulator kestra : List.of(old, current)) {
        kestra.state().putNamespaceFile("main", "dev", "/a.txt", Http.bytes("A"));
        kestra.state().putNamespaceFile("main", "dev", "/dir/sub/b.bin", BINARY);
        kestra.state().putFlowSource("main", Http.flow("dev", "hello"));
        kestra.state().putFlowSource("main", Http.flow("other", "elsewhere"));
      }
      Map<String, byte[]> oldZip = Http.unzip(Http.at(old.apiUrl()).get(FILES + "/export").body());
      assertEquals(List.of("a.txt", "dir/sub/b.bin", "_flows/hello.yml"), List.copyOf(oldZip.keySet()));
      assertEquals(Http.flow("dev", "hello"), Http.utf8(oldZip.get("_flows/hello.yml")));

      Map<String, byte[]> zip = Http.unzip(Http.at(current.apiUrl()).get(FILES + "/export").body());
      assertEquals(List.of("a.txt", "dir/sub/b.bin"), List.copyOf(zip.keySet()));
      assertArrayEquals(BINARY, zip.get("dir/sub/b.bin"));
    }
  }

  @Test
  void theFlowsFolder_isAForbiddenPath() {
    try (KestraEmulator kestra = start("1.3.0")) {
      Http api = Http.at(kestra.apiUrl());
      assertEquals(422, api.get(FILES + "?path=/_flows/hello.yml").status());
      assertEquals(422, api.postFile(FILES + "?path=/_flows/x.yml", "fileContent", "blob", BINARY).status());
      assertEquals(422, api.get(FILES + "/directory?path=/_flows").status());
    }
  }

  @Test
  void delete_isRecursive_andAnswers200EvenWhenMissing() {
    try (KestraEmulator kestra = start("1.3.0")) {
      kestra.state().putNamespaceFile("main", "dev", "/dir/a.txt", Http.bytes("A"));
      kestra.state().putNamespaceFile("main", "dev", "/dir/sub/b.txt", Http.bytes("B"));
      kestra.state().putNamespaceFile("main", "dev", "/keep.txt", Http.bytes("K"));
      Http api = Http.at(kestra.apiUrl());
      assertEquals(200, api.delete(FILES + "?path=/dir").status());
      assertEquals(List.of("/keep.txt"), kestra.state().namespaceFilePaths("main", "dev"));
      assertEquals(200, api.delete(FILES + "?path=/never/existed.txt").status());
    }
  }

  @Test
  void move_renamesAFile() {
    try (KestraEmulator kestra = start("1.3.0")) {
      kestra.state().putNamespaceFile("main", "dev", "/a.txt", Http.bytes("A"));
      Http api = Http.at(kestra.apiUrl());
      assertEquals(200, api.put(FILES + "?from=/a.txt&to=/moved/b.txt").status());
      assertEquals(List.of("/moved/b.txt"), kestra.state().namespaceFilePaths("main", "dev"));
      assertEquals(404, api.put(FILES + "?from=/a.txt&to=/c.txt").status());
    }
  }

  @Test
  void revisions_existFrom1_2() {
    try (KestraEmulator v11 = start("1.1.0"); KestraEmulator v12 = start("1.2.0")) {
      Http api = Http.at(v12.apiUrl());
      api.postFile(FILES + "?path=/a.txt", "fileContent", "blob", Http.bytes("one"));
      api.postFile(FILES + "?path=/a.txt", "fileContent", "blob", Http.bytes("two"));
      JsonNode revisions = api.get(FILES + "/revisions?path=/a.txt").json();
      assertEquals("[{\"revision\":1},{\"revision\":2}]", revisions.toString());
      assertEquals("one", api.get(FILES + "?path=/a.txt&revision=1").text());
      assertEquals("two", api.get(FILES + "?path=/a.txt").text());

      Http old = Http.at(v11.apiUrl());
      old.postFile(FILES + "?path=/a.txt", "fileContent", "blob", Http.bytes("one"));
      assertEquals(404, old.get(FILES + "/revisions?path=/a.txt").status());
      assertEquals("one", old.get(FILES + "?path=/a.txt&revision=7").text(), "revision is ignored before 1.2");
    }
  }

  @Test
  void pathSegmentsOver255Characters_areRefusedOnNewVersionsOnly() {
    String longName = "/" + "x".repeat(256) + ".txt";
    try (KestraEmulator old = start("0.20.7"); KestraEmulator current = start("1.3.0")) {
      assertEquals(200, Http.at(old.apiUrl()).postFile(FILES + "?path=" + longName, "fileContent", "blob", BINARY).status());
      Http.Res refused = Http.at(current.apiUrl()).postFile(FILES + "?path=" + longName, "fileContent", "blob", BINARY);
      assertEquals(422, refused.status());
      assertFalse(current.state().namespaceFile("main", "dev", longName).isPresent());
    }
  }
}
