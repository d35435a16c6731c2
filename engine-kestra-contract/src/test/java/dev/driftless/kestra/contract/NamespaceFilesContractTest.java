package dev.driftless.kestra.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.emulator.Mode;
import io.kestra.sdk.api.FilesApi;
import io.kestra.sdk.model.FileAttributes;
import io.kestra.sdk.model.FileAttributesFileType;
import io.kestra.sdk.model.NamespaceFileRevision;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The namespace file calls of a sync, through the SDK. */
@Timeout(30)
class NamespaceFilesContractTest {

  static final String NS = "company.team";
  static final byte[] HELLO = "print('hi')\n".getBytes(StandardCharsets.UTF_8);
  static final byte[] HELLO_EDITED = "print('hi again')\n".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @MethodSource("dev.driftless.kestra.contract.Server#all")
  void everyNamespaceFileCallOfASync_isAnsweredInTheSdksModels(Server server) {
    try (SdkSession s = SdkSession.start(server)) {
      syncCalls(s);
    }
  }

  @Test
  void fileRevisions_areAbsentBefore1_2() {
    try (SdkSession s = SdkSession.start(new Server(Mode.OSS, "1.1.0"))) {
      s.kestra().state().putNamespaceFile(s.tenant(), NS, "/a.txt", HELLO);
      s.refused("FilesApi.fileRevisions", 404, () -> s.sdk().files().fileRevisions(NS, s.tenant(), "/a.txt"));
      assertArrayEquals(HELLO, SdkSession.consume(
          s.call("FilesApi.fileContent", () -> s.sdk().files().fileContent(NS, "/a.txt", s.tenant(), null))));
    }
  }

  /**
   * Upload, read (latest and by revision), make a directory, list, stats, revisions, export, search,
   * move and delete.
   */
  static void syncCalls(SdkSession s) {
    FilesApi files = s.sdk().files();
    String t = s.tenant();

    s.run("FilesApi.createNamespaceFile",
        () -> files.createNamespaceFile(NS, "/scripts/hello.py", t, s.upload("hello.py", HELLO)));
    assertArrayEquals(HELLO, SdkSession.consume(
        s.call("FilesApi.fileContent", () -> files.fileContent(NS, "/scripts/hello.py", t, null))));
    s.run("FilesApi.createNamespaceFile",
        () -> files.createNamespaceFile(NS, "/scripts/hello.py", t, s.upload("local-name.tmp", HELLO_EDITED)));
    assertArrayEquals(HELLO_EDITED, SdkSession.consume(
        s.call("FilesApi.fileContent", () -> files.fileContent(NS, "/scripts/hello.py", t, null))));
    assertArrayEquals(HELLO, SdkSession.consume(
        s.call("FilesApi.fileContent", () -> files.fileContent(NS, "/scripts/hello.py", t, 1))));
    s.refused("FilesApi.fileContent", 404, () -> files.fileContent(NS, "/scripts/none.py", t, null));

    s.run("FilesApi.createNamespaceDirectory", () -> files.createNamespaceDirectory(NS, t, "/empty/deeper"));

    List<FileAttributes> root = s.call("FilesApi.listNamespaceDirectoryFiles",
        () -> files.listNamespaceDirectoryFiles(NS, t, "/"));
    assertEquals(Map.of("empty", FileAttributesFileType.Directory, "scripts", FileAttributesFileType.Directory),
        types(root));
    List<FileAttributes> scripts = s.call("FilesApi.listNamespaceDirectoryFiles",
        () -> files.listNamespaceDirectoryFiles(NS, t, "/scripts"));
    assertEquals(Map.of("hello.py", FileAttributesFileType.File), types(scripts));
    assertAttributes(scripts.get(0), "hello.py", HELLO_EDITED.length);

    FileAttributes stats = s.call("FilesApi.fileMetadatas", () -> files.fileMetadatas(NS, t, "/scripts/hello.py"));
    assertAttributes(stats, "hello.py", HELLO_EDITED.length);
    FileAttributes directory = s.call("FilesApi.fileMetadatas", () -> files.fileMetadatas(NS, t, "/empty"));
    assertEquals(FileAttributesFileType.Directory, directory.getType());

    List<NamespaceFileRevision> revisions = s.call("FilesApi.fileRevisions",
        () -> files.fileRevisions(NS, t, "/scripts/hello.py"));
    assertEquals(List.of(1, 2), revisions.stream().map(NamespaceFileRevision::getRevision).toList());

    Map<String, String> export = Zip.entries(
        s.call("FilesApi.exportNamespaceFiles", () -> files.exportNamespaceFiles(NS, t)));
    assertEquals(Map.of("scripts/hello.py", new String(HELLO_EDITED, StandardCharsets.UTF_8)), export);

    assertEquals(List.of("scripts/hello.py"),
        s.call("FilesApi.searchNamespaceFiles", () -> files.searchNamespaceFiles(NS, "hello", t)));

    s.run("FilesApi.moveFileDirectory",
        () -> files.moveFileDirectory(NS, URI.create("/scripts/hello.py"), URI.create("/scripts/renamed.py"), t));
    assertArrayEquals(HELLO_EDITED, SdkSession.consume(
        s.call("FilesApi.fileContent", () -> files.fileContent(NS, "/scripts/renamed.py", t, null))));
    s.refused("FilesApi.fileMetadatas", 404, () -> files.fileMetadatas(NS, t, "/scripts/hello.py"));

    s.run("FilesApi.deleteFileDirectory", () -> files.deleteFileDirectory(NS, "/scripts/renamed.py", t));
    s.run("FilesApi.deleteFileDirectory", () -> files.deleteFileDirectory(NS, "/empty", t));
    assertEquals(Map.of(), types(s.call("FilesApi.listNamespaceDirectoryFiles",
        () -> files.listNamespaceDirectoryFiles(NS, t, null))));
    assertEquals(List.of(), s.kestra().state().namespaceFilePaths(t, NS));
  }

  private static void assertAttributes(FileAttributes file, String name, long size) {
    assertEquals(name, file.getFileName());
    assertEquals(FileAttributesFileType.File, file.getType());
    assertEquals(size, file.getSize());
    assertNotNull(file.getCreationTime(), "creationTime");
    assertNotNull(file.getLastModifiedTime(), "lastModifiedTime");
    assertTrue(file.getLastModifiedTime() >= file.getCreationTime(), "modified after created");
  }

  private static Map<String, FileAttributesFileType> types(List<FileAttributes> listing) {
    Map<String, FileAttributesFileType> out = new java.util.TreeMap<>();
    listing.forEach(f -> out.put(f.getFileName(), f.getType()));
    return out;
  }
}
